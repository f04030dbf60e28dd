"""Risks and opportunities (ISO 9001:2015, 6.1): the register of an agency, with treatment actions."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import clean_text
from isogov.core.validators import plausible_date
from isogov.qms.models import Procedure, not_in_future
from isogov.registry.models import Agency
from isogov.risks import scale


class Kind(models.TextChoices):
    RISK = "risk", _("Risk")
    OPPORTUNITY = "opportunity", _("Opportunity")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Risk(Validated):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.RISK)
    description = models.CharField(_("description"), max_length=1000)
    process = models.CharField(_("process or area"), max_length=200, blank=True)
    procedure = models.ForeignKey(Procedure, verbose_name=_("procedure"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), validators=[scale.validate_on_scale])
    impact = models.PositiveSmallIntegerField(_("impact"), validators=[scale.validate_on_scale])
    owner = models.CharField(_("owner"), max_length=150)
    review_date = models.DateField(_("next review"), validators=[plausible_date])
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"), null=True, blank=True,
                                                           validators=[scale.validate_on_scale])
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"), null=True, blank=True, validators=[scale.validate_on_scale],
        help_text=_("After the treatment actions; leave both empty until then."))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["agency", "status"])]
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")

    def __str__(self) -> str:
        return self.description[:80]

    def clean_fields(self, exclude=None):
        # The description is typed in a text area: it keeps its lines, which Validated joins in a CharField.
        description = clean_text(self.description, multiline=True)
        super().clean_fields(exclude)
        self.description = description

    def clean(self):
        if (self.residual_likelihood is None) != (self.residual_impact is None):
            name = "residual_impact" if self.residual_impact is None else "residual_likelihood"
            raise ValidationError({name: [_("Give both residual values, or neither.")]})

    @property
    def rating(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return scale.band(self.rating)

    @property
    def residual_rating(self) -> int | None:
        if self.residual_likelihood is None or self.residual_impact is None:
            return None
        return self.residual_likelihood * self.residual_impact

    @property
    def residual_band(self) -> str | None:
        return scale.band(self.residual_rating)


class RiskAction(Validated):
    """A treatment action: what is done about the risk (or to take the opportunity), by whom, by when."""

    risk = models.ForeignKey(Risk, verbose_name=_("risk or opportunity"), on_delete=models.CASCADE,
                             related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("owner"), max_length=150)
    due_date = models.DateField(_("due date"), validators=[plausible_date])
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[plausible_date])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("treatment action")
        verbose_name_plural = _("treatment actions")

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self):
        if errors := not_in_future(self, "done_on"):
            raise ValidationError(errors)
