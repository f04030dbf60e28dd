from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.registry import selectors, services
from isogov.registry.agency_page import render_agency_page
from isogov.registry.forms import AgencyForm, ContactForm, MergeForm


@login_required
@require_safe
def agency_list(request):
    found = selectors.agency_list(user=request.user, data=request.GET, tiers=list(selectors.tiers()))
    qs = found.qs
    page = Paginator(qs, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    context = {
        "form": found.form,
        "page": page,
        "counts": selectors.state_counts(qs),
        "total": page.paginator.count,
        # A large list is exported by the worker (a POST starting a job), a small one downloads at once.
        "export_in_background": page.paginator.count > settings.ISOGOV["EXPORT_INLINE_ROWS"],
    }
    if request.htmx:
        # The export buttons sit outside the swapped results; they come along out of band with the new filters.
        return render(request, "registry/_agency_table.html", {**context, "oob_export": True})
    return render(request, "registry/agency_list.html", context)


@login_required
@require_safe
def agency_detail(request, code):
    return render_agency_page(request, access.access_agency(request.user, code))


@login_required
@require_http_methods(["GET", "POST"])
def agency_create(request):
    access.require_registry_manager(request.user)

    def created(agency):
        messages.success(request, _("Agency %(name)s created.") % {"name": agency.name})
        return go(request, "registry:agency_detail", code=agency.code)

    return write(
        request, AgencyForm(request.POST or None), template="registry/agency_form.html", context={"creating": True},
        service=lambda data: services.agency_create(actor=request.user, **data),
        success=created,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, code):
    agency = access.access_agency(request.user, code, write=True)
    full = access.can_manage_registry(request.user)
    form = (AgencyForm if full else ContactForm)(request.POST or None, instance=agency)
    fields = services.EDITABLE_FIELDS if full else services.CONTACT_FIELDS
    return write(
        request, form, template="registry/agency_form.html", context={"agency": agency, "creating": False},
        service=lambda data: services.agency_update(actor=request.user, agency=agency, **{f: data[f] for f in fields}),
        success=lambda _result: go(request, "registry:agency_detail", code=agency.code),
        message=_("Changes saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_merge(request, code):
    agency = access.access_agency(request.user, code)
    access.require_registry_manager(request.user)
    return write(
        request, MergeForm(request.POST or None), template="registry/agency_merge.html", context={"agency": agency},
        service=lambda data: services.agency_merge(actor=request.user, agency=agency, into=data["into"],
                                                   effective_date=data["effective_date"], note=data["note"]),
        success=lambda _result: go(request, "registry:agency_detail", code=agency.code),
        message=_("Merge recorded."),
    )
