"""The plan as XLSX and as a DOCX report to sign, always in Vietnamese."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.programme import exports, selectors

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_safe
def plan_export(request, pk, fmt):
    plan = access.access_plan(request.user, pk, among=selectors.plans_for(user=request.user))
    with translation.override("vi"):
        report = exports.build_report(user=request.user, plan=plan, today=timezone.localdate())
        content = exports.xlsx_bytes(report) if fmt == "xlsx" else exports.docx_bytes(report)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{plan.pk}-{plan.period}.{fmt}"'
    return response
