"""The plan's budget: lines per activity, their execution and the disbursements recorded against them."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.programme import charts, selectors, services_budget
from isogov.programme.forms import BudgetLineForm, disburse_form, reverse_form
from isogov.programme.views import plan_context
from isogov.programme.views_activity import render_activity


@login_required
@require_safe
def plan_budget(request, pk):
    plan = access.access_plan(request.user, pk, among=selectors.plans_for(user=request.user))
    overview = selectors.budget_overview(user=request.user, plan=plan, today=timezone.localdate())
    return render(request, "programme/plan_budget.html", {
        **plan_context(request, plan, "budget"),
        "budget": overview,
        "chart": charts.budget_bars(overview.totals),
    })


def _line_form(request, activity, line=None):
    """The `refused` page of the budget line form."""
    def page(form, status):
        return render(request, "programme/line_form.html",
                      {"form": form, "activity": activity, "plan": activity.plan, "line": line}, status=status)
    return page


@login_required
@require_http_methods(["GET", "POST"])
def line_create(request, pk):
    activity = access.access_activity(request.user, pk, write=True)
    return write(
        request, BudgetLineForm(request.POST or None),
        service=lambda data: services_budget.budget_line_create(activity=activity, actor=request.user, **data),
        success=lambda _result: go(request, "programme:activity_detail", pk=activity.pk),
        refused=_line_form(request, activity),
        message=_("Budget line added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, pk):
    line = access.access_budget_line(request.user, pk, write=True)
    activity = line.activity

    def back(*_):  # the activity's page
        return go(request, "programme:activity_detail", pk=activity.pk)

    if request.method == "POST" and request.POST.get("delete"):
        return write(
            request, None,
            service=lambda _data: services_budget.budget_line_delete(line=line, actor=request.user),
            success=back, refused=back,
            message=_("Budget line deleted."),
        )
    return write(
        request, BudgetLineForm(request.POST or None, instance=line, frozen=activity.plan.is_approved),
        service=lambda data: services_budget.budget_line_update(line=line, actor=request.user, **data),
        success=back, refused=_line_form(request, activity, line),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def line_disburse(request, pk):
    line = access.access_budget_line(request.user, pk, write=True)
    form = disburse_form(line.pk, request.POST)
    form.line_pk = line.pk
    return write(
        request, form,
        service=lambda data: services_budget.budget_disburse(line=line, actor=request.user, **data),
        success=lambda _result: go(request, "programme:activity_detail", pk=line.activity_id),
        refused=lambda form, status: render_activity(request, line.activity, status=status, disburse_form=form),
        message=_("Disbursement recorded."),
    )


@login_required
@require_POST
def disbursement_reverse(request, pk):
    entry = access.access_disbursement(request.user, pk, write=True)
    form = reverse_form(entry.pk, request.POST)
    form.entry_pk = entry.pk
    return write(
        request, form,
        service=lambda data: services_budget.budget_reverse(disbursement=entry, actor=request.user, **data),
        success=lambda _result: go(request, "programme:activity_detail", pk=entry.line.activity_id),
        refused=lambda form, status: render_activity(request, entry.line.activity, status=status, reverse_form=form),
        message=_("Reversal recorded; the disbursement stays in the history."),
    )
