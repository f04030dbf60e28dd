from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.forms import add_service_errors
from isogov.objectives import selectors, services
from isogov.objectives.forms import MeasurementForm, ObjectiveForm
from isogov.objectives.models import Measurement


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _objective(agency, pk):
    objective = selectors.objective_of(agency=agency, pk=pk)
    if objective is None:
        raise Http404("No such objective")
    return objective


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    year = _year(request)
    rows = selectors.agency_objectives(agency=agency, year=year)
    context = {
        "agency": agency, "year": year, "rows": rows,
        "years": selectors.years_of(agency=agency, current=timezone.localdate().year),
        "can_write": access.can_write_agency(request.user, agency),
        "achieved": sum(1 for r in rows if r.objective.year_achieved),
        "measured": sum(1 for r in rows if r.objective.periods_measured),
    }
    return render(request, "objectives/agency_index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = ObjectiveForm(request.POST or None, initial={"year": _year(request), "unit": "percent",
                                                        "comparator": "ge", "period": "monthly"})
    if request.method == "POST" and form.is_valid():
        try:
            objective = services.objective_create(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Objective added."))
            return redirect("objectives:detail", code=agency.code, pk=objective.pk)
    status = 400 if form.errors else 200
    return render(request, "objectives/objective_form.html", {"agency": agency, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    objective = _objective(agency, pk)
    form = ObjectiveForm(request.POST or None, initial=ObjectiveForm.initial_of(objective))
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_update(objective=objective, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("objectives:detail", code=agency.code, pk=objective.pk)
    status = 400 if form.errors else 200
    context = {"agency": agency, "form": form, "objective": objective}
    return render(request, "objectives/objective_form.html", context, status=status)


@login_required
@require_POST
def delete(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    objective = _objective(agency, pk)
    year = objective.year
    services.objective_delete(objective=objective, actor=request.user)
    messages.success(request, _("Objective deleted."))
    return redirect(f"{reverse('objectives:agency_index', args=[agency.code])}?year={year}")


def _detail_page(request, agency, objective, *, form=None, status=200):
    context = {
        "agency": agency, "objective": objective,
        "row": selectors.objective_row(objective=objective),
        "measurements": selectors.measurements_of(objective=objective),
        "can_write": access.can_write_agency(request.user, agency),
        "form": form or MeasurementForm(objective=objective),
    }
    return render(request, "objectives/objective_detail.html", context, status=status)


@login_required
@require_safe
def detail(request, code, pk):
    agency = access.access_agency(request.user, code)
    return _detail_page(request, agency, _objective(agency, pk))


@login_required
@require_POST
def measure(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    objective = _objective(agency, pk)
    form = MeasurementForm(request.POST, objective=objective)
    if form.is_valid():
        try:
            services.measurement_record(objective=objective, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Measurement saved."))
            return redirect("objectives:detail", code=agency.code, pk=objective.pk)
    return _detail_page(request, agency, objective, form=form, status=400)


@login_required
@require_POST
def measurement_delete(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    measurement = get_object_or_404(Measurement.objects.select_related("objective__agency"),
                                    pk=pk, objective__agency=agency)
    services.measurement_delete(measurement=measurement, actor=request.user)
    messages.success(request, _("Measurement deleted."))
    return redirect("objectives:detail", code=agency.code, pk=measurement.objective_id)
