"""Nonconformities and corrective actions (ISO 9001:2015, 10.2).

A nonconformity comes from an internal audit, an inspection, a citizen complaint, process monitoring,
a management review or elsewhere; the record it came from is linked generically (`origin`) so that
capa does not depend on the modules that open nonconformities.
"""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency


class Source(models.TextChoices):
    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    INSPECTION = "inspection", _("Inspection")
    CITIZEN_COMPLAINT = "citizen_complaint", _("Citizen complaint")
    PROCESS_MONITORING = "process_monitoring", _("Process monitoring")
    MANAGEMENT_REVIEW = "management_review", _("Management review")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANALYSED = "analysed", _("Root cause analysed")
    ACTION_PLAN = "action_plan", _("Action plan")
    IN_PROGRESS = "in_progress", _("Actions in progress")
    AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting verification")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (State.DRAFT, State.ANALYSED, State.ACTION_PLAN, State.IN_PROGRESS, State.AWAITING_VERIFICATION)
# The agency has answered whoever found the nonconformity once its corrective action plan is adopted.
REPORTED_STATES = (State.ACTION_PLAN, State.IN_PROGRESS, State.AWAITING_VERIFICATION, State.CLOSED)


class Verdict(models.TextChoices):
    EFFECTIVE = "effective", _("Effective")
    NOT_EFFECTIVE = "not_effective", _("Not effective")


MAX_WHYS = 5


class Nonconformity(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE,
                               related_name="nonconformities")
    # Numbered per agency, in the order they were opened: what the agency's staff quote.
    number = models.PositiveIntegerField(_("number"))
    source = models.CharField(_("source"), max_length=24, choices=Source.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, blank=True)
    description = models.TextField(_("description"))
    clause = models.ForeignKey("clauses.Clause", verbose_name=_("clause"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    detected_on = models.DateField(_("detected on"), validators=[plausible_date])
    correction = models.TextField(_("immediate correction"), blank=True)
    # Five whys: [{"why": ..., "because": ...}, ...], at most MAX_WHYS lines.
    whys = models.JSONField(_("five whys"), default=list, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    analysed_on = models.DateField(_("analysed on"), null=True, blank=True, validators=[plausible_date])
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.DRAFT, db_index=True)
    # Each "not effective" verdict starts a new cycle of actions; actions and verifications keep theirs.
    cycle = models.PositiveSmallIntegerField(default=1)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[plausible_date])
    origin_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    # Kept as text so the page names its origin without loading it, and still does once it is gone.
    origin_label = models.CharField(_("origin"), max_length=300, blank=True)
    # When whoever found it asks for the corrective actions back: an inspection's two months [law]. Reported once
    # the action plan is adopted (REPORTED_STATES).
    respond_by = models.DateField(_("corrective actions reported by"), null=True, blank=True,
                                  validators=[plausible_date])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-detected_on", "-number"]
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="unique_nc_number")]
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["origin_type", "origin_id"])]

    def __str__(self) -> str:
        return f"#{self.number} {self.description[:80]}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def awaiting_response(self) -> bool:
        """Asked to report its corrective actions (respond_by) and not yet: no action plan adopted."""
        return bool(self.respond_by) and self.state not in REPORTED_STATES and self.state != State.CANCELLED

    @property
    def response_late(self) -> bool:
        return self.awaiting_response and self.respond_by < timezone.localdate()


class CorrectiveAction(Validated):
    nonconformity = models.ForeignKey(Nonconformity, verbose_name=_("nonconformity"), on_delete=models.CASCADE,
                                      related_name="actions")
    description = models.TextField(_("action"))
    # The owner is an account when they have one; many commune staff do not, so a name is enough.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="corrective_actions")
    owner_name = models.CharField(_("owner"), max_length=150)
    due_date = models.DateField(_("due date"), validators=[plausible_date])
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[plausible_date])
    # Who recorded it done: they may not also verify its effectiveness (separation of duties, accounts.access).
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded done by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    evidence = models.TextField(_("evidence"), blank=True)
    cycle = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        indexes = [models.Index(fields=["done_on", "due_date"])]

    def __str__(self) -> str:
        return self.description[:80]


class Verification(Validated):
    """A check that the actions removed the cause; every verdict is kept, the ineffective ones too."""

    nonconformity = models.ForeignKey(Nonconformity, verbose_name=_("nonconformity"), on_delete=models.CASCADE,
                                      related_name="verifications")
    verified_on = models.DateField(_("verified on"), validators=[plausible_date])
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    note = models.TextField(_("note"))
    verifier = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                 editable=False)
    verifier_name = models.CharField(_("verified by"), max_length=150)
    cycle = models.PositiveSmallIntegerField(default=1)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-verified_on", "-id"]
        verbose_name = _("verification of effectiveness")
        verbose_name_plural = _("verifications of effectiveness")

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} {self.verified_on:%d/%m/%Y}"


class Step(models.Model):
    """One change of state of a nonconformity, shown as its history on the page."""

    nonconformity = models.ForeignKey(Nonconformity, verbose_name=_("nonconformity"), on_delete=models.CASCADE,
                                      related_name="steps")
    from_state = models.CharField(max_length=24, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=24, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nonconformity step")
        verbose_name_plural = _("nonconformity steps")

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"
