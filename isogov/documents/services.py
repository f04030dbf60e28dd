"""Writes to an agency's document register: documents and their details. Versions are in versioning.py.

Callers pass an agency obtained through access.access_agency(..., write=True).
"""
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff, snapshot
from isogov.clauses.models import Clause
from isogov.core.db import lock, unique_errors
from isogov.documents import legal
from isogov.documents.models import Document, DocumentKind
from isogov.documents.versioning import check_file, new_version
from isogov.qms.models import Procedure, ScopeItem
from isogov.registry.models import Agency

FIELDS = ("code", "title", "kind", "procedure", "owner_name", "owner_user", "issuing_body", "legal_number",
          "legal_effective_on", "incorporated_on", "legal_due_on")


def _code_taken(code: str) -> str:
    return _("This agency already has a document with code %(code)s.") % {"code": code}


def _procedure_taken(clash: Document) -> str:
    return _("Document %(code)s is already the process for this procedure.") % {"code": clash.code}


def _save(doc: Document) -> None:
    """Save, giving the checks' errors when a document with the same code or process was saved meanwhile."""
    clash = Document.objects.filter(agency_id=doc.agency_id, procedure_id=doc.procedure_id).exclude(pk=doc.pk)
    with unique_errors(Document, {
        "unique_document_code": ("code", _code_taken(doc.code)),
        "unique_document_procedure": ("procedure", lambda: _procedure_taken(clash.get())),
    }):
        doc.save()


def _checked(doc: Document, errors: dict[str, list[str]] | None = None) -> None:
    """The document's own fields (Document.clean), then what depends on the agency's other documents and scope.

    The constraints are checked here, not by full_clean: the code is unique whatever its case, and a clash is
    said beside its field. `errors` holds refusals found before (the file's), given together.
    """
    errors = dict(errors or {})
    try:
        doc.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    others = Document.objects.filter(agency_id=doc.agency_id).exclude(pk=doc.pk)
    if "code" not in errors and others.filter(code__iexact=doc.code).exists():
        errors["code"] = [_code_taken(doc.code)]
    if "procedure" not in errors and doc.procedure_id is not None:
        if not ScopeItem.objects.filter(agency_id=doc.agency_id, procedure_id=doc.procedure_id).exists():
            errors["procedure"] = [_("Procedure %(code)s is not in this agency's scope.")
                                   % {"code": doc.procedure.code}]
        elif (clash := others.filter(procedure_id=doc.procedure_id).first()) is not None:
            errors["procedure"] = [_procedure_taken(clash)]
    if errors:
        raise ValidationError(errors)


def _with_clauses(values: dict, clauses: Iterable[Clause]) -> dict:
    # Clauses by number, as the standard names them.
    return {**values, "clauses": sorted(c.number for c in clauses)}


@transaction.atomic
def document_create(
    *,
    agency: Agency,
    actor,
    code: str,
    title: str,
    kind: str,
    owner_name: str = "",
    owner_user=None,
    procedure: Procedure | None = None,
    clauses: Iterable[Clause] = (),
    issuing_body: str = "",
    legal_number: str = "",
    legal_effective_on: dt.date | None = None,
    incorporated_on: dt.date | None = None,
    file: UploadedFile | None = None,
) -> Document:
    """A new document with its version 01 as a draft (with the file, when one is given)."""
    # The code is checked whatever its case, which the constraint is not: creations take turns per agency.
    # document_update holds the agency's row too (select_related with select_for_update locks it).
    lock(agency)
    doc = Document(agency=agency, created_by=actor, code=code, title=title, kind=kind, owner_name=owner_name,
                   owner_user=owner_user, procedure=procedure, issuing_body=issuing_body, legal_number=legal_number,
                   legal_effective_on=legal_effective_on, incorporated_on=incorporated_on)
    file_errors: dict[str, list[str]] = {}
    checked = check_file(file, file_errors)
    _checked(doc, file_errors)
    _save(doc)
    clauses = list(clauses)
    doc.clauses.set(clauses)
    audit_record(actor=actor, action=Action.CREATE, obj=doc, agency=agency,
                 changes=_with_clauses(snapshot(doc, FIELDS), clauses))
    new_version(document=doc, actor=actor, number=1, change_summary="", upload=file, checked=checked)
    return doc


@transaction.atomic
def document_update(
    *,
    document: Document,
    actor,
    code: str,
    title: str,
    kind: str,
    owner_name: str = "",
    owner_user=None,
    procedure: Procedure | None = None,
    clauses: Iterable[Clause] = (),
    issuing_body: str = "",
    legal_number: str = "",
    legal_effective_on: dt.date | None = None,
    incorporated_on: dt.date | None = None,
) -> Document:
    """The register entry; the versions' content is not touched (a published version stays frozen)."""
    doc = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    before = _with_clauses(snapshot(doc, FIELDS), doc.clauses.all())
    doc.code, doc.title, doc.kind, doc.owner_name, doc.owner_user = code, title, kind, owner_name, owner_user
    doc.procedure, doc.issuing_body, doc.legal_number = procedure, issuing_body, legal_number
    doc.legal_effective_on, doc.incorporated_on = legal_effective_on, incorporated_on
    _checked(doc)
    clauses = list(clauses)
    changes = diff(before, _with_clauses(snapshot(doc, FIELDS), clauses))
    if changes:
        _save(doc)
        doc.clauses.set(clauses)
        audit_record(actor=actor, action=Action.UPDATE, obj=doc, agency=doc.agency, changes=changes)
    return doc


def _record_day(*, document: Document, actor, field: str, day: dt.date | None, legal: bool, refusal: str,
                note: str) -> Document:
    """Set one of the document's dated facts (`field`) under its row lock, audit-logged: `legal` says whether only
    a legal text (True) or only an internal document (False) has it; `refusal` is said to the other kind."""
    doc = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    if (doc.kind == DocumentKind.EXTERNAL) != legal:
        raise ValidationError(refusal)
    if day is None:
        # Required here, though the document is registered without it.
        raise ValidationError({field: [Document._meta.get_field(field).error_messages["blank"]]})
    before = snapshot(doc, [field])
    setattr(doc, field, day)
    doc.full_clean(validate_constraints=False)
    changes = diff(before, snapshot(doc, [field]))
    if changes:
        doc.save(update_fields=[field, "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, obj=doc, agency=doc.agency, changes=changes, note=note)
    return doc


@transaction.atomic
def document_incorporate(*, document: Document, actor, incorporated_on: dt.date | None) -> Document:
    """Record the day a legal text was brought into the QMS (processes and forms updated to it)."""
    return _record_day(document=document, actor=actor, field="incorporated_on", day=incorporated_on, legal=True,
                       refusal=_("Only an external document (legal text) is brought into the QMS."),
                       note=_("Brought into the QMS"))


@transaction.atomic
def document_mark_reviewed(*, document: Document, actor, reviewed_on: dt.date | None) -> Document:
    """Record that the document was reviewed and is still suitable as it stands (ISO 9001:2015, 7.5.2): its
    next review is due from this day."""
    return _record_day(document=document, actor=actor, field="reviewed_on", day=reviewed_on, legal=False,
                       refusal=_("A legal text is brought into the QMS, not reviewed."),
                       note=_("Reviewed: still suitable"))


@transaction.atomic
def legal_deadlines_recompute(*, actor=None, dry_run: bool = False) -> int:
    """Store every legal text's deadline again from ISOGOV["LEGAL_UPDATE_MONTHS"]; how many were out of date.

    The deadline is stored so that lists and counts filter on it in SQL; after the setting changes, the
    `isogov legal-deadlines` command calls this once. `dry_run` only counts.
    """
    docs = (Document.objects.select_for_update().select_related("agency")
            .filter(Q(legal_effective_on__isnull=False) | Q(legal_due_on__isnull=False)).order_by("pk"))
    changed = []
    for doc in docs:
        due = legal.due_on(doc.legal_effective_on)
        if due != doc.legal_due_on:
            changed.append((doc, {"legal_due_on": doc.legal_due_on}, {"legal_due_on": due}))
            doc.legal_due_on = due
    if dry_run or not changed:
        return len(changed)
    Document.objects.bulk_update([doc for doc, _before, _after in changed], ["legal_due_on"], batch_size=500)
    note = _("Deadline recalculated: legal texts are brought into the QMS within %(months)s months.") % {
        "months": legal.update_months()}
    audit_record_many(actor=actor, entries=[Entry(Action.UPDATE, doc, doc.agency, diff(before, after), note)
                                            for doc, before, after in changed])
    return len(changed)
