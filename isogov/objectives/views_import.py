"""Importing on-time rates from a one-stop-shop export: upload → preview → confirm.

The preview carries the counts (never the file) to the confirm step in a signed form field: they are
small, cannot be altered on the way, and nothing waits in storage for a confirmation that may never come.
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.objectives import services
from isogov.objectives.forms import OnestopImportForm
from isogov.objectives.models import Objective, Unit, format_value, period_label
from isogov.objectives.onestop import COLUMNS, OnestopResult, RowError, read_onestop

SALT = "isogov.objectives.onestop"
MAX_AGE_SECONDS = 3600


def _objectives(agency):
    return Objective.objects.filter(agency=agency, unit=Unit.PERCENT).order_by("-year", "id")


@login_required
@require_http_methods(["GET", "POST"])
def onestop_import(request, code):
    agency = access.access_agency(request.user, code, write=True)
    objectives = _objectives(agency)
    if request.method == "POST" and "payload" in request.POST:
        return _confirm(request, agency, objectives)
    form = OnestopImportForm(request.POST or None, request.FILES or None, objectives=objectives,
                             initial={"objective": request.GET.get("objective")})
    if request.method == "POST" and form.is_valid():
        objective = form.cleaned_data["objective"]
        upload = form.cleaned_data["file"]
        result = read_onestop(data=upload.read(), filename=upload.name, year=objective.year,
                              period=objective.period, today=timezone.localdate())
        if result.errors:
            return _upload_page(request, agency, form, errors=result.errors, status=400)
        if not any(t.counted for t in result.periods.values()):
            form.add_error("file", _("No file in this export was due or returned in %(year)s.")
                           % {"year": objective.year})
            return _upload_page(request, agency, form, status=400)
        payload = signing.dumps({"agency": agency.pk, "objective": objective.pk, "result": result.as_payload()},
                                salt=SALT, compress=True)
        return _preview_page(request, agency, objective, result, payload)
    return _upload_page(request, agency, form, status=400 if form.errors else 200)


def _confirm(request, agency, objectives):
    try:
        data = signing.loads(request.POST["payload"], salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return _upload_page(request, agency, OnestopImportForm(objectives=objectives), stale=True, status=409)
    objective = objectives.filter(pk=data.get("objective")).first()
    if data.get("agency") != agency.pk or objective is None:
        return _upload_page(request, agency, OnestopImportForm(objectives=objectives), stale=True, status=409)
    result = OnestopResult.from_payload(data.get("result", {}))

    def done(saved):
        messages.success(request, _("Import done: %(n)s periods recorded from %(file)s.")
                         % {"n": len(saved), "file": result.filename})
        return go(request, "objectives:detail", code=agency.code, pk=objective.pk)

    def rejected(exc):  # the whole import is refused: its reasons are listed as the file's errors
        errors = [RowError(None, "", m) for m in exc.messages]
        return _upload_page(request, agency, OnestopImportForm(objectives=objectives), errors=errors, status=400)

    return write(request, None,
                 service=lambda _data: services.measurements_import(objective=objective, actor=request.user,
                                                                    result=result),
                 success=done, rejected=rejected)


def _upload_page(request, agency, form, *, errors=(), stale=False, status=200):
    context = {"agency": agency, "form": form, "errors": list(errors), "stale": stale,
               "columns": COLUMNS, "max_bytes": settings.ISOGOV["IMPORT_MAX_BYTES"]}
    return render(request, "objectives/import.html", context, status=status)


def _preview_page(request, agency, objective, result: OnestopResult, payload: str):
    existing = {m.period_index: m for m in objective.measurements.all()}
    periods = [{
        "label": period_label(objective.period, i), "on_time": t.on_time, "counted": t.counted,
        "rate": format_value(t.rate, Unit.PERCENT), "achieved": t.rate is not None and objective.meets(t.rate),
        "replaces": format_value(existing[i].value, objective.unit) if i in existing else "",
    } for i, t in result.periods.items() if t.counted]
    procedures = [{"code": c, "on_time": t.on_time, "counted": t.counted, "rate": format_value(t.rate, Unit.PERCENT)}
                  for c, t in result.procedure_totals().items()]
    context = {"agency": agency, "objective": objective, "result": result, "periods": periods,
               "procedures": procedures, "payload": payload}
    return render(request, "objectives/import_preview.html", context)
