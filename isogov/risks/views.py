from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.forms import add_service_errors
from isogov.risks import scale, selectors, services
from isogov.risks.forms import ActionForm, RiskFilterForm, RiskForm
from isogov.risks.models import RiskAction


def _risk(agency, pk):
    risk = selectors.risk_of(agency=agency, pk=pk)
    if risk is None:
        raise Http404("No such risk")
    return risk


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = "open"
    form = RiskFilterForm(data)
    form.is_valid()  # a bad value is left out of cleaned_data, so that filter is simply not applied
    filters = selectors.RiskFilters(**{k: v for k, v in form.cleaned_data.items() if v is not None})
    today = timezone.localdate()
    context = {
        "agency": agency, "form": form, "today": today,
        "risks": selectors.register(agency=agency, filters=filters, today=today),
        "heat": selectors.heat_map(agency=agency),
        "residual_heat": selectors.heat_map(agency=agency, residual=True),
        "can_write": access.can_write_agency(request.user, agency),
        "bands": [{"name": n, "label": label, "range": scale.band_range(n)} for n, label in scale.BAND_LABELS.items()],
    }
    return render(request, "risks/agency_index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = RiskForm(request.POST or None, agency=agency, initial={"kind": request.GET.get("kind", "risk")})
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added to the register."))
            return redirect("risks:detail", code=agency.code, pk=risk.pk)
    return render(request, "risks/risk_form.html", {"agency": agency, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    risk = _risk(agency, pk)
    form = RiskForm(request.POST or None, agency=agency, current=risk, initial=RiskForm.initial_of(risk))
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(risk=risk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("risks:detail", code=agency.code, pk=risk.pk)
    return render(request, "risks/risk_form.html", {"agency": agency, "form": form, "risk": risk},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def delete(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    services.risk_delete(risk=_risk(agency, pk), actor=request.user)
    messages.success(request, _("Removed from the register."))
    return redirect("risks:agency_index", code=agency.code)


def _detail_page(request, agency, risk, *, action_form=None, status=200):
    context = {
        "agency": agency, "risk": risk, "today": timezone.localdate(),
        "actions": selectors.actions_of(risk=risk),
        "can_write": access.can_write_agency(request.user, agency),
        "action_form": action_form or ActionForm(),
    }
    return render(request, "risks/risk_detail.html", context, status=status)


@login_required
@require_safe
def detail(request, code, pk):
    agency = access.access_agency(request.user, code)
    return _detail_page(request, agency, _risk(agency, pk))


@login_required
@require_POST
def action_add(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    risk = _risk(agency, pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_add(risk=risk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect("risks:detail", code=agency.code, pk=risk.pk)
    return _detail_page(request, agency, risk, action_form=form, status=400)


@login_required
@require_POST
def action_done(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    action = get_object_or_404(RiskAction.objects.select_related("risk__agency"), pk=pk, risk__agency=agency)
    try:
        services.action_set_done(action=action, actor=request.user, done=request.POST.get("done") != "0")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("risks:detail", code=agency.code, pk=action.risk_id)
