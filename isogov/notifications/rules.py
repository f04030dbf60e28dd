"""When a duty is reminded, at which level, and to whom.

- due: within the duty's lead time (REMINDER_LEAD_DAYS, by kind), or at once when it has no date: to the people
  whose role acts on it (Duty.actor) in its agency;
- overdue: from the day after its due date: to them and to the agency's head;
- escalated: more than REMINDER_ESCALATION_DAYS overdue: to the programme lead.
A person is told only of an agency they may read (accounts.access), checked again when the page or mail shows it.
"""
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings

from isogov.accounts import access
from isogov.accounts.models import Role
from isogov.core.dates import add_days
from isogov.core.duties import Duty
from isogov.notifications.models import Level

# Roles that act for the whole province: whoever holds one is reminded of the duties given to that role anywhere.
PROVINCE_WIDE = {Role.PROVINCE_ADMIN.value, Role.INSPECTOR.value}


def lead_days(kind: str) -> int:
    leads = settings.ISOGOV["REMINDER_LEAD_DAYS"]
    return leads.get(kind, leads["default"])


def levels(duty: Duty, today: dt.date) -> list[str]:
    """The levels `duty` has reached on `today` (a level once reached stays reached; the rows make it once)."""
    if duty.due is None:
        return [Level.DUE]
    if duty.due >= today:
        return [Level.DUE] if add_days(duty.due, -lead_days(duty.kind)) <= today else []
    if (today - duty.due).days > settings.ISOGOV["REMINDER_ESCALATION_DAYS"]:
        return [Level.OVERDUE, Level.ESCALATED]
    return [Level.OVERDUE]


class Recipients:
    """Who is told of a duty at each level, from one list of the active users (loaded once per run)."""

    def __init__(self, users: Iterable, agencies: dict):
        self.agencies = agencies
        self.by_agency_role: dict[tuple[int, str], list] = defaultdict(list)
        self.by_role: dict[str, list] = defaultdict(list)
        for user in users:
            if user.role in PROVINCE_WIDE:
                self.by_role[user.role].append(user)
            elif user.agency_id:
                self.by_agency_role[(user.agency_id, user.role)].append(user)

    def _acting(self, agency_id: int, role: str) -> list:
        return self.by_role[role] if role in PROVINCE_WIDE else self.by_agency_role[(agency_id, role)]

    def __call__(self, duty: Duty, level: str) -> list:
        if level == Level.DUE:
            people = self._acting(duty.agency_id, duty.actor)
        elif level == Level.OVERDUE:
            people = self._acting(duty.agency_id, duty.actor) + self._acting(duty.agency_id, Role.HEAD)
        else:
            people = self.by_role[Role.PROVINCE_ADMIN]
        agency = self.agencies[duty.agency_id]
        # The guard: nobody is told of an agency they may not read (an account moved, a role's scope narrowed).
        unique = {u.pk: u for u in people}
        return [u for u in unique.values() if access.can_read_agency(u, agency)]
