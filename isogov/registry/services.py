"""Writes to the agency registry: keyword-only, atomic, validated, audit-logged."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff
from isogov.core.db import unique_errors
from isogov.core.text import clean_text, fold
from isogov.qms.states import QmsState
from isogov.registry import extensions
from isogov.registry import tiers as tier_presets
from isogov.registry.models import Agency, AgencyKind, AgencyStatus, Tier, code_validator

# Fields a person edits on the agency form; code is the agency's identity and never changes.
EDITABLE_FIELDS = ("name", "tier", "parent", "kind", "mandatory", "iso_secretary", "email", "phone", "active_from")
CONTACT_FIELDS = ("iso_secretary", "email", "phone")


def agency_snapshot(agency: Agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "tier": agency.tier.code if agency.tier_id else None,
        "parent": agency.parent.code if agency.parent_id else None,
        "kind": agency.kind,
        "mandatory": agency.mandatory,
        "iso_secretary": agency.iso_secretary,
        "email": agency.email,
        "phone": agency.phone,
        "status": agency.status,
        "active_from": agency.active_from,
        "ended_on": agency.ended_on,
        "merged_into": agency.merged_into.code if agency.merged_into_id else None,
    }


def search_text_for(code: str, name: str) -> str:
    return f"{fold(code)} {fold(name)}"


def path_for(code: str, parent: Agency | None) -> str:
    return f"{parent.path if parent else '/'}{code}/"


def _validate(*, code: str, name: str, tier: Tier | None, parent: Agency | None, email: str, kind: str) -> None:
    errors: dict[str, list[str]] = {}
    try:
        code_validator(code)
    except ValidationError as exc:
        errors["code"] = exc.messages
    if not name:
        errors["name"] = [_("The name is required.")]
    if tier is None:
        errors["tier"] = [_("The tier is required.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("“%(value)s” is not a valid email address.") % {"value": email}]
    if kind not in AgencyKind.values:
        errors["kind"] = [_("Unknown kind of agency.")]
    if parent is not None and tier is not None and parent.tier.rank > tier.rank:
        errors["parent"] = [_("A parent cannot sit on a lower tier than the agency.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agency_create(
    *,
    actor,
    code: str,
    name: str,
    tier: Tier,
    parent: Agency | None = None,
    kind: str = AgencyKind.OTHER,
    mandatory: bool | None = None,
    iso_secretary: str = "",
    email: str = "",
    phone: str = "",
    active_from: dt.date | None = None,
    is_programme_lead: bool = False,
) -> Agency:
    code, name = clean_text(code), clean_text(name)
    email = clean_text(email)
    _validate(code=code, name=name, tier=tier, parent=parent, email=email, kind=kind)
    code_taken = _("An agency with code %(code)s already exists.") % {"code": code}
    if Agency.objects.filter(code=code).exists():
        raise ValidationError({"code": [code_taken]})
    with unique_errors(Agency, {"code": ("code", code_taken)}):
        agency = Agency.objects.create(
            code=code,
            name=name,
            tier=tier,
            parent=parent,
            path=path_for(code, parent),
            kind=kind,
            mandatory=tier.mandatory_by_default if mandatory is None else mandatory,
            iso_secretary=clean_text(iso_secretary),
            email=email,
            phone=clean_text(phone),
            active_from=active_from,
            is_programme_lead=is_programme_lead,
            search_text=search_text_for(code, name),
            qms_state=QmsState.NOT_STARTED,
        )
    audit_record(actor=actor, action=Action.CREATE, obj=agency, agency=agency, changes=agency_snapshot(agency))
    return agency


def would_create_cycle(agency: Agency, new_parent: Agency | None) -> bool:
    return new_parent is not None and new_parent.path.startswith(agency.path)


@transaction.atomic
def agency_update(*, actor, agency: Agency, **fields) -> Agency:
    """Change any of EDITABLE_FIELDS. Moving an agency moves its whole subtree."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"agency_update cannot change {sorted(unknown)}")
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins to parent and merged_into.
    agency = (Agency.objects.select_for_update(of=("self",))
              .select_related("tier", "parent", "merged_into").get(pk=agency.pk))
    before = agency_snapshot(agency)
    for key in ("name", "iso_secretary", "email", "phone"):
        if key in fields:
            fields[key] = clean_text(fields[key])
    new_parent = fields.get("parent", agency.parent)
    if "parent" in fields and would_create_cycle(agency, new_parent):
        raise ValidationError({"parent": [_("An agency cannot be placed under itself or one of its own units.")]})
    _validate(
        code=agency.code,
        name=fields.get("name", agency.name),
        tier=fields.get("tier", agency.tier),
        parent=new_parent,
        email=fields.get("email", agency.email),
        kind=fields.get("kind", agency.kind),
    )
    if "mandatory" in fields and fields["mandatory"] is None:
        fields["mandatory"] = fields.get("tier", agency.tier).mandatory_by_default
    for key, value in fields.items():
        setattr(agency, key, value)
    agency.search_text = search_text_for(agency.code, agency.name)
    old_path, agency.path = agency.path, path_for(agency.code, new_parent)
    agency.save()
    if old_path != agency.path:
        _move_subtree(old_path, agency.path)
    changes = diff(before, agency_snapshot(agency))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=agency, agency=agency, changes=changes)
    return agency


def _move_subtree(old_prefix: str, new_prefix: str) -> None:
    descendants = list(Agency.objects.filter(path__startswith=old_prefix).exclude(path=new_prefix).only("pk", "path"))
    for d in descendants:
        d.path = new_prefix + d.path[len(old_prefix):]
    Agency.objects.bulk_update(descendants, ["path"], batch_size=1000)


@transaction.atomic
def agency_merge(*, actor, agency: Agency, into: Agency, effective_date: dt.date, note: str = "") -> Agency:
    """Record that `agency` merged into `into` on `effective_date`.

    The receiving agency's scope grows, so if it had announced its QMS a re-announcement falls due.
    """
    note = clean_text(note)
    if into.pk == agency.pk or into.path.startswith(agency.path):
        raise ValidationError({"into": [_("An agency cannot merge into itself or one of its own units.")]})
    if agency.status != AgencyStatus.ACTIVE:
        raise ValidationError({"into": [_("Only an active agency can be merged.")]})
    if into.status != AgencyStatus.ACTIVE:
        raise ValidationError({"into": [_("An agency can only merge into an active agency.")]})
    before = agency_snapshot(agency)
    agency.status = AgencyStatus.MERGED
    agency.merged_into = into
    agency.ended_on = effective_date
    agency.save(update_fields=["status", "merged_into", "ended_on", "updated_at"])
    audit_record(
        actor=actor, action=Action.UPDATE, obj=agency, agency=agency,
        changes=diff(before, agency_snapshot(agency)), note=note,
    )
    extensions.agency_merged(
        into=into, actor=actor,
        note=_("%(name)s merged into this agency on %(date)s")
        % {"name": agency.name, "date": effective_date.strftime("%d/%m/%Y")},
    )
    return agency


def _tier_snapshot(tier: Tier) -> dict:
    return {f: getattr(tier, f) for f in ("code", "name_vi", "name_en", "rank", "aliases", "mandatory_by_default")}


@transaction.atomic
def tier_preset_load(*, actor, name: str) -> int:
    """Load a tier preset (`isogov tiers --load`), recording each tier it creates or changes in the audit trail."""
    before = {t.code: _tier_snapshot(t) for t in Tier.objects.all()}
    count = tier_presets.load_preset(Tier, name)
    for tier in Tier.objects.all():
        after = _tier_snapshot(tier)
        if tier.code not in before:
            audit_record(actor=actor, action=Action.CREATE, obj=tier, changes=after)
        elif changes := diff(before[tier.code], after):
            audit_record(actor=actor, action=Action.UPDATE, obj=tier, changes=changes)
    return count
