"""Writes to accounts: keyword-only, atomic, validated, audit-logged.

Passwords and their hashes never reach the audit trail; a note says that a password changed.
"""
import datetime as dt
import hashlib
import secrets

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.accounts.models import ApiToken, User
from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.core.db import lock_value, unique_errors
from isogov.core.text import clean_text
from isogov.registry.models import Agency, AgencyStatus

# What the programme lead edits on an existing account; the username is its identity and stays.
EDITABLE_FIELDS = ("full_name", "email", "phone", "role", "agency")
USER_FIELDS = ("username", "full_name", "email", "phone", "role", "agency", "is_active")


def user_snapshot(user: User) -> dict:
    # The trail names the agency by its code, as the agency pages and the import do.
    values = snapshot(user, USER_FIELDS)
    values["agency"] = user.agency.code if user.agency_id else None
    return values


def _model_errors(user: User, **kwargs) -> dict[str, list[str]]:
    try:
        user.full_clean(**kwargs)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def _check_agency(user: User, *, changed: bool, errors: dict[str, list[str]]) -> None:
    # A merged or dissolved agency keeps its existing accounts, but nobody new is placed there.
    if user.agency_id and changed and "agency" not in errors and user.agency.status != AgencyStatus.ACTIVE:
        errors["agency"] = [_("%(name)s is no longer active; choose the agency that took over.")
                            % {"name": user.agency.name}]


def _check_password(password: str, user: User, errors: dict[str, list[str]]) -> None:
    if not password:
        errors["password"] = [_("The password is required.")]
        return
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages


def _taken(username: str) -> str:
    return _("The username %(username)s is already taken.") % {"username": username}


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    agency: Agency | None = None,
    full_name: str = "",
    email: str = "",
    phone: str = "",
) -> User:
    user = User(username=username, full_name=full_name, email=email, phone=phone, role=role, agency=agency)
    # The password is checked as typed, below; the model's unique check is exact, the service's ignores case.
    errors = _model_errors(user, exclude=["password"], validate_unique=False)
    if "username" not in errors:
        # Usernames differing only in case would be mistaken for one another at the login form. The
        # constraint is case-sensitive: creations of "Ha" and "ha" at once take turns here.
        lock_value("username", user.username.upper())
        if User.objects.filter(username__iexact=user.username).exists():
            errors["username"] = [_taken(user.username)]
    _check_agency(user, changed=True, errors=errors)
    _check_password(password, user, errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with unique_errors(User, {"username": ("username", _taken(user.username))}):
        user.save()
    audit_record(actor=actor, action=Action.CREATE, obj=user, agency=agency, changes=user_snapshot(user))
    return user


def _locked(user: User) -> User:
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the agency.
    return User.objects.select_for_update(of=("self",)).select_related("agency").get(pk=user.pk)


@transaction.atomic
def user_update(*, actor, user: User, **fields) -> User:
    """Change any of EDITABLE_FIELDS of an account."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"user_update cannot change {sorted(unknown)}")
    user = _locked(user)
    before, previous_agency, previous_role = user_snapshot(user), user.agency, user.role
    for key, value in fields.items():
        setattr(user, key, value)
    errors = _model_errors(user, exclude=["username", "password"], validate_unique=False)
    # The lead demoting themselves could leave the province with nobody to manage accounts.
    if actor is not None and actor.pk == user.pk and user.role != previous_role:
        errors["role"] = [_("You cannot change your own role.")]
    _check_agency(user, changed=user.agency_id != (previous_agency.pk if previous_agency else None), errors=errors)
    if errors:
        raise ValidationError(errors)
    user.save()
    changes = diff(before, user_snapshot(user))
    if changes:
        # An account moved out of an agency stays in that agency's history.
        audit_record(actor=actor, action=Action.UPDATE, obj=user, agency=user.agency or previous_agency,
                     changes=changes)
    return user


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool) -> User:
    """Deactivating keeps the account and its history; the person can no longer sign in."""
    user = _locked(user)
    if not active and actor is not None and actor.pk == user.pk:
        raise ValidationError({"is_active": [_("You cannot deactivate your own account.")]})
    if user.is_active == active:
        return user
    before = user.is_active
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor, action=Action.UPDATE, obj=user, agency=user.agency,
        changes={"is_active": [before, active]},
        note=_("Account reactivated") if active else _("Account deactivated"),
    )
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    """Set a new password: the person's own change, or a reset by the programme lead."""
    user = _locked(user)
    errors: dict[str, list[str]] = {}
    _check_password(password, user, errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save(update_fields=["password"])
    own = actor is not None and actor.pk == user.pk
    if not own:
        # The lockout page tells a locked-out person to ask the lead for a reset, so a reset also unlocks.
        axes_reset(username=user.username)
    audit_record(
        actor=actor, action=Action.UPDATE, obj=user, agency=user.agency,
        note=_("Password changed") if own else _("Password reset"),
    )
    return user


# API tokens (isogov/accounts/tokens.py authenticates with them)
# The trail names the token and its scope (its expiry is on the owner's page; its secret nowhere).
TOKEN_FIELDS = ("name", "scope")


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, user: User, name: str, scope: str, expires_on: dt.date | None = None
                 ) -> tuple[ApiToken, str]:
    """A new token of `user`'s; returns it with its secret, which is shown once and stored only as its hash."""
    if actor != user:
        raise PermissionDenied(_("Only its owner makes a token."))
    secret = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=clean_text(name), scope=scope, expires_on=expires_on,
                     key_hash=token_hash(secret), prefix=secret[:8])
    token.full_clean()
    if expires_on is not None and expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": [_("The expiry date must be in the future.")]})
    token.save()
    audit_record(actor=actor, action=Action.CREATE, obj=token, changes=snapshot(token, TOKEN_FIELDS))
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoked for good: its requests are answered 401 from now on. Revoking twice changes nothing."""
    if actor != token.user:
        raise PermissionDenied(_("Only its owner revokes a token."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        # For the programs that used it the token is gone: the trail records it as deleted (its row stays listed).
        audit_record(actor=actor, action=Action.DELETE, obj=token, changes=snapshot(token, TOKEN_FIELDS))
    return token
