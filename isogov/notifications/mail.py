"""The daily digest: one e-mail a person with their new notifications, in their language, text and HTML.

Rows are claimed before sending (an UPDATE that marks the pending ones with this digest's batch), so two runs at
the same time never mail a row twice. A digest the mail server refuses is released for the next run; a run that
dies between sending and recording leaves its rows claimed: they are not mailed again (at most once by e-mail —
the in-app notification is there either way).
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


def send_digests(*, today: dt.date) -> int:
    """Mail every person their pending notifications, one message each; the number of messages sent."""
    batch = uuid.uuid4()
    claimed = Notification.objects.filter(mail_state=MailState.PENDING, mail_batch=None, closed_on=None).update(
        mail_batch=batch)
    if not claimed:
        return 0
    rows = (Notification.objects.filter(mail_batch=batch)
            .select_related("user", "user__agency", "user__notification_preference", "agency"))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    unreadable = []
    for note in rows:
        # Checked again as it is sent: an account moved or narrowed since the row was made is told nothing.
        if note.user.is_active and note.user.email and access.can_read_agency(note.user, note.agency):
            by_user[note.user_id].append(note)
        else:
            unreadable.append(note.pk)
    failed = []
    sent = 0
    with mail.get_connection() as connection:
        for user_id, notes in by_user.items():
            message = _message(notes[0].user, notes, today)
            message.connection = connection
            try:
                message.send()
                sent += 1
            except Exception:  # noqa: BLE001 - one refused address must not stop everyone else's digest
                log.exception("The digest to user %s was not sent; it is tried again on the next run", user_id)
                failed.append(user_id)
    if unreadable:
        Notification.objects.filter(pk__in=unreadable).update(mail_state=MailState.DROPPED)
    if failed:
        Notification.objects.filter(mail_batch=batch, user_id__in=failed).update(mail_batch=None)
    Notification.objects.filter(mail_batch=batch, mail_state=MailState.PENDING).update(
        mail_state=MailState.SENT, mailed_at=timezone.now())
    return sent
