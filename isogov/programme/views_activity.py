"""A plan's activities: the list with its timeline, one activity's page, its forms and evidence."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.files import file_response
from isogov.core.writeflow import go, write
from isogov.programme import charts, selectors, services_activity
from isogov.programme.forms import ActivityForm, EvidenceForm, ProgressForm, disburse_form, reverse_form
from isogov.programme.views import plan_context


@login_required
@require_safe
def plan_activities(request, pk):
    plan = access.access_plan(request.user, pk, among=selectors.plans_for(user=request.user))
    today = timezone.localdate()
    activities = selectors.activity_rows(user=request.user, plan=plan, today=today)
    return render(request, "programme/plan_activities.html", {
        **plan_context(request, plan, "activities"),
        "activities": activities,
        "timeline": charts.timeline(plan=plan, activities=activities, today=today),
    })


@login_required
@require_safe
def activity_detail(request, pk):
    activity = access.access_activity(request.user, pk)
    return render_activity(request, activity)


def render_activity(request, activity, *, status: int = 200, **forms):
    today = timezone.localdate()
    data = selectors.activity_detail(activity=activity, today=today)
    row = data["activity"]
    context = {
        **data,
        "plan": row.plan,
        "can_manage": access.can_manage_programme(request.user),
        "today": today,
        "chart": charts.budget_bars(data["figures"]),
        "progress_form": forms.get("progress_form") or ProgressForm(
            initial={"status": row.status, "progress": row.progress, "notes": row.notes}),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
    }
    refused = forms.get("disburse_form")
    for r in data["lines"]:
        r.disburse_form = refused if refused is not None and refused.line_pk == r.line.pk else disburse_form(
            r.line.pk, today=today)
    refused = forms.get("reverse_form")
    for d in data["disbursements"]:
        d.left = 0 if d.is_reversal else d.amount + d.reversed_sum
        if refused is not None and refused.entry_pk == d.pk:
            d.reverse_form = refused  # shown even on an entry with nothing left, so that the refusal is seen
        elif d.left > 0:
            d.reverse_form = reverse_form(d.pk, today=today)
    return render(request, "programme/activity_detail.html", context, status=status)


def _activity_form(request, plan, activity=None):
    """The `refused` page of the activity form."""
    def page(form, status):
        return render(request, "programme/activity_form.html", {"form": form, "plan": plan, "activity": activity},
                      status=status)
    return page


def _activity_fields(data) -> dict:
    return {"participants": data["all_participants"], **{f: data[f] for f in services_activity.ACTIVITY_FIELDS}}


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    plan = access.access_plan(request.user, pk, write=True)
    return write(
        request, ActivityForm(request.POST or None, initial={"lead_unit": plan.lead_unit}),
        service=lambda data: services_activity.activity_create(plan=plan, actor=request.user, **_activity_fields(data)),
        success=lambda activity: go(request, "programme:activity_detail", pk=activity.pk),
        refused=_activity_form(request, plan),
        message=_("Activity added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = access.access_activity(request.user, pk, write=True)
    if request.method == "POST" and request.POST.get("delete"):
        return write(
            request, None,
            service=lambda _data: services_activity.activity_delete(activity=activity, actor=request.user),
            success=lambda _result: go(request, "programme:plan_activities", pk=activity.plan_id),
            refused=lambda _form, _status: go(request, "programme:activity_detail", pk=activity.pk),
            message=_("Activity deleted."),
        )
    return write(
        request, ActivityForm(request.POST or None, instance=activity),
        service=lambda data: services_activity.activity_update(activity=activity, actor=request.user,
                                                               **_activity_fields(data)),
        success=lambda _result: go(request, "programme:activity_detail", pk=activity.pk),
        refused=_activity_form(request, activity.plan, activity),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def activity_progress(request, pk):
    activity = access.access_activity(request.user, pk, write=True)
    return write(
        request, ProgressForm(request.POST),
        service=lambda data: services_activity.activity_report_progress(activity=activity, actor=request.user, **data),
        success=lambda _result: go(request, "programme:activity_detail", pk=activity.pk),
        refused=lambda form, status: render_activity(request, activity, status=status, progress_form=form),
        message=_("Progress saved."),
    )


@login_required
@require_POST
def evidence_add(request, pk):
    activity = access.access_activity(request.user, pk, write=True)
    return write(
        request, EvidenceForm(request.POST, request.FILES),
        service=lambda data: services_activity.evidence_add(activity=activity, actor=request.user,
                                                            upload=data["file"], note=data["note"]),
        success=lambda _result: go(request, "programme:activity_detail", pk=activity.pk),
        refused=lambda form, status: render_activity(request, activity, status=status, evidence_form=form),
        message=_("Evidence file added."),
    )


@login_required
@require_safe
def evidence_file(request, pk, evidence_pk):
    evidence = access.access_evidence(request.user, pk, evidence_pk)
    return file_response(evidence.file.open("rb"), content_type=evidence.content_type,
                         filename=evidence.original_name)


@login_required
@require_POST
def evidence_delete(request, pk, evidence_pk):
    evidence = access.access_evidence(request.user, pk, evidence_pk, write=True)

    def back(*_):
        return go(request, "programme:activity_detail", pk=evidence.activity_id)

    return write(
        request, None,
        service=lambda _data: services_activity.evidence_delete(evidence=evidence, actor=request.user),
        success=back, refused=back,
        message=_("Evidence file deleted."),
    )
