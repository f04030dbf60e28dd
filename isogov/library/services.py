"""Writes to the template library: templates and their versions (the programme lead's), adoptions and the
bringing-in of a newer version (an agency's).

Callers check who may write: views pass templates only for access.can_manage_programme, and agencies obtained
through access.access_agency(..., write=True). An adoption writes the agency's document through the documents
app's own services, so its numbering, checks and audit trail are those of a document typed by hand.
"""
import datetime as dt
from collections.abc import Collection, Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, snapshot
from isogov.core.db import lock, unique_errors
from isogov.core.text import clean_text
from isogov.documents import services as documents
from isogov.documents import versioning
from isogov.documents.files import CONTENT_TYPES
from isogov.library import docx, rules
from isogov.library.models import DOCUMENT_KIND, Adoption, Template, TemplateVersion, kinds_value
from isogov.qms.models import Procedure
from isogov.registry.models import Agency, AgencyKind

TEMPLATE_FIELDS = ("code", "title", "kind", "agency_kinds", "procedure")
VERSION_FIELDS = ("number", "published_on", "due_on", "why", "legal_basis", *rules.ALL_SECTIONS)


def _already_adopted(template: Template) -> str:
    return _("This agency has already adopted template %(code)s.") % {"code": template.code}


def _version(*, template: Template, actor, number: int, sections: Mapping[str, str], why: str,
             legal_basis: str, today: dt.date) -> TemplateVersion:
    unknown = set(sections) - set(rules.ALL_SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}")
    legal_basis = clean_text(legal_basis)
    shown = rules.sections_of(template.kind)  # a section the kind does not show is not kept
    version = TemplateVersion(template=template, number=number, published_on=today, why=why,
                              legal_basis=legal_basis, due_on=rules.due_on(today, legal_basis), published_by=actor,
                              **{name: sections.get(name, "") if name in shown else "" for name in rules.ALL_SECTIONS})
    version.full_clean(exclude=["template"])
    if not any(getattr(version, name).strip() for name in rules.sections_of(template.kind)):
        raise ValidationError(_("Write at least one section of the template."))
    return version


def _check_kinds(agency_kinds: Collection[str]) -> None:
    if not agency_kinds:
        raise ValidationError({"agency_kinds": [_("Choose the kinds of agency this template is for.")]})
    if set(agency_kinds) - set(AgencyKind.values):
        raise ValidationError({"agency_kinds": [_("Unknown kind of agency.")]})


@transaction.atomic
def template_create(*, actor, kind: str, code: str, title: str, agency_kinds: Collection[str],
                    procedure: Procedure | None = None, sections: Mapping[str, str], why: str = "",
                    legal_basis: str = "", today: dt.date | None = None) -> Template:
    """A new template published at once as its version 01."""
    today = today or timezone.localdate()
    _check_kinds(agency_kinds)
    template = Template(kind=kind, code=code, title=title, agency_kinds=kinds_value(agency_kinds),
                        procedure=procedure, created_by=actor)
    errors: dict[str, list[str]] = {}
    try:
        template.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if "code" not in errors and Template.objects.filter(code__iexact=template.code).exists():
        errors["code"] = [str(Template._meta.get_field("code").error_messages["unique"])]
    version = None
    try:
        version = _version(template=template, actor=actor, number=1, sections=sections, why=why,
                           legal_basis=legal_basis, today=today)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    with unique_errors(Template, {"code": ("code", Template._meta.get_field("code").error_messages["unique"])}):
        template.save()
    version.template = template
    version.save()
    template.latest = version
    template.save(update_fields=["latest"])
    audit_record(actor=actor, action=Action.CREATE, obj=template, changes=snapshot(template, TEMPLATE_FIELDS))
    audit_record(actor=actor, action=Action.CREATE, obj=version, changes=snapshot(version, VERSION_FIELDS))
    return template


@transaction.atomic
def template_version_publish(*, template: Template, actor, sections: Mapping[str, str], why: str,
                             legal_basis: str = "", today: dt.date | None = None) -> TemplateVersion:
    """The template's next version, in force at once: every agency that adopted the template owes an update by
    its due date (rules.due_on); the others are not concerned."""
    template = Template.objects.select_for_update().get(pk=template.pk)  # versions are numbered one at a time
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _version(template=template, actor=actor, number=number, sections=sections, why=why,
                       legal_basis=legal_basis, today=today or timezone.localdate())
    version.save()
    template.latest = version
    template.save(update_fields=["latest"])
    audit_record(actor=actor, action=Action.CREATE, obj=version, changes=snapshot(version, VERSION_FIELDS))
    return version


def history(version: TemplateVersion) -> list[TemplateVersion]:
    """The template's versions up to `version`, oldest first: the Word file's amendment log."""
    return list(TemplateVersion.objects.filter(template_id=version.template_id, number__lte=version.number)
                .order_by("number"))


def render_for(version: TemplateVersion, *, agency: Agency | None = None, code: str = "") -> bytes:
    return docx.render(version, history=history(version), agency_name=agency.name if agency else "", code=code)


def _upload(version: TemplateVersion, agency: Agency, code: str) -> SimpleUploadedFile:
    name = get_valid_filename(f"{code}-v{version.label}.docx")
    return SimpleUploadedFile(name, render_for(version, agency=agency, code=code), CONTENT_TYPES["docx"])


@transaction.atomic
def template_adopt(*, agency: Agency, template: Template, actor, owner_name: str, code: str = "") -> Adoption:
    """The template's newest version becomes the agency's own document, a draft version 01 holding the Word file,
    which the agency adapts and takes through its normal approval (documents.versioning)."""
    lock(agency)  # as documents.services.document_create does: adoptions of one agency take turns
    template = Template.objects.select_related("latest", "procedure").get(pk=template.pk)
    if agency.kind not in template.kind_list:
        raise ValidationError(_("Template %(code)s is meant for other kinds of agency than this one.")
                              % {"code": template.code})
    if template.latest is None:
        raise ValidationError(_("Template %(code)s has no version yet.") % {"code": template.code})
    if Adoption.objects.filter(agency=agency, template=template).exists():
        raise ValidationError({"template": [_already_adopted(template)]})
    code = clean_text(code) or template.code
    adoption = Adoption(agency=agency, template=template, version=template.latest, adopted_by=actor,
                        adopted_at=timezone.now())
    # The row first: of two adoptions at once, the second stops here, before it makes a document.
    with unique_errors(Adoption, {"unique_template_adoption": ("template", _already_adopted(template))}):
        adoption.save()
    document = documents.document_create(
        agency=agency, actor=actor, code=code, title=template.title, kind=DOCUMENT_KIND[template.kind],
        owner_name=owner_name, procedure=template.procedure, file=_upload(template.latest, agency, code))
    adoption.document = document
    adoption.save(update_fields=["document"])
    audit_record(actor=actor, action=Action.CREATE, obj=adoption, agency=agency,
                 changes=snapshot(adoption, ["template", "version", "document"]))
    return adoption


def _locked_adoption(adoption: Adoption) -> Adoption:
    # The lock is on the adoption alone: PostgreSQL cannot lock the nullable side of an outer join (a template
    # with no latest version, an adoption with no document yet).
    return (Adoption.objects.select_for_update(of=("self",))
            .select_related("agency", "template__latest", "version", "document").get(pk=adoption.pk))


def _bring_in(adoption: Adoption, *, actor, note: str, today: dt.date) -> Adoption:
    before = snapshot(adoption, ["version", "updated_on", "update_note"])
    adoption.version, adoption.updated_on, adoption.update_note = adoption.template.latest, today, note
    adoption.full_clean(validate_constraints=False)
    adoption.save(update_fields=["version", "updated_on", "update_note"])
    audit_record(actor=actor, action=Action.UPDATE, obj=adoption, agency=adoption.agency,
                 changes={k: [before[k], v] for k, v in snapshot(adoption, before).items() if v != before[k]})
    return adoption


def _update_due(adoption: Adoption) -> None:
    if rules.standing(adoption, timezone.localdate()) == rules.Standing.CURRENT:
        raise ValidationError(_("This agency's document already follows version %(version)s, the newest.")
                              % {"version": adoption.version.label})


@transaction.atomic
def adoption_take_version(*, adoption: Adoption, actor, today: dt.date | None = None) -> Adoption:
    """Bring the newest version in by starting a new draft version of the agency's document from it (the
    documents' own rule applies: one version in progress at a time)."""
    adoption = _locked_adoption(adoption)
    _update_due(adoption)
    latest = adoption.template.latest
    summary = _("From template %(code)s version %(version)s: %(why)s") % {
        "code": adoption.template.code, "version": latest.label, "why": latest.why}
    versioning.version_create(document=adoption.document, actor=actor, change_summary=summary,
                              file=_upload(latest, adoption.agency, adoption.document.code))
    return _bring_in(adoption, actor=actor, note=summary, today=today or timezone.localdate())


@transaction.atomic
def adoption_mark_handled(*, adoption: Adoption, actor, note: str, today: dt.date | None = None) -> Adoption:
    """Declare the newest version brought in another way (the change did not concern this agency, or its document
    was revised by hand); the note says how."""
    adoption = _locked_adoption(adoption)
    _update_due(adoption)
    note = clean_text(note, multiline=True)
    if not note:
        raise ValidationError({"note": [_("Say how the update was brought in.")]})
    return _bring_in(adoption, actor=actor, note=note, today=today or timezone.localdate())
