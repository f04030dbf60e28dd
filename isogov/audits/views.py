from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.audits import records, report, selectors, services
from isogov.audits.forms import (
    AreaForm,
    CancelForm,
    ChecklistForm,
    FindingForm,
    PlanForm,
    ReportForm,
    StartForm,
    TeamForm,
)
from isogov.audits.models import Audit, AuditState, ChecklistItem
from isogov.core import official
from isogov.core.writeflow import go, write


@login_required
@require_safe
def agency_index(request, code):
    agency = access.access_agency(request.user, code)
    today = timezone.localdate()
    return render(request, "audits/agency_index.html", {
        "agency": agency, "today": today, "can_write": access.can_write_agency(request.user, agency),
        **selectors.agency_programmes(agency=agency, today=today),
    })


def _plan_initial(audit: Audit) -> dict:
    """What lives beside the audit: its programme's year, and its checklist's clauses (none: all of them)."""
    chosen = list(audit.checklist.values_list("clause_id", flat=True))
    all_auditable = audit.framework.clauses.filter(auditable=True).count()
    return {"year": audit.programme.year, "clauses": [] if len(chosen) == all_auditable else chosen}


@login_required
@require_http_methods(["GET", "POST"])
def audit_plan(request, code, pk=None):
    """Plan a new audit, or (with pk) change a planned one."""
    if pk:
        audit = access.access_audit(request.user, code, pk, write=True)
        agency = audit.agency
    else:
        agency, audit = access.access_agency(request.user, code, write=True), None
    framework = audit.framework if audit else services.default_framework()
    initial = _plan_initial(audit) if audit else {"year": timezone.localdate().year}
    form = PlanForm(request.POST or None, agency=agency, framework=framework, instance=audit, initial=initial)

    def save(data):
        data = {**data, "clauses": list(data["clauses"]), "procedures": list(data["procedures"])}
        if audit:
            return services.audit_update(audit=audit, actor=request.user, **data)
        return services.audit_plan(agency=agency, actor=request.user, **data)

    def saved(result):
        messages.success(request, _("Audit saved in the %(year)s programme.") % {"year": form.cleaned_data["year"]})
        return go(request, "audits:detail", code=agency.code, pk=result.pk)

    return write(request, form, template="audits/plan.html", context={"agency": agency, "audit": audit},
                 service=save, success=saved)


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
    audit = access.access_audit(request.user, code, pk)
    return render_audit(request, audit.agency, audit)


def _to_audit(request, audit):
    return go(request, "audits:detail", code=audit.agency.code, pk=audit.pk)


def _refused_on_page(request, code, pk, key):
    """The audit's page drawn again (from the database: a refused step changed nothing) with the refused form."""
    def refused(form, status):
        audit = access.access_audit(request.user, code, pk)
        return render_audit(request, audit.agency, audit, status=status, bound={key: form})
    return refused


def _form_view(request, code, pk, *, key: str, form_class, service, message: str, candidates: bool = False):
    """The shape every plain form on the audit page shares: validate, call the service, or re-show the page."""
    audit = access.access_audit(request.user, code, pk, write=True)
    kwargs = {"candidates": list(access.users_who_can_write(audit.agency))} if candidates else {}
    return write(
        request, form_class(request.POST, **kwargs),
        service=lambda data: service(audit=audit, actor=request.user, **data),
        success=lambda _result: _to_audit(request, audit),
        refused=_refused_on_page(request, code, pk, key),
        message=message,
    )


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
    area = access.access_audit_area(request.user, code, pk, write=True)

    def back(*_):  # the audit's page, whatever the outcome
        return go(request, "audits:detail", code=area.audit.agency.code, pk=area.audit_id)

    return write(request, None, service=lambda _data: services.area_remove(area=area, actor=request.user),
                 success=back, refused=back, message=_("Area removed."))


@login_required
@require_POST
def checklist_item(request, code, pk):
    """One checklist row, saved as the auditor goes; with htmx only the row comes back."""
    item = access.access_checklist_item(request.user, code, pk, write=True)
    agency = item.audit.agency

    def answer(saved, error=""):
        if request.htmx:
            # htmx swaps only successful responses: a refusal comes back as 200, shown in the row, and changes
            # nothing.
            response = render(request, "audits/_checklist_row.html", {
                "item": saved, "agency": agency, "can_record": True, "error": error,
                "result_choices": ChecklistForm.base_fields["result"].choices})
            return _changed(response) if not error else response
        if error:
            messages.error(request, error)
        return redirect(f"{saved.audit.get_absolute_url()}#item-{saved.pk}")

    return write(
        request, ChecklistForm(request.POST),
        service=lambda data: records.checklist_update(item=item, actor=request.user, **data),
        success=answer,
        refused=lambda form, _status: answer(item, " ".join(e for errors in form.errors.values() for e in errors)),
    )


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
    audit = access.access_audit(request.user, code, pk, write=True)
    agency = audit.agency
    context = selectors.audit_page(user=request.user, audit=audit, today=timezone.localdate())

    def recorded(finding):
        if request.htmx:
            changed = ChecklistItem.objects.filter(audit=audit, clause=finding.clause).select_related("clause")
            return _changed(_findings_fragment(request, agency, audit, changed_items=list(changed)))
        messages.success(request, _("Finding recorded."))
        return _to_audit(request, audit)

    def refused(form, status):
        if request.htmx:
            return _findings_fragment(request, agency, audit, form=form)
        return render_audit(request, agency, audit, status=status, bound={"finding": form})

    return write(request, _finding_form(audit, context, request.POST),
                 service=lambda data: records.finding_add(audit=audit, actor=request.user, **data),
                 success=recorded, refused=refused)


@login_required
@require_POST
def finding_remove(request, code, pk):
    finding = access.access_finding(request.user, code, pk, write=True)
    audit = finding.audit

    def back(*_):  # the findings again, whatever the outcome
        if request.htmx:
            return _changed(_findings_fragment(request, audit.agency, audit))
        return redirect("audits:detail", code=audit.agency.code, pk=audit.pk)

    return write(request, None, service=lambda _data: records.finding_remove(finding=finding, actor=request.user),
                 success=back, refused=back)


@login_required
@require_safe
def report_docx(request, code, pk, fmt="docx"):
    audit = access.access_audit(request.user, code, pk)
    return official.document_response(
        request, key=report.KEY, context=report.report_context(audit), fmt=fmt,
        filename=f"bao-cao-danh-gia-noi-bo-{audit.agency.code}-{audit.pk}",
        docx_url=reverse("audits:report_docx", args=[code, pk]))


def report_pdf(request, code, pk):
    return report_docx(request, code, pk, fmt="pdf")
