"""Conferences and communication (activity 1 of the plan): who was invited, who came, and the materials."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import fold
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency


class EventKind(models.TextChoices):
    LAUNCH = "launch", _("Launch conference")
    COMMUNICATION = "communication", _("Communication")
    WORKSHOP = "workshop", _("Workshop")


class Event(Validated):
    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices, default=EventKind.LAUNCH)
    date = models.DateField(_("date"), db_index=True, validators=[plausible_date])
    place = models.CharField(_("place"), max_length=255)
    agenda = models.TextField(_("agenda"), blank=True)
    organiser = models.ForeignKey(Agency, verbose_name=_("organiser"), on_delete=models.PROTECT,
                                  related_name="events_organised")
    activity = models.ForeignKey("programme.Activity", verbose_name=_("programme activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="events")
    invited = models.ManyToManyField(Agency, verbose_name=_("invited agencies"), blank=True,
                                     related_name="events_invited")
    # An agency may come uninvited (a unit sent by its parent), so attendance is its own set.
    attending = models.ManyToManyField(Agency, verbose_name=_("attending agencies"), blank=True,
                                       related_name="events_attended")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"


class Attendee(Validated):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendees")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="event_attendees")
    full_name = models.CharField(_("full name"), max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    position = models.CharField(_("position"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__code", "full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "agency", "name_key"], name="unique_event_attendee")]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self) -> str:
        return self.full_name

    def clean(self):
        # One person, one row: "Nguyễn  Văn An" and "nguyen van an" are the same attendee.
        self.full_name = " ".join(self.full_name.split())
        self.name_key = fold(self.full_name)


def material_upload_to(instance: "Material", filename: str) -> str:
    return f"events/{instance.event_id}/{filename}"


class Material(Validated):
    """A document handed out or shown at the event: checked by its content, kept in the default storage."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=300)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
