"""Writes to an agency's QMS: lifecycle steps, scope, dated facts and announcements."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot, uploaded
from isogov.core.db import unique_errors
from isogov.core.files import PDF, safe_name, validate_pdf
from isogov.qms import lifecycle
from isogov.qms.lifecycle import transition_problems  # the lifecycle's rule, for the services and their callers
from isogov.qms.models import Announcement, Procedure, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus


def _locked(agency: Agency) -> Agency:
    return Agency.objects.select_for_update().select_related("tier").get(pk=agency.pk)


def _move(*, agency: Agency, actor, to_state: str, note: str = "") -> Transition:
    now = timezone.now()
    step = Transition(agency=agency, from_state=agency.qms_state, to_state=to_state, actor=actor, at=now, note=note)
    step.full_clean()
    step.save()
    audit_record(
        actor=actor, action=Action.TRANSITION, obj=agency, agency=agency,
        changes={"qms_state": [agency.qms_state, to_state]}, note=step.note,
    )
    agency.qms_state = to_state
    agency.qms_state_since = now
    agency.save(update_fields=["qms_state", "qms_state_since", "updated_at"])
    return step


@transaction.atomic
def agency_transition(*, agency: Agency, actor, to_state: str, note: str = "") -> Transition:
    agency = _locked(agency)
    problems = transition_problems(agency=agency, actor=actor, to_state=to_state, note=note)
    if problems:
        raise ValidationError(problems)
    return _move(agency=agency, actor=actor, to_state=to_state, note=note)


@transaction.atomic
def agency_announce(
    *,
    agency: Agency,
    actor,
    decision_number: str,
    decision_date: dt.date,
    signed_file: UploadedFile | None,
    signer: str = "",
    notified_on: dt.date | None = None,
    posted_on: dt.date | None = None,
    website_url: str = "",
) -> Announcement:
    """Record the signed announcement decision and move the agency to "announced"."""
    agency = _locked(agency)
    errors: dict[str, list[str]] = {}
    if agency.status != AgencyStatus.ACTIVE:
        errors["__all__"] = [_("This agency is no longer active; record the announcement on the agency that took it "
                               "over.")]
    elif agency.qms_state not in lifecycle.CAN_ANNOUNCE_FROM:
        errors["__all__"] = [
            _("An announcement needs the effectiveness confirmed first (current state: %(state)s).")
            % {"state": QmsState(agency.qms_state).label}
        ]
    scope_codes = list(
        agency.scope_items.order_by("procedure__code").values_list("procedure__code", flat=True)
    )
    if not scope_codes:
        errors.setdefault("__all__", []).append(_("The scope is empty: add the procedures the QMS covers."))
    announcement = Announcement(
        agency=agency, decision_number=decision_number, decision_date=decision_date, signer=signer,
        scope_codes=scope_codes, is_reannouncement=agency.qms_state == QmsState.REANNOUNCE_DUE,
        notified_on=notified_on, posted_on=posted_on, website_url=website_url, recorded_by=actor,
    )
    try:
        announcement.full_clean(exclude=["signed_file"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if signed_file is None:
        errors["signed_file"] = [_("Attach the signed decision as a PDF file.")]
    else:
        try:
            validate_pdf(signed_file)
        except ValidationError as exc:
            errors["signed_file"] = exc.messages
    if errors:
        raise ValidationError(errors)
    # Named for what the content is: a PDF uploaded as "decision.html" must not be kept or served as one.
    announcement.signed_file.save(safe_name(signed_file.name, PDF), signed_file, save=False)
    # The file reaches storage before the rows exist: if anything after fails, take it away again.
    try:
        announcement.save()
        audit_record(
            actor=actor, action=Action.CREATE, obj=announcement, agency=agency,
            changes={
                **snapshot(announcement, ["decision_number", "decision_date", "scope_codes"]),
                "signed_file": uploaded(announcement.signed_file, signed_file),
            },
        )
        _move(agency=agency, actor=actor, to_state=QmsState.ANNOUNCED,
              note=_("Decision %(number)s") % {"number": announcement.decision_number})
    except Exception:
        announcement.signed_file.delete(save=False)
        raise
    return announcement


def mark_scope_changed(*, agency: Agency, actor, note: str) -> None:
    """A change of scope makes the last announcement out of date (Decision 19/2014: re-announce)."""
    agency = _locked(agency)
    if agency.qms_state in lifecycle.ANNOUNCED_STATES:
        _move(agency=agency, actor=actor, to_state=QmsState.REANNOUNCE_DUE, note=note)


@transaction.atomic
def scope_add(*, agency: Agency, actor, procedure: Procedure) -> ScopeItem:
    in_scope = _("This procedure is already in the scope.")
    if ScopeItem.objects.filter(agency=agency, procedure=procedure).exists():
        raise ValidationError({"procedure": [in_scope]})
    item = ScopeItem(agency=agency, procedure=procedure, added_by=actor)
    item.full_clean(validate_constraints=False)
    with unique_errors(ScopeItem, {"unique_scope_item": ("procedure", in_scope)}):
        item.save()
    audit_record(actor=actor, action=Action.CREATE, obj=item, agency=agency,
                 changes={"procedure": procedure.code}, note=_("Added to the scope"))
    mark_scope_changed(agency=agency, actor=actor,
                       note=_("Procedure %(code)s added to the scope") % {"code": procedure.code})
    return item


@transaction.atomic
def scope_remove(*, agency: Agency, actor, procedure: Procedure) -> None:
    item = ScopeItem.objects.filter(agency=agency, procedure=procedure).first()
    if item is None:
        raise ValidationError({"procedure": [_("This procedure is not in the scope.")]})
    audit_record(actor=actor, action=Action.DELETE, obj=item, agency=agency,
                 changes={"procedure": procedure.code}, note=_("Removed from the scope"))
    item.delete()
    mark_scope_changed(agency=agency, actor=actor,
                       note=_("Procedure %(code)s removed from the scope") % {"code": procedure.code})


@transaction.atomic
def fact_record(*, agency: Agency, actor, kind: str, date: dt.date, note: str = "") -> QmsFact:
    fact = QmsFact(agency=agency, kind=kind, date=date, note=note, recorded_by=actor)
    fact.full_clean()
    fact.save()
    audit_record(actor=actor, action=Action.CREATE, obj=fact, agency=agency,
                 changes=snapshot(fact, ["kind", "date", "note"]))
    return fact


@transaction.atomic
def procedure_create(*, actor, code: str, name: str, field: str = "") -> Procedure:
    procedure = Procedure(code=code, name=name, field=field)
    procedure.full_clean()
    with unique_errors(Procedure, {"code": ("code", Procedure._meta.get_field("code").error_messages["unique"])}):
        procedure.save()
    audit_record(actor=actor, action=Action.CREATE, obj=procedure,
                 changes=snapshot(procedure, ["code", "name", "field"]))
    return procedure


@transaction.atomic
def procedure_update(*, actor, procedure: Procedure, name: str, field: str = "") -> Procedure:
    """A procedure's name or field as the province's catalogue now publishes it; its code never changes."""
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    before = snapshot(procedure, ["name", "field"])
    procedure.name, procedure.field = name, field
    procedure.full_clean()
    procedure.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=procedure,
                 changes=diff(before, snapshot(procedure, ["name", "field"])))
    return procedure
