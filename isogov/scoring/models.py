"""The ISO component of the administrative reform (PAR) score, as rulesets loaded from files.

A ruleset holds its criteria as data (which measure, which tiers, the bands and points, the legal basis), so
a province loads the Ministry's criteria, or its own for its departments and communes, without a code change
(`isogov load-scoring FILE`). The measures a criterion may name are the code's (rules.MEASURES).
"""
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Ruleset(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True,
                                                 help_text=_("Empty: until a later ruleset replaces it."))
    basis = models.TextField(_("legal basis"), blank=True)
    criteria = models.JSONField(_("criteria"), default=list)
    source = models.CharField(_("loaded from"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        ordering = ["-first_year", "code"]
        constraints = [models.CheckConstraint(condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F(
            "first_year")), name="ruleset_years_in_order")]
        verbose_name = _("scoring ruleset")
        verbose_name_plural = _("scoring rulesets")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def years(self) -> str:
        return f"{self.first_year}–{self.last_year}" if self.last_year else f"{self.first_year}–"
