"""Citizen feedback (ISO 9001:2015, 9.1.2): complaints and satisfaction survey results."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date
from isogov.qms.models import not_in_future
from isogov.registry.models import Agency


class Channel(models.TextChoices):
    ONE_STOP = "one_stop", _("One-stop desk")
    PHONE = "phone", _("Hotline or phone")
    PORTAL = "portal", _("Public service portal")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    BOX = "box", _("Suggestion box")
    MEETING = "meeting", _("Meeting with citizens")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    HANDLED = "handled", _("Handled")


class Complaint(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField(_("received on"), validators=[plausible_date])
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    procedure = models.ForeignKey("qms.Procedure", verbose_name=_("procedure"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    citizen_name = models.CharField(_("citizen"), max_length=150, blank=True)
    content = models.TextField(_("content"))
    status = models.CharField(_("status"), max_length=16, choices=ComplaintStatus.choices,
                              default=ComplaintStatus.RECEIVED, db_index=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True, validators=[plausible_date])
    response = models.TextField(_("response"), blank=True)
    nonconformity = models.OneToOneField("capa.Nonconformity", verbose_name=_("nonconformity"), null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="complaint", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["agency", "received_on"])]

    def __str__(self) -> str:
        return f"{_('Complaint')} {self.received_on:%d/%m/%Y}: {self.content[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:agency_index", args=[self.agency.code]) + f"#complaint-{self.pk}"

    def clean(self):
        errors = not_in_future(self, "received_on", "responded_on")
        if self.status == ComplaintStatus.HANDLED:
            # A handled complaint was answered: on a day, with an answer.
            for name in ("responded_on", "response"):
                if not getattr(self, name):
                    errors.setdefault(name, [self._meta.get_field(name).error_messages["blank"]])
        if "responded_on" not in errors and self.responded_on and self.received_on \
                and self.responded_on < self.received_on:
            errors["responded_on"] = [_("The answer cannot come before the complaint (%(date)s).")
                                      % {"date": self.received_on.strftime("%d/%m/%Y")}]
        if errors:
            raise ValidationError(errors)


class SatisfactionSurvey(Validated):
    """How many citizens were asked about a procedure (or the agency's service as a whole) in a period,
    and how many were satisfied."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="surveys")
    procedure = models.ForeignKey("qms.Procedure", verbose_name=_("procedure"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"), validators=[plausible_date])
    period_end = models.DateField(_("period to"), validators=[plausible_date])
    surveyed = models.PositiveIntegerField(_("citizens surveyed"), validators=[
        MinValueValidator(1, message=_("At least one citizen must have been surveyed."))])
    satisfied = models.PositiveIntegerField(_("satisfied"))
    method = models.CharField(_("method"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "id"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.CheckConstraint(condition=models.Q(satisfied__lte=models.F("surveyed")),
                                   name="survey_satisfied_within_surveyed"),
            models.CheckConstraint(condition=models.Q(period_start__lte=models.F("period_end")),
                                   name="survey_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def clean(self):
        # The constraints below hold these too; here they are said beside the field.
        errors = not_in_future(self, "period_end")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors.setdefault("period_end", [_("The period ends before it starts.")])
        if self.surveyed and self.satisfied is not None and self.satisfied > self.surveyed:
            errors["satisfied"] = [_("More satisfied citizens (%(satisfied)s) than surveyed (%(surveyed)s).")
                                   % {"satisfied": self.satisfied, "surveyed": self.surveyed}]
        if errors:
            raise ValidationError(errors)

    @property
    def rate(self) -> float | None:
        """Share of satisfied citizens, in percent with one decimal."""
        return round(100 * self.satisfied / self.surveyed, 1) if self.surveyed else None
