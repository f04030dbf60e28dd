"""Training of civil servants on the QMS (activity 2 of the plan): courses, their sessions and trainees."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import fold
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency


class Topic(models.TextChoices):
    AWARENESS = "awareness", _("Awareness of ISO 9001:2015")
    FRAMEWORK = "framework", _("Documentation on the framework model")
    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    TRANSITION = "transition", _("Transition to the 2015 version")
    OTHER = "other", _("Other")


MAX_SESSION_DAYS = 60


class Course(Validated):
    title = models.CharField(_("title"), max_length=255)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.AWARENESS)
    organiser = models.ForeignKey(Agency, verbose_name=_("organiser"), on_delete=models.PROTECT,
                                  related_name="courses_organised")
    trainers = models.CharField(_("trainers"), max_length=500, blank=True,
                                help_text=_("Names of the trainers, separated by commas."))
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")

    def __str__(self) -> str:
        return self.title


class Session(Validated):
    """One run of a course, at one place, over one or more consecutive days."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions")
    start_date = models.DateField(_("first day"), validators=[plausible_date])
    end_date = models.DateField(_("last day"), validators=[plausible_date], blank=True,
                                help_text=_("Empty for a one-day session."))
    place = models.CharField(_("place"), max_length=255)
    trainer = models.CharField(_("trainer"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def clean(self):
        # A one-day session is given by its first day alone.
        if self.end_date is None:
            self.end_date = self.start_date
        if self.start_date is None or self.end_date is None:
            return
        if self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        if (self.end_date - self.start_date).days > MAX_SESSION_DAYS:
            raise ValidationError({"end_date": _("A session lasts at most 60 days; record a longer course as "
                                                 "several sessions.")})

    def __str__(self) -> str:
        if self.end_date != self.start_date:
            return f"{self.course} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"
        return f"{self.course} ({self.start_date:%d/%m/%Y})"


class Trainee(Validated):
    """A person who attended a session for an agency."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="trainees")
    # The session's course, copied so that a certificate number can be unique per course in the database.
    course = models.ForeignKey(Course, verbose_name=_("training course"), on_delete=models.CASCADE,
                               related_name="trainees", editable=False)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="trainees")
    full_name = models.CharField(_("full name"), max_length=150)
    # The folded name: one person is one trainee per session and agency, however the name is typed.
    name_key = models.CharField(max_length=150, editable=False, db_index=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    is_iso_secretary = models.BooleanField(_("ISO secretary"), default=False)
    completed = models.BooleanField(_("completed"), default=False)
    certificate_number = models.CharField(_("certificate number"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__code", "full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "agency", "name_key"], name="unique_trainee_per_session"),
            models.UniqueConstraint(fields=["course", "certificate_number"], condition=~Q(certificate_number=""),
                                    name="unique_certificate_per_course"),
        ]
        indexes = [models.Index(fields=["agency", "completed"])]
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")

    def __str__(self) -> str:
        return self.full_name

    def clean(self):
        # One person, one row: "Nguyễn  Văn An" and "nguyen van an" are the same trainee.
        self.full_name = " ".join(self.full_name.split())
        self.name_key = fold(self.full_name)
        if self.session_id is not None:
            self.course_id = self.session.course_id
        if self.certificate_number and not self.completed:
            raise ValidationError({"certificate_number": _("A certificate is given only to a trainee who completed "
                                                           "the course.")})
