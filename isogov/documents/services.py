"""Writes to an agency's document register: documents and their details. Versions are in versioning.py.

Callers pass an agency obtained through access.access_agency(..., write=True).
"""
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record, audit_record_many, diff
from isogov.clauses.models import Clause
from isogov.core.db import lock, unique_errors
from isogov.core.text import clean_text, fold
from isogov.documents import legal
from isogov.documents.models import Document, DocumentKind
from isogov.documents.versioning import check_file, new_version
from isogov.qms.models import Procedure, ScopeItem
from isogov.registry.models import Agency

LEGAL_FIELDS = ("issuing_body", "legal_number", "legal_effective_on", "incorporated_on")


def search_text(*, code: str, title: str, legal_number: str = "", issuing_body: str = "") -> str:
    return fold(" ".join(part for part in (code, title, legal_number, issuing_body) if part))[:500]


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


def _clean(*, agency: Agency, instance: Document | None, data: dict) -> tuple[dict, dict[str, list[str]]]:
    """Normalised values and the refusals, keyed by field."""
    errors: dict[str, list[str]] = {}
    d = dict(data)
    for name in ("code", "title", "owner_name", "issuing_body", "legal_number"):
        d[name] = clean_text(d.get(name))
    if not d["code"]:
        errors["code"] = [_("The code is required.")]
    elif len(d["code"]) > 40:
        errors["code"] = [_("The code has at most 40 characters.")]
    else:
        taken = Document.objects.filter(agency=agency, code__iexact=d["code"])
        if instance is not None:
            taken = taken.exclude(pk=instance.pk)
        if taken.exists():
            errors["code"] = [_code_taken(d["code"])]
    if not d["title"]:
        errors["title"] = [_("The title is required.")]
    kind = d.get("kind")
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind of document.")]
    owner_user = d.get("owner_user")
    if not d["owner_name"] and owner_user is None:
        errors["owner_name"] = [_("Name the owner: a person or a department, or choose an account.")]
    if owner_user is not None and owner_user.agency_id != agency.pk:
        errors["owner_user"] = [_("The owner's account must belong to this agency.")]
    procedure: Procedure | None = d.get("procedure")
    if procedure is not None:
        if kind != DocumentKind.PROCESS:
            errors["procedure"] = [_("Only an internal process is linked to an administrative procedure.")]
        elif not ScopeItem.objects.filter(agency=agency, procedure=procedure).exists():
            errors["procedure"] = [_("Procedure %(code)s is not in this agency's scope.") % {"code": procedure.code}]
        else:
            other = Document.objects.filter(agency=agency, procedure=procedure)
            if instance is not None:
                other = other.exclude(pk=instance.pk)
            if (clash := other.first()) is not None:
                errors["procedure"] = [_procedure_taken(clash)]
    today = timezone.localdate()
    if kind == DocumentKind.EXTERNAL:
        if not d["legal_number"]:
            errors["legal_number"] = [_("A legal text needs its number, e.g. 61/2018/NĐ-CP.")]
        if d.get("legal_effective_on") is None:
            errors["legal_effective_on"] = [_("A legal text needs the date it takes effect.")]
        if d.get("incorporated_on") and d["incorporated_on"] > today:
            errors["incorporated_on"] = [_("This date cannot be in the future.")]
    elif kind in DocumentKind.values:
        for name in LEGAL_FIELDS:
            if d.get(name):
                errors[name] = [_("Only an external document (legal text) has this detail.")]
    return d, errors


def _values(doc: Document) -> dict:
    return {
        # People and procedures by name, so the change log reads without looking anything up.
        "code": doc.code, "title": doc.title, "kind": doc.kind,
        "procedure": doc.procedure.code if doc.procedure else None, "owner_name": doc.owner_name,
        "owner_user": doc.owner_user.get_username() if doc.owner_user else None, "issuing_body": doc.issuing_body,
        "legal_number": doc.legal_number, "legal_effective_on": doc.legal_effective_on,
        "incorporated_on": doc.incorporated_on, "legal_due_on": doc.legal_due_on,
    }


_FIELDS = ("code", "title", "kind", "owner_name", "owner_user", "procedure", "issuing_body", "legal_number",
           "legal_effective_on", "incorporated_on")
_NULLABLE = {"owner_user", "procedure", "legal_effective_on", "incorporated_on"}


def _assign(doc: Document, d: dict) -> None:
    for name in _FIELDS:
        value = d.get(name)
        setattr(doc, name, value if value not in (None, "") else (None if name in _NULLABLE else ""))
    doc.legal_due_on = legal.due_on(doc.legal_effective_on)
    doc.search_text = search_text(code=doc.code, title=doc.title, legal_number=doc.legal_number,
                                  issuing_body=doc.issuing_body)


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
    d, errors = _clean(agency=agency, instance=None, data={
        "code": code, "title": title, "kind": kind, "owner_name": owner_name, "owner_user": owner_user,
        "procedure": procedure, "issuing_body": issuing_body, "legal_number": legal_number,
        "legal_effective_on": legal_effective_on, "incorporated_on": incorporated_on,
    })
    checked = check_file(file, errors)
    if errors:
        raise ValidationError(errors)
    doc = Document(agency=agency, created_by=actor)
    _assign(doc, d)
    _save(doc)
    clauses = list(clauses)
    doc.clauses.set(clauses)
    audit_record(actor=actor, action=Action.CREATE, obj=doc, agency=agency,
                 changes={**_values(doc), "clauses": sorted(c.number for c in clauses)})
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
    d, errors = _clean(agency=doc.agency, instance=doc, data={
        "code": code, "title": title, "kind": kind, "owner_name": owner_name, "owner_user": owner_user,
        "procedure": procedure, "issuing_body": issuing_body, "legal_number": legal_number,
        "legal_effective_on": legal_effective_on, "incorporated_on": incorporated_on,
    })
    if errors:
        raise ValidationError(errors)
    before = {**_values(doc), "clauses": sorted(doc.clauses.values_list("number", flat=True))}
    _assign(doc, d)
    clauses = list(clauses)
    after = {**_values(doc), "clauses": sorted(c.number for c in clauses)}
    changes = diff(before, after)
    if changes:
        _save(doc)
        doc.clauses.set(clauses)
        audit_record(actor=actor, action=Action.UPDATE, obj=doc, agency=doc.agency, changes=changes)
    return doc


@transaction.atomic
def document_incorporate(*, document: Document, actor, incorporated_on: dt.date | None) -> Document:
    """Record the day a legal text was brought into the QMS (processes and forms updated to it)."""
    doc = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    if doc.kind != DocumentKind.EXTERNAL:
        raise ValidationError(_("Only an external document (legal text) is brought into the QMS."))
    if incorporated_on is None:
        raise ValidationError({"incorporated_on": [_("The date is required.")]})
    if incorporated_on > timezone.localdate():
        raise ValidationError({"incorporated_on": [_("This date cannot be in the future.")]})
    changes = diff({"incorporated_on": doc.incorporated_on}, {"incorporated_on": incorporated_on})
    if changes:
        doc.incorporated_on = incorporated_on
        doc.save(update_fields=["incorporated_on", "updated_at"])
        audit_record(actor=actor, action=Action.UPDATE, obj=doc, agency=doc.agency, changes=changes,
                     note=_("Brought into the QMS"))
    return doc


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
