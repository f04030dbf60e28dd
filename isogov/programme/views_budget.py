"""The plan's budget: lines per activity, their execution and the disbursements recorded against them."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.forms import add_service_errors
from isogov.programme import charts, selectors, services_budget
from isogov.programme.forms import BudgetLineForm, disburse_form, reverse_form
from isogov.programme.models import BudgetLine, Disbursement
from isogov.programme.views import plan_context
from isogov.programme.views_activity import render_activity


@login_required
@require_safe
def plan_budget(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    overview = selectors.budget_overview(user=request.user, plan=plan, today=timezone.localdate())
    return render(request, "programme/plan_budget.html", {
        **plan_context(request, plan, "budget"),
        "budget": overview,
        "chart": charts.budget_bars(overview.totals),
    })


def _line_for(user, pk: int) -> BudgetLine:
    line = BudgetLine.objects.filter(pk=pk).select_related("activity").first()
    if line is None:
        raise Http404("No such budget line")
    selectors.activity_for(user=user, pk=line.activity_id)  # 404 unless the user sees the activity
    return line


def _line_form_response(request, form, activity, line=None):
    return render(request, "programme/line_form.html",
                  {"form": form, "activity": activity, "plan": activity.plan, "line": line},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def line_create(request, pk):
    activity = selectors.activity_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_budget.budget_line_create(activity=activity, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Budget line added."))
            return redirect("programme:activity_detail", pk=activity.pk)
    return _line_form_response(request, form, activity)


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, pk):
    line = _line_for(request.user, pk)
    access.require_programme_manager(request.user)
    activity = selectors.activity_for(user=request.user, pk=line.activity_id)
    frozen = activity.plan.is_approved
    initial = {f: getattr(line, f) for f in services_budget.LINE_FIELDS}
    form = BudgetLineForm(request.POST or None, initial=initial, frozen=frozen)
    if request.method == "POST":
        if request.POST.get("delete"):
            return _line_delete(request, line)
        if form.is_valid():
            try:
                services_budget.budget_line_update(line=line, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("programme:activity_detail", pk=activity.pk)
    return _line_form_response(request, form, activity, line)


def _line_delete(request, line):
    try:
        services_budget.budget_line_delete(line=line, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Budget line deleted."))
    return redirect("programme:activity_detail", pk=line.activity_id)


@login_required
@require_POST
def line_disburse(request, pk):
    line = _line_for(request.user, pk)
    access.require_programme_manager(request.user)
    form = disburse_form(line.pk, request.POST)
    form.line_pk = line.pk
    if form.is_valid():
        try:
            services_budget.budget_disburse(line=line, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Disbursement recorded."))
            return redirect("programme:activity_detail", pk=line.activity_id)
    return render_activity(request, line.activity, status=400, disburse_form=form)


@login_required
@require_POST
def disbursement_reverse(request, pk):
    entry = Disbursement.objects.filter(pk=pk).select_related("line").first()
    if entry is None:
        raise Http404("No such disbursement")
    line = _line_for(request.user, entry.line_id)
    access.require_programme_manager(request.user)
    form = reverse_form(entry.pk, request.POST)
    form.entry_pk = entry.pk
    if form.is_valid():
        try:
            services_budget.budget_reverse(disbursement=entry, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Reversal recorded; the disbursement stays in the history."))
            return redirect("programme:activity_detail", pk=line.activity_id)
    return render_activity(request, line.activity, status=400, reverse_form=form)
