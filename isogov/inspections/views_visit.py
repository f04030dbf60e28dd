"""One on-site inspection: its decision and team, the checklist, the findings, the record and its signed scan;
the records-only checks; and the documents (Mẫu 19, 20, 21, the November summary)."""
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core import official
from isogov.core.files import XLSX, file_response
from isogov.core.writeflow import go, write
from isogov.inspections import documents, selectors, services
from isogov.inspections.forms import (
    ChecklistForm,
    EvidenceForm,
    FindingForm,
    InspectionForm,
    RecordForm,
    RecordsCheckForm,
    SignedRecordForm,
)
from isogov.inspections.models import Inspection
from isogov.registry.models import Agency


def _page(request, inspection: Inspection, *, status: int = 200, **forms):
    can_write = access.can_inspect(request.user, inspection.plan, inspection)
    detail = selectors.inspection_detail(inspection)
    context = {
        "inspection": inspection, "plan": inspection.plan, "can_write": can_write, **detail,
        "response": selectors.responses([inspection], today=timezone.localdate()).get(inspection.pk),
        "team": list(inspection.team.all()),
        "finding_form": forms.get("finding_form") or (FindingForm() if can_write else None),
        "record_form": forms.get("record_form") or (RecordForm(initial={"record_date": inspection.record_date})
                                                    if can_write else None),
        "upload_form": forms.get("upload_form") or (SignedRecordForm() if can_write else None),
        "evidence_form": forms.get("evidence_form") or (EvidenceForm() if can_write else None),
        "files": list(inspection.files.all()),
    }
    return render(request, "inspections/inspection.html", context, status=status)


@login_required
@require_safe
def inspection_detail(request, pk):
    return _page(request, access.access_inspection(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request, pk):
    inspection = access.access_inspection(request.user, pk, write=True)
    return write(
        request, InspectionForm(request.POST or None, instance=inspection),
        service=lambda data: services.inspection_update(actor=request.user, inspection=inspection, **data),
        success=lambda _i: go(request, "inspections:inspection", pk=inspection.pk),
        template="inspections/form.html",
        context={"title": str(inspection), "back": reverse("inspections:inspection", args=[inspection.pk])},
        message=_("Changes saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_checklist(request, pk):
    inspection = access.access_inspection(request.user, pk, write=True)
    form = ChecklistForm(request.POST or None, answers={a.point: a for a in inspection.answers.all()})
    return write(
        request, form,
        service=lambda _data: services.answers_set(actor=request.user, inspection=inspection, answers=form.answers()),
        success=lambda _n: go(request, reverse("inspections:inspection", args=[inspection.pk]) + "#checklist"),
        template="inspections/checklist.html", context={"inspection": inspection},
        message=_("Checklist saved."),
    )


@login_required
@require_POST
def finding_add(request, pk):
    inspection = access.access_inspection(request.user, pk, write=True)
    return write(
        request, FindingForm(request.POST),
        service=lambda data: services.finding_add(actor=request.user, inspection=inspection, **data),
        success=lambda _f: go(request, reverse("inspections:inspection", args=[inspection.pk]) + "#findings"),
        refused=lambda form, status: _page(request, inspection, status=status, finding_form=form),
        message=_("Finding recorded; a nonconformity is opened in the agency's corrective action register."),
    )


@login_required
@require_POST
def evidence_add(request, pk):
    inspection = access.access_inspection(request.user, pk, write=True)
    return write(
        request, EvidenceForm(request.POST, request.FILES),
        service=lambda data: services.evidence_add(actor=request.user, inspection=inspection, **data),
        success=lambda _e: go(request, reverse("inspections:inspection", args=[inspection.pk]) + "#files"),
        refused=lambda form, status: _page(request, inspection, status=status, evidence_form=form),
        message=_("File added."),
    )


@login_required
@require_safe
def evidence_file(request, pk, file_pk):
    evidence = access.access_inspection_evidence(request.user, pk, file_pk)
    name = evidence.file.name.rsplit("/", 1)[-1]
    return file_response(evidence.file.open("rb"), content_type=evidence.content_type, filename=name)


@login_required
@require_POST
def evidence_remove(request, pk, file_pk):
    evidence = access.access_inspection_evidence(request.user, pk, file_pk, write=True)

    def back(*_):
        return go(request, reverse("inspections:inspection", args=[pk]) + "#files")

    return write(request, None, service=lambda _d: services.evidence_remove(actor=request.user, evidence=evidence),
                 success=back, refused=back, message=_("File removed."))


@login_required
@require_POST
def inspection_record(request, pk):
    inspection = access.access_inspection(request.user, pk, write=True)
    return write(
        request, RecordForm(request.POST),
        service=lambda data: services.inspection_record(actor=request.user, inspection=inspection, **data),
        success=lambda _i: go(request, reverse("inspections:inspection", args=[inspection.pk]) + "#record"),
        refused=lambda form, status: _page(request, inspection, status=status, record_form=form),
        message=_("The record is dated."),
    )


@login_required
@require_POST
def signed_record_upload(request, pk):
    inspection = access.access_inspection(request.user, pk, write=True)
    return write(
        request, SignedRecordForm(request.POST, request.FILES),
        service=lambda data: services.signed_record_upload(actor=request.user, inspection=inspection, **data),
        success=lambda _i: go(request, reverse("inspections:inspection", args=[inspection.pk]) + "#record"),
        refused=lambda form, status: _page(request, inspection, status=status, upload_form=form),
        message=_("The signed record is uploaded."),
    )


@login_required
@require_safe
def signed_record_file(request, pk):
    inspection = access.access_inspection(request.user, pk)
    if not inspection.signed_record:
        raise Http404("No signed record")
    return file_response(inspection.signed_record.open("rb"), content_type="application/pdf",
                         filename=f"bien-ban-kiem-tra-{inspection.agency.code}-{inspection.plan.year}.pdf")


@login_required
@require_safe
def decision_docx(request, pk, fmt="docx"):
    inspection = access.access_inspection(request.user, pk)
    return official.document_response(
        request, key="inspection_decision", context=documents.decision_context(inspection), fmt=fmt,
        filename=f"quyet-dinh-kiem-tra-{inspection.agency.code}-{inspection.plan.year}",
        docx_url=reverse("inspections:decision_docx", args=[pk]))


@login_required
@require_safe
def record_docx(request, pk, fmt="docx"):
    inspection = access.access_inspection(request.user, pk)
    return official.document_response(
        request, key="inspection_record", context=documents.record_context(inspection), fmt=fmt,
        filename=f"bien-ban-kiem-tra-{inspection.agency.code}-{inspection.plan.year}",
        docx_url=reverse("inspections:record_docx", args=[pk]))


@login_required
@require_safe
def plan_docx(request, pk, fmt="docx"):
    plan = access.access_inspection_plan(request.user, pk)
    return official.document_response(
        request, key="inspection_plan", context=documents.plan_context(plan), fmt=fmt,
        filename=f"ke-hoach-kiem-tra-{plan.year}", docx_url=reverse("inspections:plan_docx", args=[pk]))


@login_required
@require_safe
def summary(request, pk):
    plan = access.access_inspection_plan(request.user, pk)
    found = selectors.summary(plan, today=timezone.localdate())
    fmt = request.GET.get("format")
    if fmt in ("docx", "pdf"):
        return official.document_response(
            request, key="inspection_summary", context=documents.summary_context(found, today=timezone.localdate()),
            fmt=fmt, filename=f"tong-hop-kiem-tra-{plan.year}",
            docx_url=reverse("inspections:summary", args=[pk]) + "?format=docx")
    if fmt == "xlsx":
        return file_response(io.BytesIO(documents.summary_xlsx(found)), content_type=XLSX,
                             filename=f"tong-hop-kiem-tra-{plan.year}.xlsx")
    return render(request, "inspections/summary.html", {"plan": plan, "s": found})


@login_required
@require_http_methods(["GET", "POST"])
def records_check(request, pk, code):
    plan = access.access_records_check_plan(request.user, pk, write=request.method == "POST")
    agency = next((r["agency"] for r in selectors.records_rows(plan) if r["agency"].code == code), None)
    if agency is None:
        raise Http404("Not an agency checked on records under this plan")
    check = plan.records_checks.filter(agency=agency).first()
    initial = ({"checked_on": check.checked_on, "passed": check.passed, "result": check.result, "note": check.note}
               if check else {"checked_on": timezone.localdate()})
    return write(
        request, RecordsCheckForm(request.POST or None, initial=initial),
        service=lambda data: services.records_check_set(actor=request.user, plan=plan, agency=agency, **data),
        success=lambda _c: go(request, reverse("inspections:plan", args=[plan.pk]) + "#records"),
        template="inspections/form.html",
        context={"title": _("Records check: %(agency)s") % {"agency": agency.name},
                 "back": reverse("inspections:plan", args=[plan.pk])},
        message=_("Records check saved."),
    )


@login_required
@require_safe
def agency_inspections(request, code):
    agency: Agency = access.access_agency(request.user, code)
    return render(request, "inspections/agency_index.html", {
        "agency": agency, "inspections": selectors.agency_inspections(agency=agency)})
