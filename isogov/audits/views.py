from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.audits import records, selectors, services
from isogov.audits.forms import (AreaForm, CancelForm, ChecklistForm, FindingForm, PlanForm, ReportForm, StartForm,
                                 TeamForm)
from isogov.audits.models import Audit, AuditArea, AuditState, ChecklistItem, Finding
from isogov.audits.report import audit_report_docx
from isogov.core.forms import add_service_errors


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    return render(request, "audits/agency_index.html", {
        "agency": agency, "today": today, "can_write": access.can_write_agency(request.user, agency),
        **selectors.agency_programmes(agency=agency, today=today),
    })


def _audit(agency, pk) -> Audit:
    return get_object_or_404(Audit.objects.select_related("agency", "programme", "framework"), agency=agency, pk=pk)


def _plan_initial(audit: Audit) -> dict:
    chosen = list(audit.checklist.values_list("clause_id", flat=True))
    all_auditable = audit.framework.clauses.filter(auditable=True).count()
    return {"year": audit.programme.year, "planned_month": audit.planned_month, "title": audit.title,
            "scope": audit.scope, "clauses": [] if len(chosen) == all_auditable else chosen,
            "procedures": list(audit.procedures.values_list("pk", flat=True))}


@login_required
@require_http_methods(["GET", "POST"])
def audit_plan(request, code, pk=None):
    """Plan a new audit, or (with pk) change a planned one."""
    agency = access.access_agency(request.user, code, write=True)
    audit = _audit(agency, pk) if pk else None
    framework = audit.framework if audit else services.default_framework()
    initial = _plan_initial(audit) if audit else {"year": timezone.localdate().year}
    form = PlanForm(request.POST or None, agency=agency, framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data["clauses"], data["procedures"] = list(data["clauses"]), list(data["procedures"])
        try:
            if audit:
                audit = services.audit_update(audit=audit, actor=request.user, **data)
            else:
                audit = services.audit_plan(agency=agency, actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Audit saved in the %(year)s programme.") % {"year": data["year"]})
            return redirect("audits:detail", code=agency.code, pk=audit.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "audits/plan.html", {"agency": agency, "audit": audit, "form": form}, status=status)


def render_audit(request, agency, audit, *, status: int = 200, bound: dict | None = None):
    """The audit's page; a refused form comes back in `bound` so nothing typed is lost."""
    bound = bound or {}
    today = timezone.localdate()
    context = selectors.audit_page(user=request.user, audit=audit, today=today)
    shown = {"team": context["can_write"], "area": context["can_write"], "finding": context["can_record"]}
    step_errors = list(bound.pop("step_errors", []))
    for key, form in bound.items():
        # Refusals of a step, or of a form the page no longer shows, go with the next step at the top.
        if not shown.get(key, False):
            step_errors += form.non_field_errors()
            form.errors.pop("__all__", None)
    candidates = list(access.users_who_can_write(agency)) if context["can_write"] else []
    lead = context["lead"]
    context.update({
        "agency": agency, "audit": audit,
        "team_form": bound.get("team") or TeamForm(candidates=candidates, initial={
            "lead_auditor": lead.user_id if lead else None,
            "lead_auditor_name": lead.name if lead and not lead.user_id else "",
            "auditors": [m.user_id for m in context["auditors"] if m.user_id],
            "auditor_names": "\n".join(m.name for m in context["auditors"] if not m.user_id)}),
        "area_form": bound.get("area") or AreaForm(candidates=candidates),
        "start_form": bound.get("start") or StartForm(initial={"audit_date": today}),
        "report_form": bound.get("report") or ReportForm(initial={"reported_on": today}),
        "cancel_form": bound.get("cancel") or CancelForm(),
        "finding_form": bound.get("finding") or _finding_form(audit, context),
        "result_choices": ChecklistForm.base_fields["result"].choices,
        "states": [AuditState.PLANNED, AuditState.IN_PROGRESS, AuditState.REPORTED],
        "step_errors": step_errors,
    })
    return render(request, "audits/detail.html", context, status=status)


def _finding_form(audit, context, data=None):
    return FindingForm(data, audit=audit, clauses=[i.clause for i in context["checklist"]], areas=context["areas"])


@login_required
@require_safe
def audit_detail(request, code, pk):
    agency = access.access_agency(request.user, code)
    return render_audit(request, agency, _audit(agency, pk))


def _done(request, audit, message):
    messages.success(request, message)
    return redirect("audits:detail", code=audit.agency.code, pk=audit.pk)


def _form_view(request, code, pk, *, key: str, form_class, service, message: str, candidates: bool = False):
    """The shape every plain form on the audit page shares: validate, call the service, or re-show the page."""
    agency = access.access_agency(request.user, code, write=True)
    audit = _audit(agency, pk)
    kwargs = {"candidates": list(access.users_who_can_write(agency))} if candidates else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            service(audit=audit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _done(request, audit, message)
    audit = _audit(agency, pk)
    return render_audit(request, agency, audit, status=400, bound={key: form})


@login_required
@require_POST
def audit_team(request, code, pk):
    return _form_view(request, code, pk, key="team", form_class=TeamForm, service=services.audit_set_team,
                      message=_("Audit team saved."), candidates=True)


@login_required
@require_POST
def area_add(request, code, pk):
    return _form_view(request, code, pk, key="area", form_class=AreaForm, service=services.area_add,
                      message=_("Area added."), candidates=True)


@login_required
@require_POST
def audit_start(request, code, pk):
    return _form_view(request, code, pk, key="start", form_class=StartForm, service=services.audit_start,
                      message=_("The audit is in progress: record the checklist and the findings."))


@login_required
@require_POST
def audit_report(request, code, pk):
    return _form_view(request, code, pk, key="report", form_class=ReportForm, service=services.audit_report,
                      message=_("Report issued: the audit is closed and its nonconformities are open in "
                                "Nonconformities."))


@login_required
@require_POST
def audit_cancel(request, code, pk):
    return _form_view(request, code, pk, key="cancel", form_class=CancelForm, service=services.audit_cancel,
                      message=_("Audit cancelled."))


@login_required
@require_POST
def area_remove(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    area = get_object_or_404(AuditArea.objects.select_related("audit__agency"), audit__agency=agency, pk=pk)
    try:
        services.area_remove(area=area, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Area removed."))
    return redirect("audits:detail", code=agency.code, pk=area.audit_id)


@login_required
@require_POST
def checklist_item(request, code, pk):
    """One checklist row, saved as the auditor goes; with htmx only the row comes back."""
    agency = access.access_agency(request.user, code, write=True)
    item = get_object_or_404(ChecklistItem.objects.select_related("audit__agency", "clause"), audit__agency=agency,
                             pk=pk)
    form = ChecklistForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            item = records.checklist_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if request.headers.get("HX-Request"):
        # htmx swaps only successful responses: a refusal comes back as 200, shown in the row, and changes nothing.
        response = render(request, "audits/_checklist_row.html", {
            "item": item, "agency": agency, "can_record": True, "error": error,
            "result_choices": ChecklistForm.base_fields["result"].choices})
        return _changed(response) if not error else response
    if error:
        messages.error(request, error)
    return redirect(f"{item.audit.get_absolute_url()}#item-{item.pk}")


def _changed(response):
    """Tell the page the audit changed, so that its "next step" box fetches itself again."""
    response["HX-Trigger"] = "audit-changed"
    return response


def _findings_fragment(request, agency, audit, *, form=None, changed_items=()):
    context = selectors.audit_page(user=request.user, audit=audit, today=timezone.localdate())
    context.update({"agency": agency, "audit": audit, "finding_form": form or _finding_form(audit, context),
                    "changed_items": changed_items, "result_choices": ChecklistForm.base_fields["result"].choices})
    return render(request, "audits/_findings.html", context)


@login_required
@require_POST
def finding_add(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    audit = _audit(agency, pk)
    context = selectors.audit_page(user=request.user, audit=audit, today=timezone.localdate())
    form = _finding_form(audit, context, request.POST)
    if form.is_valid():
        try:
            finding = records.finding_add(audit=audit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.headers.get("HX-Request"):
                changed = ChecklistItem.objects.filter(audit=audit, clause=finding.clause).select_related("clause")
                return _changed(_findings_fragment(request, agency, audit, changed_items=list(changed)))
            return _done(request, audit, _("Finding recorded."))
    if request.headers.get("HX-Request"):
        return _findings_fragment(request, agency, audit, form=form)
    return render_audit(request, agency, audit, status=400, bound={"finding": form})


@login_required
@require_POST
def finding_remove(request, code, pk):
    agency = access.access_agency(request.user, code, write=True)
    finding = get_object_or_404(Finding.objects.select_related("audit__agency", "clause"), audit__agency=agency, pk=pk)
    audit = _audit(agency, finding.audit_id)
    try:
        records.finding_remove(finding=finding, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return _changed(_findings_fragment(request, agency, audit))
    return redirect("audits:detail", code=agency.code, pk=audit.pk)


@login_required
@require_safe
def report_docx(request, code, pk):
    agency = access.access_agency(request.user, code)
    audit = _audit(agency, pk)
    response = HttpResponse(
        audit_report_docx(audit),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-danh-gia-noi-bo-{agency.code}-{audit.pk}.docx"'
    return response
