from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_ADMIN = "admin", _("Programme lead (province administrator)")
    SECRETARY = "secretary", _("Agency ISO secretary")
    HEAD = "head", _("Agency head")
    INSPECTOR = "inspector", _("Inspector")
    VIEWER = "viewer", _("Read-only viewer")


AGENCY_ROLES = {Role.SECRETARY, Role.HEAD}


class User(AbstractUser):
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

    @property
    def is_agency_user(self) -> bool:
        return self.role in AGENCY_ROLES
