"""Writes to accounts: keyword-only, atomic, validated, audit-logged.

Passwords and their hashes never reach the audit trail; a note says that a password changed.
"""
from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.accounts.models import AGENCY_ROLES, Role, User
from isogov.audit.services import Action, audit_record, diff
from isogov.core.db import lock_value, unique_errors
from isogov.core.text import clean_text
from isogov.registry.models import Agency, AgencyStatus

# What the programme lead edits on an existing account; the username is its identity and stays.
EDITABLE_FIELDS = ("full_name", "email", "phone", "role", "agency")


def user_snapshot(user: User) -> dict:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone,
        "role": user.role,
        "agency": user.agency.code if user.agency_id else None,
        "is_active": user.is_active,
    }


def _validate(
    *, role: str, agency: Agency | None, email: str, agency_changed: bool, errors: dict[str, list[str]]
) -> None:
    if role not in Role.values:
        errors["role"] = [_("Unknown role.")]
    elif role in AGENCY_ROLES and agency is None:
        errors["agency"] = [_("An ISO secretary or agency head must belong to an agency.")]
    # A merged or dissolved agency keeps its existing accounts, but nobody new is placed there.
    if agency is not None and agency_changed and agency.status != AgencyStatus.ACTIVE:
        errors["agency"] = [_("%(name)s is no longer active; choose the agency that took over.")
                            % {"name": agency.name}]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("“%(value)s” is not a valid email address.") % {"value": email}]


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
    # NFKC, as the login form normalises what is typed: "hà" typed decomposed (NFD) must still sign in.
    username = User.normalize_username(clean_text(username))
    full_name, email, phone = clean_text(full_name), clean_text(email), clean_text(phone)
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("The username is required.")]
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError as exc:
            errors["username"] = exc.messages
        else:
            # Usernames differing only in case would be mistaken for one another at the login form. The
            # constraint is case-sensitive: creations of "Ha" and "ha" at once take turns here.
            lock_value("username", username.upper())
            if User.objects.filter(username__iexact=username).exists():
                errors["username"] = [_taken(username)]
    _validate(role=role, agency=agency, email=email, agency_changed=True, errors=errors)
    user = User(username=username, full_name=full_name, email=email, phone=phone, role=role, agency=agency)
    _check_password(password, user, errors)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    with unique_errors(User, {"username": ("username", _taken(username))}):
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
    before, previous_agency = user_snapshot(user), user.agency
    for key in ("full_name", "email", "phone"):
        if key in fields:
            fields[key] = clean_text(fields[key])
    role = fields.get("role", user.role)
    agency = fields.get("agency", user.agency)
    errors: dict[str, list[str]] = {}
    # The lead demoting themselves could leave the province with nobody to manage accounts.
    if actor is not None and actor.pk == user.pk and role != user.role:
        errors["role"] = [_("You cannot change your own role.")]
    agency_changed = (agency.pk if agency else None) != user.agency_id
    _validate(role=role, agency=agency, email=fields.get("email", user.email),
              agency_changed=agency_changed, errors=errors)
    if errors:
        raise ValidationError(errors)
    for key, value in fields.items():
        setattr(user, key, value)
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
