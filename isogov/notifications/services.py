"""Writes of the notifications: the daily reminder run, the digests it mails, read marks and preferences.

`run_reminders(today=)` is idempotent for a day: a notification is a row per (person, duty key, level) under a
unique rule, inserted with conflicts ignored, so a second run (or one running at the same time) adds nothing and
mails nothing twice (mail.send_digests claims the rows it mails). Its reads do not grow with the duties or the
people: each area's queries once per language, then a fixed handful; the only writes per person are the claim and
the mark around each digest mailed (tests/test_run.py).

Read marks are not audit-logged: they are the reader's own view of their inbox and change no record of anyone's.
The run and the preferences are.
"""
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from isogov.accounts.models import AGENCY_ROLES, User
from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.home.areas import all_duties
from isogov.notifications import mail, rules
from isogov.notifications.models import Level, MailState, Notification, Preference, ReminderRun
from isogov.registry.models import Agency, AgencyStatus

RUN_FIELDS = ("date", "notifications", "closed", "emails")
PREFERENCE_FIELDS = ("language", "email_due", "email_overdue", "email_escalated")
BATCH = 500


def _gathered(today: dt.date) -> tuple[list, dict[str, dict[str, str]]]:
    """Every agency's duties, and each duty's title in every language of the site (the areas word them)."""
    titles: dict[str, dict[str, str]] = {}
    duties = []
    # A merged or dissolved agency hands out nothing: its duties passed to its successor (as on the home page).
    active = set(Agency.objects.filter(status=AgencyStatus.ACTIVE).values_list("pk", flat=True))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found = [d for d in all_duties(agency_ids=None, today=today) if d.agency_id in active]
        for duty in found:
            titles.setdefault(duty.key, {})[language] = duty.title
        if not duties:
            duties = found
    return duties, titles


def _mail_state(user, level: str) -> str:
    preference = getattr(user, "notification_preference", None)
    if not user.email or (preference is not None and not preference.wants_email(level)):
        return MailState.NOT_WANTED
    return MailState.PENDING


def _users():
    return (User.objects.filter(is_active=True)
            .filter(Q(role__in=rules.PROVINCE_WIDE) | Q(role__in=AGENCY_ROLES, agency__isnull=False))
            .select_related("agency", "notification_preference"))


def _close(keys: set[str], today: dt.date) -> int:
    """Close the notifications of duties no longer gathered (done, cancelled, re-dated): unsent ones are dropped."""
    gone = [pk for pk, key in Notification.objects.filter(closed_on=None).values_list("pk", "key") if key not in keys]
    for start in range(0, len(gone), BATCH):
        chunk = gone[start:start + BATCH]
        Notification.objects.filter(pk__in=chunk, mail_state=MailState.PENDING, mail_batch=None).update(
            mail_state=MailState.DROPPED)
        Notification.objects.filter(pk__in=chunk).update(closed_on=today)
    return len(gone)


@transaction.atomic
def _notify(run: ReminderRun, today: dt.date) -> None:
    duties, titles = _gathered(today)
    agencies = Agency.objects.only("pk", "code", "name", "path").in_bulk([d.agency_id for d in duties])
    recipients = rules.Recipients(_users(), agencies)
    rows = []
    for duty in duties:
        for level in rules.levels(duty, today):
            for user in recipients(duty, level):
                note = Notification(user=user, key=duty.key, kind=duty.kind, level=level, agency_id=duty.agency_id,
                                    due=duty.due, url=duty.url, titles=titles[duty.key], created_on=today, run=run,
                                    mail_state=_mail_state(user, level))
                note.clean_fields(exclude=["user", "agency", "run"])  # the relations are the rows just read
                rows.append(note)
    # A row already there (an earlier run, or one running now) is skipped by the unique rule, not an error.
    Notification.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    run.closed = _close(set(titles), today)


def run_reminders(*, today: dt.date, progress=None) -> ReminderRun:
    """The daily run: new notifications for every duty that reached a level, closings, then one digest a person.
    `progress(done, total)`: the queue's job (mail.send_digests)."""
    run = ReminderRun(date=today)
    run.full_clean()
    run.save()
    _notify(run, today)
    run.notifications = Notification.objects.filter(run=run).count()
    run.emails = mail.send_digests(today=today, progress=progress)
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save(update_fields=["notifications", "closed", "emails", "finished_at"])
        audit_record(actor=None, action=Action.CREATE, obj=run, changes=snapshot(run, RUN_FIELDS))
    return run


def mark_read(*, user, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, user=user, read_at=None).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


def preference_of(user) -> Preference:
    """The user's preferences, or the defaults (not saved) when they never changed them."""
    found = Preference.objects.filter(user=user).first()
    return found or Preference(user=user)


@transaction.atomic
def preference_update(*, actor, user, **values) -> Preference:
    unknown = set(values) - set(PREFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one row per user, however many tabs post at once
    preference = preference_of(user)
    new = preference.pk is None
    before = snapshot(preference, PREFERENCE_FIELDS)
    for name, value in values.items():
        setattr(preference, name, value)
    preference.full_clean()
    changes = diff(before, snapshot(preference, PREFERENCE_FIELDS))
    if changes or new:
        preference.save()
        audit_record(actor=actor, action=Action.CREATE if new else Action.UPDATE, obj=preference,
                     agency=user.agency, changes=snapshot(preference, PREFERENCE_FIELDS) if new else changes)
    return preference


__all__ = ["Level", "mark_all_read", "mark_read", "preference_of", "preference_update", "run_reminders"]
