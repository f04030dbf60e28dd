"""Dated duties to be reminded of, made through the areas' own services, and a run on a given day."""
import datetime as dt

from django.core import mail
from django.utils import timezone

from isogov.notifications.models import Notification
from isogov.notifications.services import run_reminders
from isogov.risks import services as risks

# Far enough ahead that the validators' "not after next year" holds and the lead time of 30 days starts later.
DUE = timezone.localdate() + dt.timedelta(days=60)


def day(offset: int) -> dt.date:
    return DUE + dt.timedelta(days=offset)


def risk_action(agency, secretary, description: str, due: dt.date = DUE):
    """A risk treatment action of `agency` due on `due` (the duty "risks.action", the secretary's). The risk's own
    review is a year ahead: its reminder does not come within these tests' days."""
    risk = risks.risk_create(agency=agency, actor=secretary, kind="risk", description=f"Rủi ro: {description}",
                             likelihood=3, impact=3, owner="Văn phòng", review_date=day(330))
    return risks.action_add(risk=risk, actor=secretary, description=description, owner="Văn phòng", due_date=due)


def run(offset: int):
    """Run the reminders on DUE + offset; the mails it sent and the notifications it made."""
    before = len(mail.outbox)
    result = run_reminders(today=day(offset))
    return mail.outbox[before:], list(Notification.objects.filter(run=result).order_by("user__username", "level"))


def who(notes) -> list[tuple[str, str]]:
    return sorted((n.user.username, n.level) for n in notes)


def recipients(messages) -> list[str]:
    return sorted(address for m in messages for address in m.to)


def with_email(*users):
    for user in users:
        user.email = f"{user.username}@travinh.gov.vn"
        user.save(update_fields=["email"])
