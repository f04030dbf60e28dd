"""Writes of the province's catalogue: publication decisions, scope proposals accepted, province legal texts pushed
to every agency whose scope they touch, and the move to the next edition of ISO 9001. Every write is audited.

Callers have checked who acts: the lead for the province's records (access.require_registry_manager), an agency
obtained through access.access_agency(..., write=True) for the agency's own.
"""
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, snapshot
from isogov.catalogue import importing, rules
from isogov.catalogue.models import (
    CatalogueEntry,
    EditionTransition,
    LegalNotice,
    LegalText,
    Publication,
    PublicationState,
    ScopeReview,
    kinds_text,
)
from isogov.core.db import lock, lock_value, unique_errors
from isogov.documents import services as documents
from isogov.documents.models import Document, DocumentKind
from isogov.qms import services as qms
from isogov.qms.models import Procedure, ScopeItem
from isogov.registry.models import Agency, AgencyStatus

# The pushed document's owner when the agency names no ISO secretary: the agency's data is Vietnamese.
DEFAULT_OWNER = "Thư ký ISO"


@transaction.atomic
def publication_upload(*, actor, number: str, decided_on: dt.date, data: bytes, filename: str) -> Publication:
    """Read and check the file; CatalogueRejected naming every bad row, and nothing written. The decision waits,
    pending, for the lead to confirm its preview (publication_apply)."""
    rows = importing.read_rows(data=data, filename=filename)
    publication = Publication(number=number, decided_on=decided_on, filename=filename[:255], rows=rows,
                              created_by=actor)
    publication.full_clean()
    publication.save()
    audit_record(actor=actor, action=Action.CREATE, obj=publication,
                 changes=snapshot(publication, ["number", "decided_on", "filename"]),
                 note=_("%(n)s procedures listed") % {"n": len(rows)})
    return publication


def _pending(publication: Publication) -> Publication:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.state != PublicationState.PENDING:
        raise ValidationError(_("This decision was already %(state)s.") % {
            "state": PublicationState(publication.state).label.lower()})
    return publication


@transaction.atomic
def publication_cancel(*, actor, publication: Publication) -> Publication:
    publication = _pending(publication)
    publication.state = PublicationState.CANCELLED
    publication.save(update_fields=["state"])
    audit_record(actor=actor, action=Action.UPDATE, obj=publication, changes={"state": ["pending", "cancelled"]})
    return publication


@transaction.atomic
def publication_apply(*, actor, publication: Publication) -> importing.Plan:
    """Apply the decision all at once, planned again against the catalogue as it is now: procedures added or
    changed; withdrawn ones marked and taken out of the scopes that hold them (an announced agency's re-announcement
    falls due, qms.services.scope_remove); each agency whose scope it touches given its procedure-list (Mẫu 2) update,
    due in 5 working days. An added procedure enters a scope when the agency accepts its proposal (scope_add, which
    makes the re-announcement due then). The first decision loaded touches no agency (importing.Plan.baseline)."""
    # One decision applied at a time, whichever: the plan below must still hold when written (before any row lock).
    lock_value("catalogue.publication_apply", "catalogue")
    publication = _pending(publication)
    plan = importing.build_plan(publication.rows)
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[r["code"] for r in publication.rows])}
    entries = {e.procedure_id: e for e in CatalogueEntry.objects.filter(procedure__in=procedures.values())}
    for row in plan.added + [row for row, _changes in plan.changed]:
        procedure = procedures.get(row["code"])
        if procedure is None:
            procedure = qms.procedure_create(actor=actor, code=row["code"], name=row["name"], field=row["field"])
        elif (procedure.name, procedure.field) != (row["name"], row["field"]):
            procedure = qms.procedure_update(actor=actor, procedure=procedure, name=row["name"], field=row["field"])
        entry = entries.get(procedure.pk) or CatalogueEntry(procedure=procedure)
        entry.level, entry.agency_kinds = row["level"], kinds_text(row["kinds"])
        entry.published_by, entry.withdrawn_by = publication, None
        entry.full_clean()
        entry.save()
    for entry in plan.removed:
        entry.withdrawn_by = publication
        entry.save(update_fields=["withdrawn_by"])
    due = rules.list_update_due(publication.decided_on)
    reviews = [ScopeReview(agency=c.agency, publication=publication, added=c.added, removed=c.removed, due_on=due)
               for c in plan.agencies]
    ScopeReview.objects.bulk_create(reviews)
    # A withdrawn procedure can no longer be handled: it leaves every scope at once, through the QMS's own service,
    # which makes an announced agency's re-announcement due. An added one enters a scope when its agency accepts it.
    withdrawn = {e.procedure.code: e.procedure for e in plan.removed}
    for change in plan.agencies:
        for code in change.removed:
            qms.scope_remove(agency=change.agency, actor=actor, procedure=withdrawn[code])
    publication.state, publication.applied_at = PublicationState.APPLIED, timezone.now()
    publication.summary = {"added": [r["code"] for r in plan.added], "changed": [r["code"] for r, _c in plan.changed],
                           "removed": [e.procedure.code for e in plan.removed]}
    publication.save(update_fields=["state", "applied_at", "summary"])
    audit_record(actor=actor, action=Action.UPDATE, obj=publication,
                 changes={"state": ["pending", "applied"], "summary": publication.summary})
    note = _("Procedures published by decision %(number)s") % {"number": publication.number}
    audit_record_many(actor=actor, entries=[
        Entry(Action.CREATE, r, r.agency, {"added": r.added, "removed": r.removed, "due_on": r.due_on}, note)
        for r in reviews])
    return plan


@transaction.atomic
def scope_proposal_accept(*, agency: Agency, actor, add: Iterable[Procedure] = (),
                          remove: Iterable[Procedure] = ()) -> int:
    """The secretary accepts the proposed scope (through the QMS's own scope services) and so closes the agency's
    open procedure-list updates: the list now matches what the province published."""
    lock(agency)
    count = 0
    for procedure in add:
        if not ScopeItem.objects.filter(agency=agency, procedure=procedure).exists():
            qms.scope_add(agency=agency, actor=actor, procedure=procedure)
            count += 1
    for procedure in remove:
        if ScopeItem.objects.filter(agency=agency, procedure=procedure).exists():
            qms.scope_remove(agency=agency, actor=actor, procedure=procedure)
            count += 1
    today = timezone.localdate()
    for review in ScopeReview.objects.filter(agency=agency, done_on__isnull=True).select_related("publication"):
        review.done_on, review.done_by = today, actor
        review.save(update_fields=["done_on", "done_by"])
        audit_record(actor=actor, action=Action.UPDATE, obj=review, agency=agency,
                     changes={"done_on": [None, today]}, note=_("Procedure list updated"))
    return count


@transaction.atomic
def legal_text_record(*, actor, legal_number: str, title: str, issuing_body: str, issued_on: dt.date,
                      effective_on: dt.date, procedures: Iterable[Procedure]) -> LegalText:
    """The lead records a text once; every active agency whose scope holds an affected procedure gets it in its
    own register at once, with the 3-month deadline the documents area keeps (documents.legal)."""
    procedures = list(procedures)
    text = LegalText(legal_number=legal_number, title=title, issuing_body=issuing_body, issued_on=issued_on,
                     effective_on=effective_on, created_by=actor)
    errors = {}
    if not procedures:
        errors["procedures"] = [_("Name at least one procedure the text affects.")]
    try:
        text.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if "legal_number" not in errors and LegalText.objects.filter(same_number("legal_number", legal_number)).exists():
        errors["legal_number"] = [LegalText._meta.get_field("legal_number").error_messages["unique"]]
    if errors:
        raise ValidationError(errors)
    with unique_errors(LegalText, {"legal_number": ("legal_number", LegalText._meta.get_field("legal_number")
                                                    .error_messages["unique"])}):
        text.save()
    text.procedures.set(procedures)
    audit_record(actor=actor, action=Action.CREATE, obj=text, changes={
        **snapshot(text, ["legal_number", "title", "issuing_body", "issued_on", "effective_on"]),
        "procedures": sorted(p.code for p in procedures)})
    push(legal_text=text, actor=actor)
    return text


def push(*, legal_text: LegalText, actor, agency_ids: Iterable[int] | None = None) -> list[LegalNotice]:
    """Send `legal_text` to every active agency whose scope holds a procedure it affects and that has not had it.

    An agency that had already recorded the same text itself (same number) keeps its document, now linked: it is
    not asked twice. The document's deadline is the documents area's own (effective date + 3 months).
    """
    lock(legal_text)  # a text is pushed to an agency once, though a scope grows while it is recorded
    scope = ScopeItem.objects.filter(procedure__legal_texts=legal_text, agency__status=AgencyStatus.ACTIVE)
    if agency_ids is not None:
        scope = scope.filter(agency_id__in=list(agency_ids))
    ids = set(scope.values_list("agency_id", flat=True)) - set(
        LegalNotice.objects.filter(legal_text=legal_text).values_list("agency_id", flat=True))
    own = {d.agency_id: d for d in Document.objects.filter(same_number("legal_number", legal_text.legal_number),
                                                           agency_id__in=ids, kind=DocumentKind.EXTERNAL)}
    notices = []
    for agency in Agency.objects.filter(pk__in=ids).order_by("path"):
        document = own.get(agency.pk) or documents.document_create(
            agency=agency, actor=actor, code=_free_code(agency, legal_text), title=legal_text.title[:300],
            kind=DocumentKind.EXTERNAL, owner_name=agency.iso_secretary or DEFAULT_OWNER,
            issuing_body=legal_text.issuing_body, legal_number=legal_text.legal_number,
            legal_effective_on=legal_text.effective_on)
        notice = LegalNotice(legal_text=legal_text, agency=agency, document=document)
        notice.save()
        notices.append(notice)
    audit_record_many(actor=actor, entries=[
        Entry(Action.CREATE, n, n.agency, {"legal_text": legal_text, "document": n.document},
              _("Legal text sent by the province")) for n in notices])
    return notices


def same_number(field: str, number: str) -> Q:
    """The same legal number whatever its case: SQLite folds only ASCII letters ("QĐ" and "qđ" differ there)."""
    return Q(**{f"{field}__iexact": number}) | Q(**{f"{field}__in": {number, number.upper(), number.lower()}})


def _free_code(agency: Agency, legal_text: LegalText) -> str:
    base = f"VB-{legal_text.legal_number}"[:36]
    taken = set(Document.objects.filter(agency=agency, code__istartswith=base).values_list("code", flat=True))
    taken = {c.upper() for c in taken}
    code, n = base, 1
    while code.upper() in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def on_scope_item_saved(sender, instance: ScopeItem, created: bool, raw: bool = False, **kwargs) -> None:
    """A procedure newly in an agency's scope brings the province's texts on it (apps.CatalogueConfig.ready)."""
    if not created or raw:
        return
    for text in LegalText.objects.filter(procedures=instance.procedure_id).exclude(notices__agency=instance.agency_id):
        push(legal_text=text, actor=instance.added_by, agency_ids=[instance.agency_id])


@transaction.atomic
def edition_transition_record(*, agency: Agency, actor, done_on: dt.date, note: str = "") -> EditionTransition:
    code = rules.next_edition()
    record = EditionTransition(agency=agency, framework_code=code, done_on=done_on, note=note, recorded_by=actor)
    errors = {}
    if done_on and done_on > timezone.localdate():
        errors["done_on"] = [_("This date cannot be in the future.")]
    try:
        record.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if not errors and EditionTransition.objects.filter(agency=agency, framework_code=code).exists():
        errors["__all__"] = [_("The move to this edition is already recorded.")]
    if errors:
        raise ValidationError(errors)
    with unique_errors(EditionTransition, {"unique_edition_transition": (
            "__all__", _("The move to this edition is already recorded."))}):
        record.save()
    audit_record(actor=actor, action=Action.CREATE, obj=record, agency=agency,
                 changes=snapshot(record, ["framework_code", "done_on", "note"]))
    return record

