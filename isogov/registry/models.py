from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import fold
from isogov.core.validators import plausible_date
from isogov.qms.states import QmsState  # the agency's row stores its QMS's state; qms defines them

# Codes become part of an agency's tree path ("/842/29242/"), so "/" is not allowed in them.
CODE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$"
code_validator = RegexValidator(
    CODE_PATTERN, _("Use 1–32 letters, digits, dots, dashes or underscores, starting with a letter or digit.")
)


def search_text_for(code: str, name: str) -> str:
    return f"{fold(code)} {fold(name)}"


def path_for(code: str, parent: "Agency | None") -> str:
    return f"{parent.path if parent else '/'}{code}/"


class Tier(Validated):
    """A level of government. Data, not code: three tiers before 1 July 2025, two since."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("The top tier has the lowest rank: 1 the province, 0 the national level of a ministry.")
    )
    aliases = models.CharField(
        _("aliases"), max_length=255, blank=True, help_text=_("Other names accepted on import, separated by |")
    )
    mandatory_by_default = models.BooleanField(
        _("mandatory by default"),
        default=True,
        help_text=_("Decision 19/2014/QĐ-TTg: mandatory for provincial and district bodies, encouraged for communes."),
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi


class AgencyKind(models.TextChoices):
    DEPARTMENT = "so_nganh", _("Department, board or sector (sở, ban, ngành)")
    SUB_DEPARTMENT = "chi_cuc", _("Sub-department (chi cục)")
    DISTRICT_COMMITTEE = "ubnd_huyen", _("District People's Committee (UBND huyện)")
    COMMUNE_COMMITTEE = "ubnd_xa", _("Commune People's Committee (UBND xã)")
    PUBLIC_SERVICE_UNIT = "su_nghiep", _("Public service unit (đơn vị sự nghiệp)")
    OTHER = "khac", _("Other")


class AgencyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED = "merged", _("Merged")
    DISSOLVED = "dissolved", _("Dissolved")


class Agency(Validated):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[code_validator],
                            error_messages={"unique": _("An agency with this code already exists.")})
    name = models.CharField(_("name"), max_length=255)
    tier = models.ForeignKey(Tier, verbose_name=_("tier"), on_delete=models.PROTECT, related_name="agencies")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent agency"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes from the root ("/842/29242/"): one indexed prefix query finds a subtree.
    path = models.CharField(max_length=400, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    # None until validated means "as the tier says" (Decision 19/2014: mandatory above commune level).
    mandatory = models.BooleanField(_("mandatory to apply"), default=True)
    iso_secretary = models.CharField(_("ISO secretary"), max_length=150, blank=True)
    # The secretary's name folded as a trainee's name_key is, kept on every save: training coverage matches the
    # two in SQL ("is the named secretary trained?") instead of folding every agency's name in Python.
    secretary_key = models.CharField(max_length=150, editable=False, default="")
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_programme_lead = models.BooleanField(_("programme lead"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=AgencyStatus.choices, default=AgencyStatus.ACTIVE)
    active_from = models.DateField(_("active from"), null=True, blank=True, validators=[plausible_date])
    ended_on = models.DateField(_("ended on"), null=True, blank=True, validators=[plausible_date])
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_from",
    )
    qms_state = models.CharField(
        _("QMS state"), max_length=16, choices=QmsState.choices, default=QmsState.NOT_STARTED, db_index=True
    )
    qms_state_since = models.DateTimeField(_("in this state since"), null=True, blank=True)
    # Folded code + name, kept by the services, so search ignores case and diacritics on every database.
    search_text = models.CharField(max_length=400, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        indexes = [models.Index(fields=["tier", "qms_state"]), models.Index(fields=["status", "qms_state"])]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude=None):
        if self.mandatory is None and self.tier_id:
            self.mandatory = self.tier.mandatory_by_default
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.parent_id and self.tier_id and self.parent.tier.rank > self.tier.rank:
            errors["parent"] = [_("A parent cannot sit on a lower tier than the agency.")]
        # The stored path is still the old one here: a parent inside it is the agency itself or one of its units.
        if self.pk and self.parent_id and self.path and self.parent.path.startswith(self.path):
            errors["parent"] = [_("An agency cannot be placed under itself or one of its own units.")]
        if errors:
            raise ValidationError(errors)
        self.path = path_for(self.code, self.parent if self.parent_id else None)
        self.search_text = search_text_for(self.code, self.name)

    def save(self, *args, **kwargs):
        self.secretary_key = fold(self.iso_secretary)
        fields = kwargs.get("update_fields")
        if fields is not None and "iso_secretary" in fields:
            kwargs["update_fields"] = {*fields, "secretary_key"}
        super().save(*args, **kwargs)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1
