from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.objectives import selectors, services
from isogov.objectives.filters import ObjectiveFilter
from isogov.objectives.forms import MeasurementForm, ObjectiveForm


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    found = selectors.agency_objectives(agency=agency, data=request.GET, current=timezone.localdate().year)
    rows = selectors.rows(found.qs)
    context = {
        "agency": agency, "year": found.year_shown, "rows": rows,
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
    year = ObjectiveFilter(request.GET, current=timezone.localdate().year).year_shown  # from the list's link
    form = ObjectiveForm(request.POST or None, initial={"year": year})
    return write(request, form, template="objectives/objective_form.html", context={"agency": agency},
                 service=lambda data: services.objective_create(agency=agency, actor=request.user, **data),
                 success=lambda objective: go(request, "objectives:detail", code=agency.code, pk=objective.pk),
                 message=_("Objective added."))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code, pk):
    objective = access.access_objective(request.user, code, pk, write=True)
    agency = objective.agency
    form = ObjectiveForm(request.POST or None, instance=objective)
    return write(request, form, template="objectives/objective_form.html",
                 context={"agency": agency, "objective": objective},
                 service=lambda data: services.objective_update(objective=objective, actor=request.user, **data),
                 success=lambda _result: go(request, "objectives:detail", code=agency.code, pk=objective.pk),
                 message=_("Changes saved."))


@login_required
@require_POST
def delete(request, code, pk):
    objective = access.access_objective(request.user, code, pk, write=True)
    agency, year = objective.agency, objective.year
    return write(
        request, None, service=lambda _data: services.objective_delete(objective=objective, actor=request.user),
        success=lambda _result: go(request, f"{reverse('objectives:agency_index', args=[agency.code])}?year={year}"),
        refused=lambda *_: go(request, "objectives:detail", code=agency.code, pk=objective.pk),
        message=_("Objective deleted."),
    )


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
    objective = access.access_objective(request.user, code, pk)
    return _detail_page(request, objective.agency, objective)


@login_required
@require_POST
def measure(request, code, pk):
    objective = access.access_objective(request.user, code, pk, write=True)
    agency = objective.agency
    return write(
        request, MeasurementForm(request.POST, objective=objective),
        service=lambda data: services.measurement_record(objective=objective, actor=request.user, **data),
        success=lambda _result: go(request, "objectives:detail", code=agency.code, pk=objective.pk),
        refused=lambda form, status: _detail_page(request, agency, objective, form=form, status=status),
        message=_("Measurement saved."),
    )


@login_required
@require_POST
def measurement_delete(request, code, pk):
    measurement = access.access_measurement(request.user, code, pk, write=True)

    def back(*_):  # the objective's page, whatever the outcome
        return go(request, "objectives:detail", code=measurement.objective.agency.code, pk=measurement.objective_id)

    return write(request, None,
                 service=lambda _data: services.measurement_delete(measurement=measurement, actor=request.user),
                 success=back, refused=back, message=_("Measurement deleted."))
