"""Writes to document versions: new versions, draft edits and the approval workflow.

draft → in review → approved (by the agency head or the programme lead, not by whoever wrote or
submitted it: accounts.access.document_approval_refusal) → published (with an effective date);
publishing supersedes the version in force. Anything not yet superseded may be withdrawn with a reason.
Only a draft's file and summary can change: a version sent for review, approved or published is frozen.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.accounts import access
from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.core.text import clean_text
from isogov.documents import files
from isogov.documents.models import IN_PROGRESS, Document, Version
from isogov.documents.models import VersionStatus as VS

# action -> (states it starts from, state it leads to)
ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((VS.DRAFT,), VS.IN_REVIEW),
    "return": ((VS.IN_REVIEW, VS.APPROVED), VS.DRAFT),
    "approve": ((VS.IN_REVIEW,), VS.APPROVED),
    "publish": ((VS.APPROVED,), VS.PUBLISHED),
    "withdraw": ((VS.DRAFT, VS.IN_REVIEW, VS.APPROVED, VS.PUBLISHED), VS.WITHDRAWN),
}
ACTION_LABELS = {
    "submit": gettext_lazy("Send for review"),
    "return": gettext_lazy("Return to draft"),
    "approve": gettext_lazy("Approve"),
    "publish": gettext_lazy("Publish"),
    "withdraw": gettext_lazy("Withdraw"),
}
_WRONG_STATE = {
    "submit": gettext_lazy("Only a draft can be sent for review (version %(version)s is “%(status)s”)."),
    "return": gettext_lazy("Only a version in review or approved can go back to draft "
                           "(version %(version)s is “%(status)s”)."),
    "approve": gettext_lazy("Only a version in review can be approved (version %(version)s is “%(status)s”)."),
    "publish": gettext_lazy("Only an approved version can be published (version %(version)s is “%(status)s”)."),
    "withdraw": gettext_lazy("Version %(version)s is “%(status)s”: it can no longer be withdrawn."),
}


def check_file(upload: UploadedFile | None, errors: dict[str, list[str]]) -> files.CheckedFile | None:
    if upload is None:
        return None
    try:
        return files.check_upload(upload)
    except ValidationError as exc:
        errors["file"] = exc.messages
        return None


def _store(version: Version, upload: UploadedFile, checked: files.CheckedFile) -> None:
    version.file.save(checked.name, upload, save=False)
    version.file_name = checked.name[:255]
    version.file_type = checked.file_type
    version.file_size = checked.size


def _save_with_file(version: Version, upload: UploadedFile | None, checked: files.CheckedFile | None,
                    write) -> None:
    """Store the file, then `write` the rows; if the rows fail, the file is taken away again."""
    if upload is None or checked is None:
        write()
        return
    _store(version, upload, checked)
    try:
        write()
    except Exception:
        version.file.delete(save=False)
        raise


def _draft(*, document: Document, actor, number: int, change_summary: str) -> Version:
    return Version(document=document, number=number, change_summary=change_summary, created_by=actor,
                   created_at=timezone.now())


def _write_new(version: Version, upload: UploadedFile | None, checked: files.CheckedFile | None, *, actor) -> Version:
    def write():
        version.save()
        audit_record(actor=actor, action=Action.CREATE, obj=version, agency=version.document.agency,
                     changes=snapshot(version, ["number", "status", "change_summary", "file"]))

    _save_with_file(version, upload, checked, write)
    return version


def new_version(*, document: Document, actor, number: int, change_summary: str,
                upload: UploadedFile | None, checked: files.CheckedFile | None) -> Version:
    version = _draft(document=document, actor=actor, number=number, change_summary=change_summary)
    version.full_clean(exclude=["file"])
    return _write_new(version, upload, checked, actor=actor)


@transaction.atomic
def version_create(*, document: Document, actor, change_summary: str = "",
                   file: UploadedFile | None = None) -> Version:
    """The next version as a draft; one version at a time is in progress."""
    doc = Document.objects.select_for_update().select_related("agency").get(pk=document.pk)
    errors: dict[str, list[str]] = {}
    pending = doc.versions.filter(status__in=IN_PROGRESS).first()
    if pending is not None:
        errors["__all__"] = [
            _("Version %(version)s is still in progress (“%(status)s”): finish or withdraw it before starting "
              "another.") % {"version": pending.label, "status": pending.get_status_display()}]
    number = (doc.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _draft(document=doc, actor=actor, number=number, change_summary=change_summary)
    try:
        version.full_clean(exclude=["file"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    checked = check_file(file, errors)
    if errors:
        raise ValidationError(errors)
    return _write_new(version, file, checked, actor=actor)


def _locked(version: Version) -> Version:
    return Version.objects.select_for_update().select_related("document__agency").get(pk=version.pk)


@transaction.atomic
def version_update(*, version: Version, actor, change_summary: str = "",
                   file: UploadedFile | None = None) -> Version:
    """A draft's summary and file. Anything past draft is frozen."""
    version = _locked(version)
    if version.status != VS.DRAFT:
        raise ValidationError(
            _("Version %(version)s is “%(status)s”: its file and details can no longer change. Only a draft "
              "can be edited.") % {"version": version.label, "status": version.get_status_display()})
    before = snapshot(version, ["change_summary", "file"])  # before the upload
    version.change_summary = change_summary
    errors: dict[str, list[str]] = {}
    try:
        version.full_clean(exclude=["file"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    checked = check_file(file, errors)
    if errors:
        raise ValidationError(errors)
    old_file = version.file.name

    def write():
        version.save()
        changes = diff(before, snapshot(version, ["change_summary", "file"]))
        if changes:
            audit_record(actor=actor, action=Action.UPDATE, obj=version, agency=version.document.agency,
                         changes=changes)

    _save_with_file(version, file, checked, write)
    if file is not None and old_file and old_file != version.file.name:
        storage = version.file.storage
        # A draft's earlier file is nobody's record; drop it once the new one is committed.
        transaction.on_commit(lambda: storage.delete(old_file))
    return version

# The shape every state machine of isogov shares (see qms/lifecycle.py): the steps as data, state → the states one
# step may reach; and refusal(version, target, actor), "" when the step may be taken.
TRANSITIONS: dict[str, frozenset[str]] = {
    state: frozenset(target for sources, target in ACTIONS.values() if state in sources) for state in VS.values
}
ACTION_TO: dict[str, str] = {target: action for action, (_sources, target) in ACTIONS.items()}


def refusal(version: Version, target: str, actor, **details) -> str:
    """Why `actor` may not take `version` to `target` now; `details`: effective_on, reason."""
    if target not in ACTION_TO:
        return str(_("Unknown action."))
    problems = transition_problems(version=version, actor=actor, action=ACTION_TO[target], **details)
    return " ".join(message for messages in problems.values() for message in messages)


def transition_problems(*, version: Version, actor, action: str, effective_on: dt.date | None = None,
                        reason: str = "") -> dict[str, list[str]]:
    """Why `actor` may not take `action` on `version` now, keyed by field; empty when allowed."""
    if action not in ACTIONS:
        return {"__all__": [_("Unknown action.")]}
    sources, _target = ACTIONS[action]
    if version.status not in sources:
        return {"__all__": [str(_WRONG_STATE[action]) % {"version": version.label,
                                                         "status": version.get_status_display()}]}
    agency = version.document.agency
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if action == "submit":
        if not version.file:
            add("__all__", _("Attach the file before sending the version for review."))
        if version.number >= 2 and not version.change_summary.strip():
            add("__all__", _("Say what changes in this version before sending it for review "
                             "(required from version 02 on)."))
    elif action == "approve":
        # Who may approve, and that it is not who wrote or submitted it, is the access module's one rule.
        if refusal := access.document_approval_refusal(actor, version):
            add("__all__", refusal)
    elif action == "publish":
        if effective_on is None:
            add("effective_on", _("Give the date from which this version takes effect."))
        else:
            current = version.document.versions.filter(status=VS.PUBLISHED).first()
            if current is not None and current.effective_on and effective_on < current.effective_on:
                add("effective_on", _("This version cannot take effect before version %(version)s now in force "
                                      "(%(date)s).") % {"version": current.label,
                                                        "date": date_format(current.effective_on, "SHORT_DATE_FORMAT")})
    elif action == "withdraw":
        if not clean_text(reason):
            add("reason", _("Say why the version is withdrawn."))
        if version.status == VS.PUBLISHED and not access.can_approve_documents(actor, agency):
            add("__all__", _("Only the head of this agency or the programme lead withdraws a published version."))
    return problems


@transaction.atomic
def version_transition(*, version: Version, actor, action: str, effective_on: dt.date | None = None,
                       reason: str = "") -> Version:
    # Lock the document first: two publications of the same document must not overlap.
    Document.objects.select_for_update().filter(pk=version.document_id).first()
    version = _locked(version)
    reason = clean_text(reason)
    problems = transition_problems(version=version, actor=actor, action=action, effective_on=effective_on,
                                   reason=reason)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    agency = version.document.agency
    from_status, to_status = version.status, ACTIONS[action][1]
    note = reason
    if action == "publish":
        current = version.document.versions.select_for_update().filter(status=VS.PUBLISHED).first()
        if current is not None:
            current.status, current.ended_by, current.ended_at = VS.SUPERSEDED, actor, now
            current.save(update_fields=["status", "ended_by", "ended_at"])
            audit_record(actor=actor, action=Action.TRANSITION, obj=current, agency=agency,
                         changes={"status": [VS.PUBLISHED, VS.SUPERSEDED]},
                         note=_("Superseded by version %(version)s") % {"version": version.label})
        version.effective_on = effective_on
        version.published_by, version.published_at = actor, now
        note = _("In effect from %(date)s") % {"date": date_format(effective_on, "SHORT_DATE_FORMAT")}
    elif action == "submit":
        version.submitted_by, version.submitted_at = actor, now
    elif action == "approve":
        version.approved_by, version.approved_at = actor, now
    elif action == "return":
        version.approved_by, version.approved_at = None, None
    elif action == "withdraw":
        version.withdrawal_reason = reason[:500]
        version.ended_by, version.ended_at = actor, now
    version.status = to_status
    version.save()
    audit_record(actor=actor, action=Action.TRANSITION, obj=version, agency=agency,
                 changes={"status": [from_status, to_status]}, note=note)
    return version
