from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from isogov.accounts import access
from isogov.core.forms import add_service_errors
from isogov.compliance.selectors import compliance_card
from isogov.qms import selectors as qms_selectors
from isogov.registry import selectors, services
from isogov.registry.forms import AgencyFilterForm, AgencyForm, ContactForm, MergeForm


@login_required
@require_safe
def agency_list(request):
    tiers = list(selectors.tiers())
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = "active"
    form = AgencyFilterForm(data, tiers=tiers)
    form.is_valid()
    filters = selectors.AgencyFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    qs = selectors.agency_list(user=request.user, filters=filters)
    page = Paginator(qs, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "counts": selectors.state_counts(qs),
        "total": page.paginator.count,
        "query_string": _without_page(request),
    }
    if request.headers.get("HX-Request"):
        # The export buttons sit outside the swapped results; they come along out of band with the new filters.
        return render(request, "registry/_agency_table.html", {**context, "oob_export": True})
    return render(request, "registry/agency_list.html", context)


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_safe
def agency_detail(request, code):
    return render_agency_page(request, access.access_agency(request.user, code))


def render_agency_page(request, agency, *, status: int = 200, **extra):
    """The agency page; other views re-render it with a form that was refused, so nothing typed is lost."""
    context = {
        "agency": agency,
        "children": selectors.children_of(user=request.user, agency=agency),
        "can_write": access.can_write_agency(request.user, agency),
        "can_manage": access.can_manage_registry(request.user),
        "compliance": compliance_card(agency=agency, today=timezone.localdate()),
        **qms_selectors.agency_qms_overview(user=request.user, agency=agency),
        **extra,
    }
    return render(request, "registry/agency_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request):
    access.require_registry_manager(request.user)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Agency %(name)s created.") % {"name": agency.name})
            return redirect("registry:agency_detail", code=agency.code)
    return render(request, "registry/agency_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, code):
    agency = access.access_agency(request.user, code, write=True)
    full = access.can_manage_registry(request.user)
    if full:
        initial = {f: getattr(agency, f) for f in services.EDITABLE_FIELDS}
        initial.update(code=agency.code, tier=agency.tier.code, parent=agency.parent.code if agency.parent else "",
                       mandatory="yes" if agency.mandatory else "no")
        form = AgencyForm(request.POST or None, initial=initial, editing=agency)
        fields = services.EDITABLE_FIELDS
    else:
        form = ContactForm(request.POST or None, initial={f: getattr(agency, f) for f in services.CONTACT_FIELDS})
        fields = services.CONTACT_FIELDS
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(actor=request.user, agency=agency,
                                   **{f: form.cleaned_data[f] for f in fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("registry:agency_detail", code=agency.code)
    return render(request, "registry/agency_form.html", {"form": form, "agency": agency, "creating": False})


@login_required
@require_http_methods(["GET", "POST"])
def agency_merge(request, code):
    agency = access.access_agency(request.user, code)
    if not access.can_manage_registry(request.user):
        raise PermissionDenied
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_merge(actor=request.user, agency=agency, into=form.cleaned_data["into"],
                                  effective_date=form.cleaned_data["effective_date"],
                                  note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Merge recorded."))
            return redirect("registry:agency_detail", code=agency.code)
    return render(request, "registry/agency_merge.html", {"form": form, "agency": agency})
