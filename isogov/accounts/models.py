from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from isogov.core.models import Validated
from isogov.core.text import clean_text
from isogov.core.validators import plausible_date


class Role(models.TextChoices):
    PROVINCE_ADMIN = "admin", _("Programme lead (province administrator)")
    SECRETARY = "secretary", _("Agency ISO secretary")
    HEAD = "head", _("Agency head")
    INSPECTOR = "inspector", _("Inspector")
    VIEWER = "viewer", _("Read-only viewer")
    # A ministry running one isogov for many provinces: its staff follow every province and change nothing.
    NATIONAL_VIEWER = "national_viewer", _("Ministry viewer (read-only, all provinces)")
    # One province's follower in a ministry's registry (or any agency's): reads its agency's subtree, as its staff do.
    PROVINCE_VIEWER = "province_viewer", _("Province viewer (read-only, its agency and the units under it)")


AGENCY_ROLES = {Role.SECRETARY, Role.HEAD}
SUBTREE_ROLES = {*AGENCY_ROLES, Role.PROVINCE_VIEWER}  # who read their agency's subtree only


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
        if self.role == Role.PROVINCE_VIEWER and self.agency_id is None:
            raise ValidationError({"agency": _("A province viewer reads one agency and the units under it: choose "
                                               "that agency (a province's People's Committee).")})

    @property
    def is_agency_user(self) -> bool:
        return self.role in AGENCY_ROLES


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read-write", _("Read and write")


class ApiToken(models.Model):
    """A program's key to the REST API, acting as its owner with the owner's access, narrowed by its scope.

    Only the SHA-256 of the secret is kept: the secret is shown once, when the token is made (services.token_create),
    and a stolen database gives no usable key. The secret is 256 random bits, so a plain hash is enough (no
    password hashing: nothing to brute-force)."""

    user = models.ForeignKey(User, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The secret's first characters, shown in the list so that its owner can tell tokens apart.
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True, validators=[plausible_date])
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name
