"""The template library's pages: the province's templates (read by everyone signed in, written by the programme
lead) and an agency's adoptions (read and written as the agency is)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.documents.files import CONTENT_TYPES
from isogov.library import rules, selectors, services
from isogov.library.forms import AdoptForm, HandledForm, SectionsForm, TemplateForm
from isogov.library.models import TemplateVersion

PAGE_SIZE = 50


@login_required
@require_safe
def index(request):
    today = timezone.localdate()
    found = selectors.template_list(user=request.user, data=request.GET, today=today)
    page = Paginator(found.qs_counted, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "library/index.html", {
        "form": found.form, "page": page, "can_manage": access.can_manage_programme(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request):
    access.require_programme_manager(request.user)
    form = TemplateForm(request.POST or None)
    return write(request, form, template="library/template_form.html", context={"creating": True},
                 service=lambda _data: services.template_create(actor=request.user, **form.service_args()),
                 success=lambda t: go(request, "library:template", pk=t.pk),
                 message=_("Template published as version 01."))


@login_required
@require_safe
def template_detail(request, pk):
    template = access.access_template(request.user, pk)
    today = timezone.localdate()
    template = selectors.template_counted(user=request.user, pk=template.pk, today=today)
    found = selectors.adoptions_of(template=template, user=request.user, data=request.GET, today=today)
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for adoption in page.object_list:
        adoption.template = template
        adoption.standing = rules.standing(adoption, today)
    return render(request, "library/template_detail.html", {
        "template": template, "version": template.latest, "versions": selectors.versions_of(template),
        "sections": _sections(template.latest), "form": found.form, "page": page,
        "labels": rules.STANDING_LABELS, "can_manage": access.can_manage_programme(request.user)})


def _sections(version: TemplateVersion | None) -> list[dict]:
    if version is None:
        return []
    return [{"name": name, "label": rules.section_label(name), "text": getattr(version, name),
             "rows": rules.steps_rows(getattr(version, name)) if name == "steps" else None,
             "columns": rules.STEP_COLUMNS}
            for name in rules.sections_of(version.template.kind)]


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request, pk):
    template = access.access_template(request.user, pk, write=True)
    latest = template.latest
    initial = {name: getattr(latest, name) for name in rules.ALL_SECTIONS} if latest else {}
    form = SectionsForm(request.POST or None, kind=template.kind, initial=initial)
    return write(request, form, template="library/version_form.html", context={"template": template},
                 service=lambda _data: services.template_version_publish(template=template, actor=request.user,
                                                                         **form.service_args()),
                 success=lambda v: go(request, "library:version", pk=template.pk, number=v.number),
                 message=_("New version published: the agencies that adopted the template now owe the update."))


def _version(request, pk, number) -> TemplateVersion:
    template = access.access_template(request.user, pk)
    version = template.versions.filter(number=number).first()
    if version is None:
        raise Http404("No such version")
    version.template = template
    return version


@login_required
@require_safe
def version_detail(request, pk, number):
    version = _version(request, pk, number)
    previous = selectors.previous_version(version)
    return render(request, "library/version_detail.html", {
        "template": version.template, "version": version, "previous": previous,
        "sections": _sections(version),
        "diff": rules.diff(previous, version, version.template.kind) if previous else []})


@login_required
@require_safe
def version_docx(request, pk, number):
    version = _version(request, pk, number)
    response = HttpResponse(services.render_for(version), content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = content_disposition_header(
        True, f"{version.template.code}-v{version.label}.docx")
    return response


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    return render(request, "library/agency_index.html", {
        "agency": agency, "rows": selectors.agency_library(agency=agency, today=today), "today": today,
        "labels": rules.STANDING_LABELS, "can_write": access.can_write_agency(request.user, agency)})


@login_required
@require_http_methods(["GET", "POST"])
def adopt(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    template = access.access_template(request.user, pk)
    form = AdoptForm(request.POST or None, initial={"code": template.code, "owner_name": agency.iso_secretary})

    def adopted(adoption):
        messages.success(request, _("Template adopted: your document %(code)s starts as a draft version 01 holding "
                                    "the Word file. Adapt it and send it for review.")
                         % {"code": adoption.document.code})
        return go(request, "documents:detail", code=agency.code, pk=adoption.document_id)

    return write(request, form, template="library/adopt.html", context={"agency": agency, "template": template},
                 service=lambda data: services.template_adopt(agency=agency, template=template, actor=request.user,
                                                              **data),
                 success=adopted)


def _render_adoption(request, adoption, form=None, status=200):
    today = timezone.localdate()
    return render(request, "library/adoption.html", {
        "agency": adoption.agency, "adoption": adoption, "template": adoption.template,
        "standing": rules.standing(adoption, today), "labels": rules.STANDING_LABELS,
        "diff": selectors.diff_for(adoption), "form": form or HandledForm(),
        "can_write": access.can_write_agency(request.user, adoption.agency)}, status=status)


@login_required
@require_safe
def adoption_detail(request, code, pk):
    return _render_adoption(request, access.access_template_adoption(request.user, code, pk))


@login_required
@require_POST
def adoption_take(request, code, pk):
    adoption = access.access_template_adoption(request.user, code, pk, write=True)
    return write(request, None, service=lambda _data: services.adoption_take_version(adoption=adoption,
                                                                                     actor=request.user),
                 success=lambda a: go(request, "documents:detail", code=a.agency.code, pk=a.document_id),
                 refused=lambda _form, status: _render_adoption(request, adoption, status=status),
                 message=_("A new draft version of your document was started from the template's newest version."))


@login_required
@require_POST
def adoption_handled(request, code, pk):
    adoption = access.access_template_adoption(request.user, code, pk, write=True)
    form = HandledForm(request.POST)
    return write(request, form, service=lambda data: services.adoption_mark_handled(adoption=adoption,
                                                                                    actor=request.user, **data),
                 success=lambda a: go(request, "library:adoption", code=a.agency.code, pk=a.pk),
                 refused=lambda f, status: _render_adoption(request, adoption, form=f, status=status),
                 message=_("Update recorded as brought in."))
