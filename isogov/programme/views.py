"""Plans and their objectives. Activities are in views_activity, money in views_budget, files in views_export."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.files import PDF, file_response
from isogov.core.writeflow import go, write
from isogov.programme import charts, measures, rollover, selectors, services
from isogov.programme.forms import NextPlanForm, ObjectiveForm, PlanForm
from isogov.programme.models import FINISHED_STATUSES, default_lead_unit


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
    plan = access.access_plan(request.user, pk, among=selectors.plans_for(user=request.user))
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
    form = PlanForm(request.POST or None, request.FILES or None, initial={"lead_unit": default_lead_unit()})
    return write(
        request, form, template="programme/plan_form.html",
        service=lambda data: services.plan_create(actor=request.user, **data),
        success=lambda plan: go(request, "programme:plan_detail", pk=plan.pk),
        message=_("Plan created. Add its objectives and activities."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = access.access_plan(request.user, pk, write=True)
    return write(
        request, PlanForm(request.POST or None, request.FILES or None, instance=plan),
        template="programme/plan_form.html", context={"plan": plan},
        service=lambda data: services.plan_update(plan=plan, actor=request.user, **data),
        success=lambda _result: go(request, "programme:plan_detail", pk=plan.pk),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def plan_approve(request, pk):
    plan = access.access_plan(request.user, pk, write=True)

    def back(*_):  # the plan's page, whatever the outcome
        return go(request, "programme:plan_detail", pk=plan.pk)

    return write(
        request, None,
        service=lambda _data: services.plan_approve(plan=plan, actor=request.user),
        success=back, refused=back,
        message=_("The plan is approved; it is now frozen except for progress and budget execution."),
    )


@login_required
@require_safe
def plan_decision_file(request, pk):
    plan = access.access_plan(request.user, pk)
    if not plan.decision_file:
        raise Http404("No decision file")
    return file_response(plan.decision_file.open("rb"), content_type=PDF,
                         filename=plan.decision_file.name.rsplit("/", 1)[-1])


@login_required
@require_http_methods(["GET", "POST"])
def plan_next(request, pk):
    plan = access.access_plan(request.user, pk, write=True)
    years = plan.end_year - plan.start_year + 1
    start = plan.end_year + 1
    form = NextPlanForm(request.POST or None, initial={
        "start_year": start, "end_year": start + max(years, 5) - 1,
        "title": _("Plan to maintain, apply and improve the QMS under TCVN ISO 9001:2015, %(a)s–%(b)s")
        % {"a": start, "b": start + max(years, 5) - 1}})
    carried = plan.activities.exclude(status__in=FINISHED_STATUSES).order_by("number")
    return write(
        request, form, template="programme/plan_next.html", context={"plan": plan, "carried": carried},
        service=lambda data: rollover.plan_draft_next(plan=plan, actor=request.user, **data),
        success=lambda new: go(request, "programme:plan_detail", pk=new.pk),
        message=_("Draft plan created from %(plan)s; the plan itself is unchanged.") % {"plan": plan.title},
    )


@login_required
@require_POST
def objective_create(request, pk):
    plan = access.access_plan(request.user, pk, write=True, among=selectors.plans_for(user=request.user))
    return write(
        request, ObjectiveForm(request.POST),
        service=lambda data: services.objective_create(plan=plan, actor=request.user, **data),
        success=lambda _result: go(request, "programme:plan_detail", pk=plan.pk),
        refused=lambda form, status: render_plan_overview(request, plan, status=status, objective_form=form),
        message=_("Objective added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, pk):
    objective = access.access_plan_objective(request.user, pk, write=True)
    plan = objective.plan

    def back(*_):  # the plan's page
        return go(request, "programme:plan_detail", pk=plan.pk)

    if request.method == "POST" and request.POST.get("delete"):
        return write(
            request, None,
            service=lambda _data: services.objective_delete(objective=objective, actor=request.user),
            success=back, refused=back,
            message=_("Objective deleted."),
        )
    return write(
        request, ObjectiveForm(request.POST or None, instance=objective),
        template="programme/objective_form.html", context={"plan": plan, "objective": objective},
        service=lambda data: services.objective_update(objective=objective, actor=request.user, **data),
        success=back,
        message=_("Changes saved."),
    )
