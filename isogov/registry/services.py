"""Writes to the agency registry: keyword-only, atomic, validated, audit-logged."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.core.db import unique_errors
from isogov.core.text import clean_text
from isogov.registry import extensions
from isogov.registry import tiers as tier_presets
from isogov.registry.models import Agency, AgencyKind, AgencyStatus, Tier, path_for, search_text_for

# Fields a person edits on the agency form; code is the agency's identity and never changes.
EDITABLE_FIELDS = ("name", "tier", "parent", "kind", "mandatory", "iso_secretary", "email", "phone", "active_from")
CONTACT_FIELDS = ("iso_secretary", "email", "phone")
AGENCY_FIELDS = ("code", "name", "tier", "parent", "kind", "mandatory", "iso_secretary", "email", "phone", "status",
                 "active_from", "ended_on", "merged_into")
# The trail and the import's preview name a tier, a parent and a merger by code, as the spreadsheet does.
BY_CODE = ("tier", "parent", "merged_into")
TIER_FIELDS = ("code", "name_vi", "name_en", "rank", "aliases", "mandatory_by_default")

__all__ = ["AGENCY_FIELDS", "CONTACT_FIELDS", "EDITABLE_FIELDS", "agency_create", "agency_merge", "agency_snapshot",
           "agency_update", "path_for", "search_text_for", "tier_preset_load"]


def agency_snapshot(agency: Agency) -> dict:
    values = snapshot(agency, [f for f in AGENCY_FIELDS if f not in BY_CODE])
    for name in BY_CODE:
        values[name] = getattr(agency, name).code if getattr(agency, f"{name}_id") else None
    return {name: values[name] for name in AGENCY_FIELDS}


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
    """A new active agency; `mandatory=None` takes the tier's default (Agency.clean_fields)."""
    agency = Agency(code=code, name=name, tier=tier, parent=parent, kind=kind, mandatory=mandatory,
                    iso_secretary=iso_secretary, email=email, phone=phone, active_from=active_from,
                    is_programme_lead=is_programme_lead)
    agency.full_clean()
    # The loser of a race for the code is told what full_clean tells the second of two requests in a row.
    code_taken = Agency._meta.get_field("code").error_messages["unique"]
    with unique_errors(Agency, {"code": ("code", lambda: str(code_taken))}):
        agency.save()
    audit_record(actor=actor, action=Action.CREATE, obj=agency, agency=agency, changes=agency_snapshot(agency))
    return agency


@transaction.atomic
def agency_update(*, actor, agency: Agency, **fields) -> Agency:
    """Change any of EDITABLE_FIELDS. Moving an agency moves its whole subtree."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"agency_update cannot change {sorted(unknown)}")
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins to parent and merged_into.
    agency = (Agency.objects.select_for_update(of=("self",))
              .select_related("tier", "parent", "merged_into").get(pk=agency.pk))
    before, old_path = agency_snapshot(agency), agency.path
    for key, value in fields.items():
        setattr(agency, key, value)
    agency.full_clean()
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
    agency.full_clean()
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


@transaction.atomic
def tier_preset_load(*, actor, name: str) -> int:
    """Load a tier preset (`isogov tiers --load`), recording each tier it creates or changes in the audit trail."""
    before = {t.code: snapshot(t, TIER_FIELDS) for t in Tier.objects.all()}
    count = tier_presets.load_preset(Tier, name)
    for tier in Tier.objects.all():
        after = snapshot(tier, TIER_FIELDS)
        if tier.code not in before:
            audit_record(actor=actor, action=Action.CREATE, obj=tier, changes=after)
        elif changes := diff(before[tier.code], after):
            audit_record(actor=actor, action=Action.UPDATE, obj=tier, changes=changes)
    return count
