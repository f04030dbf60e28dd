from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import clean_text, fold
from isogov.core.validators import normalise_procedure_code, plausible_date, validate_procedure_code
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

IN_FUTURE = _("The date cannot be in the future.")


def not_in_future(obj: models.Model, *names: str, message=IN_FUTURE) -> dict:
    """{field: [message]} for each named date that lies after today: a record says what has happened."""
    today = timezone.localdate()
    return {name: [message] for name in names if getattr(obj, name) and getattr(obj, name) > today}


class Procedure(Validated):
    """An administrative procedure (thủ tục hành chính, TTHC) that a QMS scope can cover."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[validate_procedure_code],
                            error_messages={"unique": _("A procedure with this code already exists.")})
    name = models.CharField(_("name"), max_length=500)
    field = models.CharField(_("field"), max_length=200, blank=True)
    search_text = models.CharField(max_length=800, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["field", "code"]
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def clean_fields(self, exclude=None):
        # The code as the national database writes it (" 1.014390.h05" is 1.014390.H05) before its format is checked.
        self.code = normalise_procedure_code(clean_text(self.code))
        super().clean_fields(exclude)

    def clean(self):
        self.search_text = f"{fold(self.code)} {fold(self.name)} {fold(self.field)}"


class ScopeItem(Validated):
    """One procedure inside an agency's QMS scope."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="scope_items")
    procedure = models.ForeignKey(Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT,
                                  related_name="scope_items")
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                 editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "procedure"], name="unique_scope_item")]
        ordering = ["procedure__field", "procedure__code"]
        verbose_name = _("scope item")
        verbose_name_plural = _("scope items")

    def __str__(self) -> str:
        return self.procedure.code


class FactKind(models.TextChoices):
    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    MANAGEMENT_REVIEW = "management_review", _("Management review")


class QmsFact(Validated):
    """A dated fact the lifecycle depends on. The full audit and review modules will write these too."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="qms_facts")
    kind = models.CharField(_("kind"), max_length=32, choices=FactKind.choices)
    date = models.DateField(_("date"), validators=[plausible_date])
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["agency", "kind", "date"])]
        verbose_name = _("QMS record")
        verbose_name_plural = _("QMS records")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    def clean(self):
        if errors := not_in_future(self, "date"):
            raise ValidationError(errors)


def announcement_upload_to(instance: "Announcement", filename: str) -> str:
    return f"announcements/{instance.agency.code}/{filename}"


class Announcement(Validated):
    """The signed decision announcing the QMS conforms to TCVN ISO 9001:2015 (công bố phù hợp)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="announcements")
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"), validators=[plausible_date])
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    signed_file = models.FileField(_("signed decision (PDF)"), upload_to=announcement_upload_to, max_length=300)
    # The scope as it stood when announced: later scope changes are measured against it.
    scope_codes = models.JSONField(_("procedures announced"), default=list, editable=False)
    is_reannouncement = models.BooleanField(_("re-announcement"), default=False, editable=False)
    notified_on = models.DateField(_("lead unit notified on"), null=True, blank=True, validators=[plausible_date])
    posted_on = models.DateField(_("posted at the office on"), null=True, blank=True, validators=[plausible_date])
    website_url = models.URLField(_("posted on the website at"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decision_date:%d/%m/%Y})"

    def clean(self):
        # The decision, the notice to the lead unit and the posting record what has been done: none lies ahead,
        # and neither of the last two comes before the decision.
        errors = not_in_future(self, "decision_date", message=_("The decision date cannot be in the future."))
        errors |= not_in_future(self, "notified_on", "posted_on")
        for name in ("notified_on", "posted_on"):
            if name not in errors and getattr(self, name) and self.decision_date \
                    and getattr(self, name) < self.decision_date:
                errors[name] = [_("This date cannot be before the decision date.")]
        if errors:
            raise ValidationError(errors)


class Transition(Validated):
    """One step of an agency's QMS lifecycle, with who took it and when."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=QmsState.choices, editable=False)
    to_state = models.CharField(max_length=16, choices=QmsState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              editable=False)
    at = models.DateTimeField(editable=False)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("lifecycle transition")
        verbose_name_plural = _("lifecycle transitions")

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"
