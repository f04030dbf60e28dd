from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.jobs import files
from isogov.risks import registers, scale, selectors, services
from isogov.risks.forms import ActionForm, RiskForm


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    found = selectors.register(agency=agency, data=request.GET, today=today)  # a bad value filters nothing
    context = {
        "agency": agency, "form": found.form, "today": today,
        "risks": found.qs,
        "heat": selectors.heat_map(agency=agency),
        "residual_heat": selectors.heat_map(agency=agency, residual=True),
        "can_write": access.can_write_agency(request.user, agency),
        "bands": [{"name": n, "label": label, "range": scale.band_range(n)} for n, label in scale.BAND_LABELS.items()],
    }
    return render(request, "risks/agency_index.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register_xlsx(request, code):
    agency = access.access_agency(request.user, code)
    return files.download(request, registers.REGISTER, params={"code": agency.code, "query": request.GET.urlencode()},
                          title=_("Risk register: %(agency)s") % {"agency": agency.name}, agency=agency)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = RiskForm(request.POST or None, agency=agency, initial={"kind": request.GET.get("kind", "risk")})
    return write(
        request, form, template="risks/risk_form.html", context={"agency": agency},
        service=lambda data: services.risk_create(agency=agency, actor=request.user, **data),
        success=lambda risk: go(request, "risks:detail", code=agency.code, pk=risk.pk),
        message=_("Added to the register."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code, pk):
    risk = access.access_risk(request.user, code, pk, write=True)
    agency = risk.agency
    form = RiskForm(request.POST or None, agency=agency, instance=risk)
    return write(
        request, form, template="risks/risk_form.html", context={"agency": agency, "risk": risk},
        service=lambda data: services.risk_update(risk=risk, actor=request.user, **data),
        success=lambda _result: go(request, "risks:detail", code=agency.code, pk=risk.pk),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def delete(request, code, pk):
    risk = access.access_risk(request.user, code, pk, write=True)
    return write(
        request, None,
        service=lambda _data: services.risk_delete(risk=risk, actor=request.user),
        success=lambda _result: go(request, "risks:agency_index", code=risk.agency.code),
        refused=lambda _form, _status: go(request, "risks:detail", code=risk.agency.code, pk=risk.pk),
        message=_("Removed from the register."),
    )


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
    risk = access.access_risk(request.user, code, pk)
    return _detail_page(request, risk.agency, risk)


@login_required
@require_POST
def action_add(request, code, pk):
    risk = access.access_risk(request.user, code, pk, write=True)
    return write(
        request, ActionForm(request.POST),
        service=lambda data: services.action_add(risk=risk, actor=request.user, **data),
        success=lambda _result: go(request, "risks:detail", code=risk.agency.code, pk=risk.pk),
        refused=lambda form, status: _detail_page(request, risk.agency, risk, action_form=form, status=status),
        message=_("Action added."),
    )


@login_required
@require_POST
def action_done(request, code, pk):
    action = access.access_risk_action(request.user, code, pk, write=True)

    def back(*_):  # the risk's page, whatever the outcome
        return go(request, "risks:detail", code=action.risk.agency.code, pk=action.risk_id)

    return write(
        request, None,
        service=lambda _data: services.action_set_done(action=action, actor=request.user,
                                                      done=request.POST.get("done") != "0"),
        success=back, refused=back,
    )
