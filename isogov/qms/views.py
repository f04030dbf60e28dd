from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core import official
from isogov.core.files import PDF, file_response
from isogov.core.writeflow import go, write
from isogov.qms import documents, selectors, services
from isogov.qms.forms import AnnouncementForm, FactForm, ProcedureForm, ScopeAddForm, TransitionForm
from isogov.qms.states import QmsState
from isogov.registry.agency_page import render_agency_page


@login_required
@require_POST
def transition(request, code):
    agency = access.access_agency(request.user, code, write=True)

    def done(step):
        state = QmsState(step.to_state).label
        messages.success(request, _("The agency is now: %(state)s.") % {"state": state})
        return go(request, "registry:agency_detail", code=agency.code)

    return write(
        request, TransitionForm(request.POST),
        service=lambda data: services.agency_transition(agency=agency, actor=request.user, **data),
        success=done,
        refused=lambda form, status: render_agency_page(request, agency, status=status, transition_form=form),
    )


@login_required
@require_POST
def fact_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    return write(
        request, FactForm(request.POST),
        service=lambda data: services.fact_record(agency=agency, actor=request.user, **data),
        success=lambda _result: go(request, "registry:agency_detail", code=agency.code),
        refused=lambda form, status: render_agency_page(request, agency, status=status, fact_form=form),
        message=_("Record saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def announce(request, code):
    agency = access.access_agency(request.user, code, write=True)
    return write(
        request, AnnouncementForm(request.POST or None, request.FILES or None),
        template="qms/announce.html", context={"agency": agency},
        service=lambda data: services.agency_announce(agency=agency, actor=request.user, **data),
        success=lambda _result: go(request, "registry:agency_detail", code=agency.code),
        message=_("Announcement recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def scope(request, code):
    agency = access.access_agency(request.user, code, write=request.method == "POST")
    can_write = access.can_write_agency(request.user, agency)

    def page(form, status):
        search = selectors.procedure_search(data=request.GET, exclude_agency=agency)
        context = {
            "agency": agency,
            "form": form,
            "can_write": can_write,
            "scope_items": agency.scope_items.select_related("procedure"),
            "search": search.form,
            "candidates": search.qs[:20] if can_write else [],
        }
        template = "qms/_candidates.html" if request.htmx else "qms/scope.html"
        return render(request, template, context, status=status)

    return write(
        request, ScopeAddForm(request.POST or None),
        service=lambda data: services.scope_add(agency=agency, actor=request.user, procedure=data["procedure"]),
        success=lambda _result: go(request, "qms:scope", code=agency.code),
        refused=page,
        message=_("Procedure added to the scope."),
    )


@login_required
@require_POST
def scope_remove(request, code, pk):
    agency, procedure = access.access_scope_procedure(request.user, code, pk, write=True)

    def back(*_):  # the scope page, whatever the outcome
        return go(request, "qms:scope", code=agency.code)

    return write(
        request, None,
        service=lambda _data: services.scope_remove(agency=agency, actor=request.user, procedure=procedure),
        success=back, refused=back,
        message=_("Procedure removed from the scope."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def procedures(request):
    can_manage = access.can_manage_registry(request.user)
    if request.method == "POST":
        access.require_registry_manager(request.user)

    def page(form, status):
        search = selectors.procedure_search(data=request.GET)
        context = {"form": form, "can_manage": can_manage, "search": search.form, "procedures": search.qs[:200]}
        return render(request, "qms/procedures.html", context, status=status)

    return write(
        request, ProcedureForm(request.POST or None),
        service=lambda data: services.procedure_create(actor=request.user, **data),
        success=lambda _result: go(request, "qms:procedures"),
        refused=page,
        message=_("Procedure added to the catalogue."),
    )


@login_required
@require_safe
def announcement_file(request, code, pk):
    announcement = access.access_announcement(request.user, code, pk)
    return file_response(announcement.signed_file.open("rb"), content_type=PDF,
                         filename=announcement.signed_file.name.rsplit("/", 1)[-1])


@login_required
@require_safe
def announcement_document(request, code, which, fmt="docx"):
    """The announcement decision (Phụ lục I of Decision 19/2014) or its notice to the lead unit, to sign."""
    agency = access.access_agency(request.user, code)
    key, context = ((documents.DECISION, documents.decision_context(agency)) if which == "decision"
                    else (documents.NOTICE, documents.notice_context(agency)))
    name = "quyet-dinh-cong-bo" if which == "decision" else "thong-bao-cong-bo"
    return official.document_response(
        request, key=key, context=context, fmt=fmt, filename=f"{name}-{agency.code}",
        docx_url=reverse(f"qms:announcement_{which}", args=[code]))


# One route per paper and format: a route's arguments are its URL's alone (core/tests/test_url_codes.py).
def announcement_decision(request, code):
    return announcement_document(request, code, "decision")


def announcement_decision_pdf(request, code):
    return announcement_document(request, code, "decision", fmt="pdf")


def announcement_notice(request, code):
    return announcement_document(request, code, "notice")


def announcement_notice_pdf(request, code):
    return announcement_document(request, code, "notice", fmt="pdf")
