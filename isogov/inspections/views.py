"""Inspection pages: the year's plan and its proposal, each inspection, the records checks, the documents.

Reads and writes go through the access helpers (accounts.access: access_inspection_plan, access_inspection,
access_records_check_plan); writes through core.writeflow.write and one service each.
"""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.inspections import selectors, services
from isogov.inspections.forms import ApproveForm, OnsiteForm, PlanForm, ProfileForm
from isogov.inspections.models import InspectorProfile, PlanStatus


@login_required
@require_safe
def index(request):
    access.require_inspection_reader(request.user)
    return render(request, "inspections/index.html", {
        "plans": selectors.plan_list(user=request.user), "can_manage": access.can_manage_programme(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    access.require_programme_manager(request.user)
    return write(
        request, PlanForm(request.POST or None),
        service=lambda data: services.plan_create(actor=request.user, **data),
        success=lambda plan: go(request, "inspections:plan", pk=plan.pk),
        template="inspections/form.html",
        context={"title": _("New inspection plan"), "back": reverse("inspections:index")},
        message=_("Inspection plan created."),
    )


def _plan_page(request, plan, *, approve_form=None, status: int = 200):
    context = {
        "plan": plan, "counts": selectors.onsite_counts(plan),
        "inspections": selectors.plan_inspections(plan, user=request.user, today=timezone.localdate()),
        "records": selectors.records_rows(plan),
        "onsite": list(plan.onsite.select_related("tier").order_by("tier__rank", "path")),
        "can_manage": access.can_manage_programme(request.user),
        "can_inspect": access.can_inspect(request.user, plan), "approve_form": approve_form or ApproveForm(),
    }
    return render(request, "inspections/plan.html", context, status=status)


@login_required
@require_safe
def plan_detail(request, pk):
    return _plan_page(request, access.access_inspection_plan(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = access.access_inspection_plan(request.user, pk, write=True)
    return write(
        request, PlanForm(request.POST or None, instance=plan),
        service=lambda data: services.plan_update(actor=request.user, plan=plan, **data),
        success=lambda _plan: go(request, "inspections:plan", pk=plan.pk),
        template="inspections/form.html",
        context={"title": str(plan), "back": reverse("inspections:plan", args=[plan.pk])},
        message=_("Changes saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def onsite(request, pk):
    """The proposal ranked by risk with its reasons; the lead ticks and unticks, and the one third shows as he goes."""
    plan = access.access_inspection_plan(request.user, pk, write=request.method == "POST")
    ranked = selectors.ranking(plan, today=timezone.localdate())
    chosen = set(plan.onsite.values_list("code", flat=True))
    proposed = {c.agency.code for c in selectors.proposed(plan, today=timezone.localdate())}
    form = OnsiteForm(request.POST or None, codes=[c.agency.code for c in ranked],
                      initial={"agencies": sorted(chosen or proposed)})

    def page(form, status):
        context = {"plan": plan, "form": form, "ranked": ranked, "chosen": chosen or proposed,
                   "proposed": proposed, "counts": selectors.onsite_counts(plan), "is_saved": bool(chosen),
                   "can_manage": access.can_manage_programme(request.user) and plan.status == PlanStatus.DRAFT}
        return render(request, "inspections/onsite.html", context, status=status)

    return write(
        request, form,
        service=lambda data: services.plan_set_onsite(actor=request.user, plan=plan, agencies=data["chosen"]),
        success=lambda _plan: go(request, "inspections:onsite", pk=plan.pk),
        refused=page, message=_("The on-site list is saved."),
    )


@login_required
@require_POST
def plan_approve(request, pk):
    plan = access.access_inspection_plan(request.user, pk, write=True)

    def approve(data):
        counts = selectors.onsite_counts(plan)
        return services.plan_approve(actor=request.user, plan=plan, decision_number=data["decision_number"],
                                     decision_date=data["decision_date"], mandatory=counts["mandatory"],
                                     onsite_mandatory=counts["onsite_mandatory"])

    return write(request, ApproveForm(request.POST), service=approve,
                 success=lambda _plan: go(request, "inspections:plan", pk=plan.pk),
                 refused=lambda form, status: _plan_page(request, plan, approve_form=form, status=status),
                 message=_("The plan is approved; an inspection is opened for each agency on the list."))


@login_required
@require_safe
def inspectors(request):
    """Who may inspect, with the qualifications of Circular 26, art. 40 and what each still lacks to lead a team."""
    access.require_inspection_reader(request.user)
    return render(request, "inspections/inspectors.html", {
        "rows": selectors.inspector_rows(), "can_manage": access.can_manage_programme(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def inspector_edit(request, pk):
    user = access.access_account(request.user, pk)
    profile = InspectorProfile.objects.filter(user=user).first()
    return write(
        request, ProfileForm(request.POST or None, instance=profile or InspectorProfile(user=user)),
        service=lambda data: services.profile_set(actor=request.user, user=user, **data),
        success=lambda _p: go(request, "inspections:inspectors"),
        template="inspections/form.html",
        context={"title": _("Qualifications of %(name)s") % {"name": str(user)},
                 "back": reverse("inspections:inspectors")},
        message=_("Changes saved."),
    )
