"""What a person writes into a year's report: the figures are read from the records, the words are kept here."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.validators import plausible_date
from isogov.registry.models import Agency

TEXT_FIELDS = ("number", "signed_on", "difficulties", "proposals", "remarks", "signer_title", "signer_name")


class AnnualText(Validated):
    """The editable part of one year's report: the province's (agency empty) or one agency's."""

    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    number = models.CharField(_("number and symbol"), max_length=64, blank=True,
                              help_text=_("As the office numbers it, e.g. 125/BC-SKHCN; empty leaves dots to fill in."))
    signed_on = models.DateField(_("dated"), null=True, blank=True, validators=[plausible_date],
                                 help_text=_("The date the report is signed; empty leaves dots to fill in."))
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    remarks = models.TextField(_("other remarks"), blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "agency"], name="unique_annual_text_agency",
                                    condition=Q(agency__isnull=False)),
            models.UniqueConstraint(fields=["year"], name="unique_annual_text_province",
                                    condition=Q(agency__isnull=True)),
        ]
        ordering = ["-year", "agency"]
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")

    def __str__(self) -> str:
        return f"{self.year} · {self.agency.code if self.agency_id else 'province'}"
