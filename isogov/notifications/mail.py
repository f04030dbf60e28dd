"""The daily digest: one e-mail a person with their new notifications, in their language, text and HTML.

Each person's rows are claimed just before their mail is sent (an UPDATE that marks them with a batch of their
own, so two runs at the same time never mail a row twice) and marked sent just after: a run killed half way has
mailed the people before and not the people after, whom the run's retry mails. Only a run killed between one
mail leaving and its mark leaves that one person's rows claimed: they are not mailed again (at most once — the
in-app notification is there either way). A digest the mail server refuses is released for the next run.

The reads are a fixed number of queries; the claim and the mark are two per person mailed, each beside the mail's
own round trip to the mail server.
"""
import datetime as dt
import logging
import uuid
from collections import defaultdict

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from isogov.accounts import access
from isogov.notifications.models import Level, MailState, Notification

log = logging.getLogger(__name__)
ORDER = {Level.ESCALATED: 0, Level.OVERDUE: 1, Level.DUE: 2}
# A mail lists this many items, the most urgent first, and counts the rest: on the first run the programme lead
# may be told of hundreds of items overdue for years, which the notification page lists in full.
DIGEST_ITEMS = 50


def absolute(path: str) -> str:
    return settings.ISOGOV["SITE_URL"].rstrip("/") + path


def _language(user) -> str:
    preference = getattr(user, "notification_preference", None)
    return preference.language if preference is not None else settings.LANGUAGE_CODE


def _message(user, notes: list[Notification], today: dt.date) -> mail.EmailMultiAlternatives:
    language = _language(user)
    notes = sorted(notes, key=lambda n: (ORDER[n.level], n.due or dt.date.min, n.pk))
    with translation.override(language):
        items = [{"title": n.title_in(language), "agency": n.agency.name, "due": n.due, "level": n.level,
                  "level_label": n.get_level_display(), "overdue": n.due is not None and n.due < today,
                  "url": absolute(n.url)} for n in notes[:DIGEST_ITEMS]]
        context = {"user": user, "items": items, "more": len(notes) - len(items), "today": today,
                   "inbox": absolute(reverse("notifications:index")),
                   "preferences": absolute(reverse("notifications:preferences"))}
        subject = ngettext("isogov: %(n)s item needs your attention (%(date)s)",
                           "isogov: %(n)s items need your attention (%(date)s)", len(notes)) % {
            "n": len(notes), "date": f"{today:%d/%m/%Y}"}
        message = mail.EmailMultiAlternatives(subject, render_to_string("notifications/email/digest.txt", context),
                                              to=[user.email])
        message.attach_alternative(render_to_string("notifications/email/digest.html", context), "text/html")
    return message


def _claim(notes: list[Notification]) -> tuple[uuid.UUID, list[Notification]]:
    """The rows of `notes` this run now holds (another run may have taken some since they were read)."""
    batch = uuid.uuid4()
    pks = [n.pk for n in notes]
    held = Notification.objects.filter(pk__in=pks, mail_state=MailState.PENDING, mail_batch=None).update(
        mail_batch=batch)
    if held != len(pks):
        mine = set(Notification.objects.filter(mail_batch=batch).values_list("pk", flat=True))
        notes = [n for n in notes if n.pk in mine]
    return batch, notes


def send_digests(*, today: dt.date, progress=None) -> int:
    """Mail every person their pending notifications, one message each; the number of messages sent.

    `progress(done, total)`, when given (the queue's job), is told before each person: it keeps the job's lease,
    so that a run mailing for longer than the lease is not taken for dead and started again beside itself."""
    rows = (Notification.objects.filter(mail_state=MailState.PENDING, mail_batch=None, closed_on=None)
            .select_related("user", "user__agency", "user__notification_preference", "agency").order_by("user_id"))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    unreadable = []
    for note in rows:
        # Checked again as it is sent: an account moved or narrowed since the row was made is told nothing.
        if note.user.is_active and note.user.email and access.can_read_agency(note.user, note.agency):
            by_user[note.user_id].append(note)
        else:
            unreadable.append(note.pk)
    if unreadable:
        Notification.objects.filter(pk__in=unreadable, mail_batch=None).update(mail_state=MailState.DROPPED)
    sent = 0
    with mail.get_connection() as connection:
        for done, (user_id, notes) in enumerate(by_user.items()):
            if progress is not None:
                progress(done, len(by_user))
            batch, notes = _claim(notes)
            if not notes:
                continue
            message = _message(notes[0].user, notes, today)
            message.connection = connection
            try:
                message.send()
            except Exception:  # noqa: BLE001 - one refused address must not stop everyone else's digest
                log.exception("The digest to user %s was not sent; it is tried again on the next run", user_id)
                Notification.objects.filter(mail_batch=batch).update(mail_batch=None)
                continue
            Notification.objects.filter(mail_batch=batch).update(mail_state=MailState.SENT, mailed_at=timezone.now())
            sent += 1
    return sent
