"""A plan's activities: the list with its timeline, one activity's page, its forms and evidence."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.files import file_response
from isogov.core.forms import add_service_errors
from isogov.programme import charts, selectors, services_activity
from isogov.programme.forms import ActivityForm, EvidenceForm, ProgressForm, disburse_form, reverse_form
from isogov.programme.views import plan_context


@login_required
@require_safe
def plan_activities(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
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
    activity = selectors.activity_for(user=request.user, pk=pk)
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


def _activity_form_response(request, plan, form, activity=None):
    return render(request, "programme/activity_form.html", {"form": form, "plan": plan, "activity": activity},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    form = ActivityForm(request.POST or None, initial={"lead_unit": plan.lead_unit})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = services_activity.activity_create(
                plan=plan, actor=request.user, participants=data["all_participants"],
                **{f: data[f] for f in services_activity.ACTIVITY_FIELDS})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Activity added."))
            return redirect("programme:activity_detail", pk=activity.pk)
    return _activity_form_response(request, plan, form)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = selectors.activity_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    initial = {f: getattr(activity, f) for f in services_activity.ACTIVITY_FIELDS}
    initial["participants"] = list(activity.participants.values_list("pk", flat=True))
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("delete"):
            return _activity_delete(request, activity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_activity.activity_update(
                    activity=activity, actor=request.user, participants=data["all_participants"],
                    **{f: data[f] for f in services_activity.ACTIVITY_FIELDS})
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("programme:activity_detail", pk=activity.pk)
    return _activity_form_response(request, activity.plan, form, activity)


def _activity_delete(request, activity):
    try:
        services_activity.activity_delete(activity=activity, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programme:activity_detail", pk=activity.pk)
    messages.success(request, _("Activity deleted."))
    return redirect("programme:plan_activities", pk=activity.plan_id)


@login_required
@require_POST
def activity_progress(request, pk):
    activity = selectors.activity_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services_activity.activity_report_progress(activity=activity, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Progress saved."))
            return redirect("programme:activity_detail", pk=activity.pk)
    return render_activity(request, activity, status=400, progress_form=form)


@login_required
@require_POST
def evidence_add(request, pk):
    activity = selectors.activity_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services_activity.evidence_add(activity=activity, actor=request.user, upload=form.cleaned_data["file"],
                                           note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Evidence file added."))
            return redirect("programme:activity_detail", pk=activity.pk)
    return render_activity(request, activity, status=400, evidence_form=form)


@login_required
@require_safe
def evidence_file(request, pk, evidence_pk):
    activity = selectors.activity_for(user=request.user, pk=pk)
    evidence = get_object_or_404(activity.evidence, pk=evidence_pk)
    return file_response(evidence.file.open("rb"), content_type=evidence.content_type,
                         filename=evidence.original_name)


@login_required
@require_POST
def evidence_delete(request, pk, evidence_pk):
    activity = selectors.activity_for(user=request.user, pk=pk)
    access.require_programme_manager(request.user)
    evidence = get_object_or_404(activity.evidence, pk=evidence_pk)
    services_activity.evidence_delete(evidence=evidence, actor=request.user)
    messages.success(request, _("Evidence file deleted."))
    return redirect("programme:activity_detail", pk=activity.pk)
