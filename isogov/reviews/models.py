"""Management review (ISO 9001:2015, 9.3): a meeting whose agenda isogov fills from its own records (9.3.2),
and whose outputs (9.3.3) are tracked as actions until the next review."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import clean_text
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency


class ReviewState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")


class InputKey(models.TextChoices):
    """The inputs of 9.3.2, in the order the agenda takes them."""

    PREVIOUS_ACTIONS = "previous_actions", _("Status of actions from previous reviews")
    CHANGES = "changes", _("Changes in external and internal issues (scope, legal documents)")
    OBJECTIVES = "objectives", _("Extent to which quality objectives have been met")
    SATISFACTION = "satisfaction", _("Citizen satisfaction and feedback")
    PROCESS_PERFORMANCE = "process_performance", _("Process performance and conformity of services")
    NONCONFORMITIES = "nonconformities", _("Nonconformities and corrective actions")
    AUDIT_RESULTS = "audit_results", _("Audit results")
    RESOURCES = "resources", _("Adequacy of resources")
    RISKS = "risks", _("Effectiveness of actions taken to address risks and opportunities")
    IMPROVEMENT = "improvement", _("Opportunities for improvement")


class OutputKind(models.TextChoices):
    """The outputs of 9.3.3."""

    IMPROVEMENT = "improvement", _("Improvement")
    QMS_CHANGE = "qms_change", _("Change to the QMS")
    RESOURCES = "resources", _("Resource need")


class Review(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(_("meeting date"), validators=[plausible_date])
    chair = models.CharField(_("chaired by"), max_length=150, blank=True,
                             help_text=_("Usually the head of the agency."))
    participants = models.TextField(_("participants"), blank=True, help_text=_("One person per line."))
    state = models.CharField(_("state"), max_length=8, choices=ReviewState.choices, default=ReviewState.PLANNED,
                             db_index=True)
    # The inputs cover the records since this day (the previous review), fixed when the review is held.
    inputs_since = models.DateField(_("inputs since"), null=True, blank=True, validators=[plausible_date])
    held_at = models.DateTimeField(null=True, blank=True)
    # The dated fact the QMS lifecycle and the compliance card read; written when the review is held.
    fact = models.OneToOneField("qms.QmsFact", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["agency", "state", "date"])]
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]

    def clean(self):
        # One person per line: the spaces around a name and the empty lines between them are not kept.
        lines = (clean_text(line) for line in self.participants.splitlines())
        self.participants = "\n".join(line for line in lines if line)


class AgendaItem(Validated):
    review = models.ForeignKey(Review, verbose_name=_("management review"), on_delete=models.CASCADE,
                               related_name="agenda")
    key = models.CharField(max_length=24, choices=InputKey.choices)
    position = models.PositiveSmallIntegerField()
    # What isogov collected for this input, frozen when the review is held so the minutes never change:
    # {"lines": [{"msg": msgid, "params": {...}, "level": "", "url": ""}]}; empty while planned.
    collected = models.JSONField(default=dict, blank=True)
    notes = models.TextField(_("discussion and conclusions"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["review", "key"], name="unique_agenda_input")]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.get_key_display()


class ReviewAction(Validated):
    """An output of the review (9.3.3), followed until done and reported at the next review."""

    review = models.ForeignKey(Review, verbose_name=_("management review"), on_delete=models.CASCADE,
                               related_name="actions")
    kind = models.CharField(_("output"), max_length=12, choices=OutputKind.choices)
    description = models.CharField(_("decision or action"), max_length=1000)
    owner = models.CharField(_("owner"), max_length=150)
    due_date = models.DateField(_("due date"), validators=[plausible_date])
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[plausible_date])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("review action")
        verbose_name_plural = _("review actions")

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self):
        if self.review_id and self.due_date and self.due_date < self.review.date:
            raise ValidationError({"due_date": _("The due date cannot be before the meeting.")})
