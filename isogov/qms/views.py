from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.files import PDF, file_response
from isogov.core.forms import add_service_errors
from isogov.qms import selectors, services
from isogov.qms.forms import AnnouncementForm, FactForm, ProcedureForm, ScopeAddForm, TransitionForm
from isogov.qms.models import Procedure
from isogov.registry.models import QmsState
from isogov.registry.views import render_agency_page


@login_required
@require_POST
def transition(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = TransitionForm(request.POST)
    if form.is_valid():
        to_state = form.cleaned_data["to_state"]
        if to_state not in QmsState.values:
            form.add_error("to_state", _("Unknown state."))
        else:
            try:
                services.agency_transition(agency=agency, actor=request.user, to_state=to_state,
                                           note=form.cleaned_data["note"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The agency is now: %(state)s.") % {"state": QmsState(to_state).label})
                return redirect("registry:agency_detail", code=agency.code)
    return render_agency_page(request, agency, status=400, transition_form=form)


@login_required
@require_POST
def fact_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = FactForm(request.POST)
    if form.is_valid():
        try:
            services.fact_record(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Record saved."))
            return redirect("registry:agency_detail", code=agency.code)
    return render_agency_page(request, agency, status=400, fact_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def announce(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = AnnouncementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_announce(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Announcement recorded."))
            return redirect("registry:agency_detail", code=agency.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "qms/announce.html", {"form": form, "agency": agency}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def scope(request, code):
    agency = access.access_agency(request.user, code)
    can_write = access.can_write_agency(request.user, agency)
    form = ScopeAddForm(request.POST or None)
    if request.method == "POST":
        agency = access.access_agency(request.user, code, write=True)
        if form.is_valid():
            try:
                services.scope_add(agency=agency, actor=request.user, procedure=form.cleaned_data["procedure"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Procedure added to the scope."))
                return redirect("qms:scope", code=agency.code)
    q = request.GET.get("q", "")
    context = {
        "agency": agency,
        "form": form,
        "can_write": can_write,
        "scope_items": agency.scope_items.select_related("procedure"),
        "q": q,
        "candidates": selectors.procedure_search(q=q, exclude_agency=agency) if can_write else [],
    }
    template = "qms/_candidates.html" if request.headers.get("HX-Request") else "qms/scope.html"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_POST
def scope_remove(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    procedure = get_object_or_404(Procedure, pk=pk)
    try:
        services.scope_remove(agency=agency, actor=request.user, procedure=procedure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Procedure removed from the scope."))
    return redirect("qms:scope", code=agency.code)


@login_required
@require_http_methods(["GET", "POST"])
def procedures(request):
    can_manage = access.can_manage_registry(request.user)
    form = ProcedureForm(request.POST or None)
    if request.method == "POST":
        access.require_registry_manager(request.user)
        if form.is_valid():
            try:
                services.procedure_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Procedure added to the catalogue."))
                return redirect("qms:procedures")
    q = request.GET.get("q", "")
    context = {"form": form, "can_manage": can_manage, "q": q,
               "procedures": selectors.procedure_search(q=q, limit=200)}
    return render(request, "qms/procedures.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def announcement_file(request, code, pk):
    agency = access.access_agency(request.user, code)
    announcement = get_object_or_404(agency.announcements, pk=pk)
    return file_response(announcement.signed_file.open("rb"), content_type=PDF,
                         filename=announcement.signed_file.name.rsplit("/", 1)[-1])
