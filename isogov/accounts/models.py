from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import clean_text


class Role(models.TextChoices):
    PROVINCE_ADMIN = "admin", _("Programme lead (province administrator)")
    SECRETARY = "secretary", _("Agency ISO secretary")
    HEAD = "head", _("Agency head")
    INSPECTOR = "inspector", _("Inspector")
    VIEWER = "viewer", _("Read-only viewer")


AGENCY_ROLES = {Role.SECRETARY, Role.HEAD}


class User(Validated, AbstractUser):
    """A person who signs in. Agency roles see their agency and the units under it."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean_fields(self, exclude=None):
        # NFKC, as the login form normalises what is typed: "hà" typed decomposed (NFD) must still sign in.
        if isinstance(self.username, str) and "username" not in (exclude or ()):
            self.username = self.normalize_username(clean_text(self.username))
        super().clean_fields(exclude=exclude)

    def clean(self):
        # Not AbstractUser.clean: the username is normalised above, and the email is kept as typed (it would
        # lower-case the domain).
        if self.role in AGENCY_ROLES and self.agency_id is None:
            raise ValidationError({"agency": _("An ISO secretary or agency head must belong to an agency.")})

    @property
    def is_agency_user(self) -> bool:
        return self.role in AGENCY_ROLES
