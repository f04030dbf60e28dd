"""An agency user's to-do: what waits for them, what is due within DUE_SOON_DAYS, what is overdue, what comes next.

Each duty lands in one section: overdue (anyone's, the user's own marked), waiting for me (the user's role acts,
undated or due within the window), due soon (others', pending now or within the window), coming next (later, the
first few).
Within a section the page's own agency comes first, then the others it oversees, grouped by agency.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from isogov.accounts import access
from isogov.accounts.models import Role
from isogov.core.dates import add_days
from isogov.core.duties import Duty
from isogov.home.areas import all_duties
from isogov.registry.models import Agency, AgencyStatus

COMING_NEXT = 8  # how many later duties "Coming next" shows


@dataclass
class Item:
    duty: Duty
    agency: Agency
    mine: bool


@dataclass
class Group:
    agency: Agency
    own: bool
    items: list[Item] = field(default_factory=list)


@dataclass
class Todo:
    agency: Agency
    today: dt.date
    horizon: dt.date
    days: int
    waiting: list[Group]
    due_soon: list[Group]
    overdue: list[Group]
    coming: list[Group]

    @property
    def counts(self) -> dict[str, int]:
        """Duties per section, for the headings (a district's list runs long)."""
        return {name: sum(len(g.items) for g in getattr(self, name))
                for name in ("waiting", "due_soon", "overdue", "coming")}

    @property
    def empty(self) -> bool:
        return not (self.waiting or self.due_soon or self.overdue or self.coming)


def _grouped(items: list[Item], own: Agency) -> list[Group]:
    groups: dict[int, Group] = {}
    for item in items:
        groups.setdefault(item.agency.pk, Group(item.agency, item.agency.pk == own.pk)).items.append(item)
    return sorted(groups.values(), key=lambda g: (not g.own, g.agency.path))


def _by_date(item: Item):
    # Undated duties are to be done now: before the dated ones.
    return (item.duty.due is not None, item.duty.due or dt.date.min, item.duty.title)


def _mine(duty: Duty, user) -> bool:
    """The user's role acts, and where a head's signature is asked it is her own agency's: a district head does not
    sign or approve a commune's papers (access.can_approve_documents), its own head does."""
    if duty.actor != user.role:
        return False
    return duty.actor != Role.HEAD or duty.agency_id == user.agency_id


def todo(*, user, agency: Agency, today: dt.date) -> Todo:
    """`agency`'s to-do as `user` sees it: the duties of `agency` and of the agencies under it that `user` reads."""
    # Merged and dissolved agencies hand nothing out: their duties passed to their successors.
    agencies = {a.pk: a for a in access.agencies_readable(user).filter(path__startswith=agency.path,
                                                                          status=AgencyStatus.ACTIVE)}
    duties = all_duties(agency_ids=list(agencies), today=today)
    days = settings.ISOGOV["DUE_SOON_DAYS"]
    horizon = add_days(today, days)
    sections: dict[str, list[Item]] = {"waiting": [], "due_soon": [], "overdue": [], "coming": []}
    for duty in duties:
        if duty.agency_id not in agencies:  # an area that answered beyond the ids it was given
            continue
        item = Item(duty, agencies[duty.agency_id], mine=_mine(duty, user))
        if duty.overdue(today):
            sections["overdue"].append(item)
        elif duty.due is not None and duty.due > horizon:
            sections["coming"].append(item)
        elif item.mine:
            sections["waiting"].append(item)
        else:  # someone else's, undated (pending now) or within the window
            sections["due_soon"].append(item)
    for items in sections.values():
        items.sort(key=_by_date)
    sections["coming"] = sections["coming"][:COMING_NEXT]
    return Todo(agency, today, horizon, days, **{name: _grouped(items, agency) for name, items in sections.items()})
