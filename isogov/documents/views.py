from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.files import file_response
from isogov.core.writeflow import go, write
from isogov.documents import legal, registers, selectors, services, versioning
from isogov.documents.duties import review_due
from isogov.documents.files import CONTENT_TYPES
from isogov.documents.forms import DocumentForm, IncorporateForm, ReviewedForm, TransitionForm, VersionForm
from isogov.documents.models import DocumentKind, VersionStatus
from isogov.jobs import files

PAGE_SIZE = 50


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    found = selectors.document_list(agency=agency, data=request.GET, today=today)
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "agency": agency,
        "form": found.form,
        "page": page,
        "documents": selectors.decorate(page.object_list, today=today),
        "legal_counts": selectors.agency_legal_counts(agency=agency, today=today),
        "can_write": access.can_write_agency(request.user, agency),
        "today": today,
    }
    template = "documents/_table.html" if request.htmx else "documents/index.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register_xlsx(request, code):
    agency = access.access_agency(request.user, code)
    return files.download(request, registers.REGISTER, params={"code": agency.code, "query": request.GET.urlencode()},
                          title=_("List of documents: %(agency)s") % {"agency": agency.name}, agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = DocumentForm(request.POST or None, request.FILES or None, agency=agency, with_file=True,
                        initial={"kind": request.GET.get("kind", "")})

    def created(doc):
        messages.success(request, _("Document %(code)s created with a draft version 01.") % {"code": doc.code})
        return go(request, "documents:detail", code=agency.code, pk=doc.pk)

    return write(request, form, template="documents/document_form.html", context={"agency": agency, "creating": True},
                 service=lambda data: services.document_create(agency=agency, actor=request.user, **data),
                 success=created)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, code, pk):
    doc = access.access_document(request.user, code, pk, write=True)
    agency = doc.agency
    form = DocumentForm(request.POST or None, agency=agency, instance=doc)
    return write(request, form, template="documents/document_form.html", context={"agency": agency, "document": doc},
                 service=lambda data: services.document_update(document=doc, actor=request.user, **data),
                 success=lambda _result: go(request, "documents:detail", code=agency.code, pk=doc.pk),
                 message=_("Document saved."))


def _render_detail(request, agency, doc, *, status: int = 200, **extra):
    today = timezone.localdate()
    versions = selectors.versions_of(doc)
    for v in versions:
        v.document = doc  # the versions' checks read the document's agency: no query per version
        live = v.in_progress or v.status == VersionStatus.PUBLISHED
        v.actions = selectors.version_actions(user=request.user, version=v) if live else []
    in_progress = next((v for v in versions if v.in_progress), None)
    in_force = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    context = {
        "agency": agency,
        "document": doc,
        "versions": versions,
        "in_force": in_force,
        "in_progress": in_progress,
        "history": selectors.history(doc, versions),
        "legal": legal.legal_status(effective_on=doc.legal_effective_on,
                                   incorporated_on=doc.incorporated_on, due=doc.legal_due_on, today=today),
        "is_legal": doc.kind == DocumentKind.EXTERNAL,
        "can_write": access.can_write_agency(request.user, agency),
        "incorporate_form": IncorporateForm(initial={"incorporated_on": today}),
        "reviewed_form": ReviewedForm(initial={"reviewed_on": today}),
        "review_due": review_due(document=doc, in_force=in_force),
        "today": today,
        **extra,
    }
    return render(request, "documents/detail.html", context, status=status)


@login_required
@require_safe
def document_detail(request, code, pk):
    doc = access.access_document(request.user, code, pk)
    return _render_detail(request, doc.agency, doc)


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request, code, pk):
    doc = access.access_document(request.user, code, pk, write=True)
    agency = doc.agency

    def started(version):
        messages.success(request, _("Version %(version)s started as a draft.") % {"version": version.label})
        return go(request, "documents:detail", code=agency.code, pk=doc.pk)

    return write(request, VersionForm(request.POST or None, request.FILES or None),
                 template="documents/version_form.html", context={"agency": agency, "document": doc},
                 service=lambda data: versioning.version_create(document=doc, actor=request.user, **data),
                 success=started)


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, code, pk):
    version = access.access_version(request.user, code, pk, write=True)
    doc = version.document
    agency = doc.agency
    if version.status != VersionStatus.DRAFT:
        messages.error(request, _("Version %(version)s is “%(status)s”: only a draft can be edited.")
                       % {"version": version.label, "status": version.get_status_display()})
        return go(request, "documents:detail", code=agency.code, pk=doc.pk)
    form = VersionForm(request.POST or None, request.FILES or None,
                       initial={"change_summary": version.change_summary})
    return write(request, form, template="documents/version_form.html",
                 context={"agency": agency, "document": doc, "version": version},
                 service=lambda data: versioning.version_update(version=version, actor=request.user, **data),
                 success=lambda _result: go(request, "documents:detail", code=agency.code, pk=doc.pk),
                 message=_("Version %(version)s saved.") % {"version": version.label})


@login_required
@require_POST
def version_transition(request, code, pk):
    version = access.access_version(request.user, code, pk, write=True)
    agency = version.document.agency

    def moved(_result):
        version.refresh_from_db()
        message = _("Version %(version)s is now “%(status)s”.") % {"version": version.label,
                                                                  "status": version.get_status_display()}
        if version.status == VersionStatus.IN_REVIEW:
            message = f"{message} {_('The agency head approves it next.')}"
        messages.success(request, message)
        return go(request, "documents:detail", code=agency.code, pk=version.document_id)

    def refused(form, status):
        doc = access.access_document(request.user, code, version.document_id)
        return _render_detail(request, agency, doc, status=status, transition_form=form, transition_version=version.pk)

    return write(request, TransitionForm(request.POST),
                 service=lambda data: versioning.version_transition(version=version, actor=request.user, **data),
                 success=moved, refused=refused)


def _record_day(request, code, pk, *, form_class, form_name: str, service, message: str):
    """One of the document page's dated facts (brought in, reviewed), posted from its small form."""
    doc = access.access_document(request.user, code, pk, write=True)
    return write(request, form_class(request.POST, instance=doc),
                 service=lambda data: service(document=doc, actor=request.user, **data),
                 success=lambda _result: go(request, "documents:detail", code=doc.agency.code, pk=doc.pk),
                 refused=lambda form, status: _render_detail(request, doc.agency, doc, status=status,
                                                             **{form_name: form}),
                 message=message)


@login_required
@require_POST
def document_incorporate(request, code, pk):
    return _record_day(request, code, pk, form_class=IncorporateForm, form_name="incorporate_form",
                       service=services.document_incorporate, message=_("Recorded as brought into the QMS."))


@login_required
@require_POST
def document_reviewed(request, code, pk):
    return _record_day(request, code, pk, form_class=ReviewedForm, form_name="reviewed_form",
                       service=services.document_mark_reviewed, message=_("Recorded as reviewed."))


@login_required
@require_safe
def version_file(request, code, pk):
    version = access.access_version(request.user, code, pk)
    if not version.file:
        raise Http404("This version has no file")
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage") from None
    return file_response(handle, content_type=CONTENT_TYPES.get(version.file_type, "application/octet-stream"),
                         filename=version.file_name or version.file.name.rsplit("/", 1)[-1])


@login_required
@require_safe
def overdue_legal(request):
    today = timezone.localdate()
    found = selectors.overdue_legal(user=request.user, today=today)
    page = Paginator(found, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    return render(request, "documents/overdue_legal.html", {
        "page": page, "rows": selectors.overdue_legal_rows(page.object_list, today=today),
        "total": page.paginator.count, "today": today, "months": legal.update_months()})
