"""Plans and their objectives. Activities are in views_activity, money in views_budget, files in views_export."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.files import PDF, file_response
from isogov.core.forms import add_service_errors
from isogov.programme import charts, measures, rollover, selectors, services
from isogov.programme.forms import NextPlanForm, ObjectiveForm, PlanForm
from isogov.programme.models import FINISHED_STATUSES, Objective


@login_required
@require_safe
def index(request):
    plans = list(selectors.plans_for(user=request.user))
    return render(request, "programme/index.html", {
        "plans": plans, "can_manage": access.can_manage_programme(request.user),
        "whole": access.reads_whole_programme(request.user),
    })


def plan_context(request, plan, tab: str) -> dict:
    return {
        "plan": plan, "tab": tab, "progress": selectors.plan_progress(plan),
        "can_manage": access.can_manage_programme(request.user),
        "whole": access.reads_whole_programme(request.user),
        "today": timezone.localdate(),
    }


@login_required
@require_safe
def plan_detail(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    return render_plan_overview(request, plan)


def render_plan_overview(request, plan, *, status: int = 200, **extra):
    today = timezone.localdate()
    objectives = selectors.objectives_of(plan)
    measured, agency_count = measures.measure_objectives(user=request.user, objectives=objectives, today=today)
    activities = selectors.activity_rows(user=request.user, plan=plan, today=today)
    context = {
        **plan_context(request, plan, "overview"),
        "objectives": [(o, measured.get(o.pk)) for o in objectives],
        "agency_count": agency_count,
        "status_counts": selectors.status_counts(activities),
        "overdue_count": sum(1 for a in activities if a.overdue),
        "activity_total": len(activities),
        "chart": charts.budget_bars({f: getattr(plan, f"total_{f}") for f in selectors.FIGURES}),
        "objective_form": extra.pop("objective_form", None) or ObjectiveForm(),
        **extra,
    }
    return render(request, "programme/plan_overview.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    access.require_programme_manager(request.user)
    form = PlanForm(request.POST or None, request.FILES or None,
                    initial={"lead_unit": services.default_lead_unit()})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Plan created. Add its objectives and activities."))
            return redirect("programme:plan_detail", pk=plan.pk)
    return render(request, "programme/plan_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    initial = {f: getattr(plan, f) for f in services.PLAN_FIELDS}
    form = PlanForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("programme:plan_detail", pk=plan.pk)
    return render(request, "programme/plan_form.html", {"form": form, "plan": plan},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def plan_approve(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    try:
        services.plan_approve(plan=plan, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The plan is approved; it is now frozen except for progress and budget "
                                    "execution."))
    return redirect("programme:plan_detail", pk=plan.pk)


@login_required
@require_safe
def plan_decision_file(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    if not plan.decision_file:
        raise Http404("No decision file")
    return file_response(plan.decision_file.open("rb"), content_type=PDF,
                         filename=plan.decision_file.name.rsplit("/", 1)[-1])


@login_required
@require_http_methods(["GET", "POST"])
def plan_next(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    years = plan.end_year - plan.start_year + 1
    start = plan.end_year + 1
    form = NextPlanForm(request.POST or None, initial={
        "start_year": start, "end_year": start + max(years, 5) - 1,
        "title": _("Plan to maintain, apply and improve the QMS under TCVN ISO 9001:2015, %(a)s–%(b)s")
        % {"a": start, "b": start + max(years, 5) - 1}})
    if request.method == "POST" and form.is_valid():
        try:
            new = rollover.plan_draft_next(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft plan created from %(plan)s; the plan itself is unchanged.")
                             % {"plan": plan.title})
            return redirect("programme:plan_detail", pk=new.pk)
    carried = plan.activities.exclude(status__in=FINISHED_STATUSES).order_by("number")
    return render(request, "programme/plan_next.html", {"form": form, "plan": plan, "carried": carried},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def objective_create(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    form = ObjectiveForm(request.POST)
    if form.is_valid():
        try:
            services.objective_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Objective added."))
            return redirect("programme:plan_detail", pk=plan.pk)
    return render_plan_overview(request, plan, status=400, objective_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, pk):
    objective = get_object_or_404(Objective.objects.select_related("plan"), pk=pk)
    plan = selectors.plan_for(user=request.user, pk=objective.plan_id)
    access.require_programme_manager(request.user)
    initial = {f: getattr(objective, f) for f in services.OBJECTIVE_FIELDS}
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("delete"):
            return _objective_delete(request, objective, plan)
        if form.is_valid():
            try:
                services.objective_update(objective=objective, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("programme:plan_detail", pk=plan.pk)
    return render(request, "programme/objective_form.html", {"form": form, "plan": plan, "objective": objective},
                  status=400 if form.errors else 200)


def _objective_delete(request, objective, plan):
    try:
        services.objective_delete(objective=objective, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Objective deleted."))
    return redirect("programme:plan_detail", pk=plan.pk)

