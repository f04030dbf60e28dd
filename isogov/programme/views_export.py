"""The plan as XLSX and as a DOCX report to sign, always in Vietnamese."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.core import official
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
        if fmt in ("docx", "pdf"):
            return official.document_response(
                request, key=exports.KEY, context=exports.docx_context(report), fmt=fmt,
                filename=f"ke-hoach-{plan.pk}-{plan.period}", docx_url=reverse("programme:plan_docx", args=[pk]))
        content = exports.xlsx_bytes(report)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ke-hoach-{plan.pk}-{plan.period}.{fmt}"'
    return response
