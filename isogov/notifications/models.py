"""Reminders of the dated duties (isogov/core/duties.py): one row per person, duty and level, and the runs.

A row is written once for (person, duty key, level) — the unique rule is what makes a run idempotent, even when
two runs overlap — and then only its read mark, its closing (the duty is no longer gathered) and its e-mail state
change.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date


class Level(models.TextChoices):
    DUE = "due", _("Reminder")  # within the lead time, or undated (to be done now)
    OVERDUE = "overdue", _("Overdue")  # to the actors and the agency head
    ESCALATED = "escalated", _("Escalated to the programme lead")


class MailState(models.TextChoices):
    PENDING = "pending", _("To be sent in the next digest")
    SENT = "sent", _("Sent by e-mail")
    NOT_WANTED = "none", _("Not by e-mail")  # the person's choice, or no address
    DROPPED = "dropped", _("Not sent: closed or no longer readable")


def default_language() -> str:
    return settings.LANGUAGE_CODE


class Preference(Validated):
    """A person's language for e-mail and which notifications also come by e-mail (in-app ones always do)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference", editable=False)
    language = models.CharField(_("language of e-mails"), max_length=8, choices=settings.LANGUAGES,
                                default=default_language)
    email_due = models.BooleanField(_("reminders by e-mail"), default=True)
    email_overdue = models.BooleanField(_("overdue notices by e-mail"), default=True)
    email_escalated = models.BooleanField(_("escalations to the programme lead by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants_email(self, level: str) -> bool:
        return getattr(self, f"email_{level}")


class ReminderRun(Validated):
    """One daily run: what it wrote, for the audit trail and for whoever wonders whether it ran."""

    date = models.DateField(_("date"), validators=[plausible_date])
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    notifications = models.PositiveIntegerField(_("new notifications"), default=0)
    closed = models.PositiveIntegerField(_("notifications closed"), default=0)
    emails = models.PositiveIntegerField(_("digests e-mailed"), default=0)

    class Meta:
        verbose_name = _("reminder run")
        verbose_name_plural = _("reminder runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"


class Notification(Validated):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)  # Duty.key
    kind = models.CharField(max_length=64)  # Duty.kind
    level = models.CharField(max_length=16, choices=Level.choices)
    agency = models.ForeignKey("registry.Agency", on_delete=models.CASCADE, related_name="notifications")
    due = models.DateField(null=True, blank=True, editable=False)  # copied from the duty, never typed
    url = models.CharField(max_length=500)  # the path where the duty is done
    # The duty's title in each language of the site, as the areas word it: a reader sees their own.
    titles = models.JSONField(default=dict)
    created_on = models.DateField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    run = models.ForeignKey(ReminderRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)
    # The duty was no longer gathered: done or cancelled.
    closed_on = models.DateField(null=True, blank=True, editable=False)
    mail_state = models.CharField(max_length=8, choices=MailState.choices, default=MailState.PENDING)
    # The digest that claimed the row: a second run at the same time finds it taken and does not mail it again.
    mail_batch = models.UUIDField(null=True, blank=True, editable=False)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_on", "-pk"]
        # One open row per person, duty and level: a duty closed and opened again (an action marked not done,
        # a nonconformity reopened) is a new obligation, reminded afresh.
        constraints = [models.UniqueConstraint(fields=["user", "key", "level"], condition=Q(closed_on__isnull=True),
                                               name="unique_open_notification_per_level")]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["mail_state", "mail_batch"])]

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or next(iter(self.titles.values()), self.key)

    @property
    def title(self) -> str:
        return self.title_in(translation.get_language() or settings.LANGUAGE_CODE)

    @property
    def unread(self) -> bool:
        return self.read_at is None and self.closed_on is None
