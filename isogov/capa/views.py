from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.capa import action_services, registers, selectors, services
from isogov.capa.forms import (
    ActionDoneForm,
    ActionForm,
    ActionReopenForm,
    CancelForm,
    NonconformityEditForm,
    NonconformityForm,
    RootCauseForm,
    StepForm,
    VerifyForm,
)
from isogov.capa.models import State
from isogov.core.writeflow import go, write
from isogov.jobs import files


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    found = selectors.agency_list(agency=agency, data=request.GET, today=today)
    page = Paginator(found.qs, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    context = {"agency": agency, "form": found.form, "page": page}
    if request.htmx:
        return render(request, "capa/_nc_table.html", context)
    context["counts"] = selectors.agency_counts(agency=agency, today=today)
    context["can_write"] = access.can_write_agency(request.user, agency)
    return render(request, "capa/agency_index.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def log_xlsx(request, code):
    agency = access.access_agency(request.user, code)
    return files.download(request, registers.LOG, params={"code": agency.code, "query": request.GET.urlencode()},
                          title=_("Nonconformity log: %(agency)s") % {"agency": agency.name}, agency=agency)


@login_required
@require_safe
def province_list(request):
    found = selectors.province_list(user=request.user, data=request.GET, today=timezone.localdate())
    page = Paginator(found.qs, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    context = {"form": found.form, "page": page, "show_agency": True}
    template = "capa/_nc_table.html" if request.htmx else "capa/province_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def nc_create(request, code):
    agency = access.access_agency(request.user, code, write=True)
    form = NonconformityForm(request.POST or None, initial={"detected_on": timezone.localdate()})

    def opened(nc):
        messages.success(request, _("Nonconformity #%(n)s opened.") % {"n": nc.number})
        return go(request, "capa:detail", code=agency.code, pk=nc.pk)

    return write(request, form, template="capa/create.html", context={"agency": agency},
                 service=lambda data: services.nonconformity_open(agency=agency, actor=request.user, **data),
                 success=opened)


def render_nc(request, agency, nc, *, status: int = 200, bound: dict | None = None):
    """The nonconformity's page; a refused form comes back in `bound` (by name, or (name, action pk))."""
    bound = bound or {}
    today = timezone.localdate()
    context = selectors.nonconformity_page(user=request.user, nc=nc, today=today)
    candidates = list(access.users_who_can_write(agency)) if context["can_add_action"] else []
    for action in context["actions"]:
        action.edit_form = bound.get(("edit", action.pk)) or ActionForm(
            candidates=candidates, prefix=f"a{action.pk}",
            initial={"description": action.description, "owner": action.owner_id,
                     "owner_name": "" if action.owner_id else action.owner_name, "due_date": action.due_date})
        action.done_form = bound.get(("done", action.pk)) or ActionDoneForm(prefix=f"d{action.pk}",
                                                                           initial={"done_on": today})
        action.reopen_form = bound.get(("reopen", action.pk)) or ActionReopenForm(prefix=f"r{action.pk}")
    shown = _shown_forms(context)
    # A refusal whose form is not on the page (the state moved on meanwhile) is shown with the next step.
    hidden_errors = [e for key, form in bound.items() if key != "step_errors" and not shown(key)
                     for e in form.non_field_errors()]
    origin = nc.origin if nc.origin_type_id else None
    context.update({
        "agency": agency, "nc": nc, "today": today, "states": [s for s in State if s != State.CANCELLED],
        "origin_url": origin.get_absolute_url() if hasattr(origin, "get_absolute_url") else "",
        "edit_form": bound.get("edit") or NonconformityEditForm(initial={
            "severity": nc.severity, "description": nc.description, "clause": nc.clause.number if nc.clause else "",
            "detected_on": nc.detected_on, "correction": nc.correction}),
        "root_cause_form": bound.get("root_cause") or RootCauseForm(initial=RootCauseForm.initial_for(nc)),
        "action_form": bound.get("action") or ActionForm(candidates=candidates),
        "verify_form": bound.get("verify") or VerifyForm(initial={"verified_on": today}),
        "cancel_form": bound.get("cancel") or CancelForm(),
        "step_errors": [*bound.get("step_errors", []), *hidden_errors],
    })
    return render(request, "capa/detail.html", context, status=status)


def _shown_forms(context: dict):
    """Which of the page's forms the template shows, given what the user may do in this state."""
    by_pk = {a.pk: a for a in context["actions"]}

    def shown(key) -> bool:
        if isinstance(key, tuple):
            kind, pk = key
            action = by_pk.get(pk)
            if action is None:
                return False
            return {"done": not action.done_on and context["can_complete_actions"],
                    "edit": not action.done_on and context["can_add_action"],
                    "reopen": bool(action.done_on) and context["can_reopen_actions"]}[kind]
        return {"edit": context["can_write"], "cancel": context["can_write"],
                "root_cause": context["can_edit_root_cause"], "action": context["can_add_action"],
                "verify": context["awaiting_verification"] and not context["verify_problems"]}[key]

    return shown


@login_required
@require_safe
def nc_detail(request, code, pk):
    nc = access.access_nonconformity(request.user, code, pk)
    return render_nc(request, nc.agency, nc)


def _to_nc(request, nc):
    return go(request, "capa:detail", code=nc.agency.code, pk=nc.pk)


def _nc_form(request, code, pk, *, key: str, form, service, message: str = "", success=None):
    """A form of the nonconformity's page: call the service, or draw the page again (from the database: a
    refused step changed nothing) with the refused form in `key`."""
    nc = access.access_nonconformity(request.user, code, pk, write=True)

    def refused(form, status):
        fresh = access.access_nonconformity(request.user, code, pk)
        return render_nc(request, fresh.agency, fresh, status=status, bound={key: form})

    return write(request, form, service=lambda data: service(nc, data),
                 success=success or (lambda _result: _to_nc(request, nc)), refused=refused, message=message)


@login_required
@require_POST
def nc_edit(request, code, pk):
    return _nc_form(request, code, pk, key="edit", form=NonconformityEditForm(request.POST),
                    service=lambda nc, data: services.nonconformity_update(nc=nc, actor=request.user, **data),
                    message=_("Changes saved."))


@login_required
@require_POST
def nc_root_cause(request, code, pk):
    form = RootCauseForm(request.POST)
    return _nc_form(request, code, pk, key="root_cause", form=form,
                    service=lambda nc, data: services.nonconformity_analyse(
                        nc=nc, actor=request.user, whys=form.whys(), root_cause=data["root_cause"]),
                    message=_("Root cause recorded."))


@login_required
@require_POST
def nc_step(request, code, pk):
    nc = access.access_nonconformity(request.user, code, pk, write=True)
    form = StepForm(request.POST)
    ran = []

    def step(data):
        ran.append(True)
        return services.nonconformity_step(nc=nc, actor=request.user, to_state=data["to_state"])

    def stepped(moved):
        messages.success(request, _("The nonconformity is now: %(state)s.") % {"state": moved.get_state_display()})
        return go(request, "capa:detail", code=code, pk=pk)

    def refused(form, status):
        # The step's refusal is shown at the top with the next step; a state the form does not know is named so.
        errors = [e for errs in form.errors.values() for e in errs] if ran else [_("Unknown state.")]
        fresh = access.access_nonconformity(request.user, code, pk)
        return render_nc(request, fresh.agency, fresh, status=status, bound={"step_errors": errors})

    return write(request, form, service=step, success=stepped, refused=refused)


@login_required
@require_POST
def nc_verify(request, code, pk):
    def verified(verification):
        if verification.verdict == "effective":
            messages.success(request, _("Verified effective: the nonconformity is closed."))
        else:
            messages.success(request, _("Not effective: revise the action plan (add or reopen an action)."))
        return go(request, "capa:detail", code=code, pk=pk)

    return _nc_form(request, code, pk, key="verify", form=VerifyForm(request.POST),
                    service=lambda nc, data: services.nonconformity_verify(nc=nc, actor=request.user, **data),
                    success=verified)


@login_required
@require_POST
def nc_cancel(request, code, pk):
    return _nc_form(request, code, pk, key="cancel", form=CancelForm(request.POST),
                    service=lambda nc, data: services.nonconformity_cancel(nc=nc, actor=request.user,
                                                                          reason=data["reason"]),
                    message=_("Nonconformity cancelled."))


@login_required
@require_POST
def action_add(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    form = ActionForm(request.POST, candidates=list(access.users_who_can_write(agency)))
    return _nc_form(request, code, pk, key="action", form=form,
                    service=lambda nc, data: action_services.action_add(nc=nc, actor=request.user, **data),
                    message=_("Action added."))


def _action_view(request, code, pk, *, kind: str, form_class, service, message: str, candidates: bool = False):
    action = access.access_corrective_action(request.user, code, pk, write=True)
    agency = action.nonconformity.agency
    prefix = {"edit": "a", "done": "d", "reopen": "r"}[kind]
    kwargs = {"candidates": list(access.users_who_can_write(agency))} if candidates else {}

    def refused(form, status):
        nc = access.access_nonconformity(request.user, code, action.nonconformity_id)
        return render_nc(request, agency, nc, status=status, bound={(kind, action.pk): form})

    return write(request, form_class(request.POST, prefix=f"{prefix}{action.pk}", **kwargs),
                 service=lambda data: service(action=action, actor=request.user, **data),
                 success=lambda _result: _to_nc(request, action.nonconformity), refused=refused, message=message)


@login_required
@require_POST
def action_edit(request, code, pk):
    return _action_view(request, code, pk, kind="edit", form_class=ActionForm, service=action_services.action_update,
                        message=_("Action changed."), candidates=True)


@login_required
@require_POST
def action_done(request, code, pk):
    return _action_view(request, code, pk, kind="done", form_class=ActionDoneForm,
                        service=action_services.action_complete, message=_("Action marked done."))


@login_required
@require_POST
def action_reopen(request, code, pk):
    return _action_view(request, code, pk, kind="reopen", form_class=ActionReopenForm,
                        service=action_services.action_reopen, message=_("Action reopened."))


@login_required
@require_POST
def action_delete(request, code, pk):
    action = access.access_corrective_action(request.user, code, pk, write=True)

    def back(*_):  # the nonconformity's page, whatever the outcome
        return go(request, "capa:detail", code=action.nonconformity.agency.code, pk=action.nonconformity_id)

    return write(request, None, service=lambda _data: action_services.action_delete(action=action, actor=request.user),
                 success=back, refused=back, message=_("Action removed."))
