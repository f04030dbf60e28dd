"""The audit report DOCX opens whatever old records hold: control characters and formula-like text."""
import pytest
from django.urls import reverse

from isogov.audits import services
from isogov.audits.tests.helpers import days, with_findings
from isogov.core.tests.hostile import docx_text, poison
from isogov.qms.models import Procedure

pytestmark = pytest.mark.django_db


def test_report_docx_opens_with_control_characters_stored_everywhere(province, as_user, iso2015):
    audit = with_findings(province.d842, province.alice)
    audit.procedures.add(Procedure.objects.create(code="1.001234", name="Đăng ký khai sinh", field="Hộ tịch"))
    services.audit_report(audit=audit, actor=province.alice, reported_on=days(0), summary="Kết luận")
    written = poison(audit)
    poison(province.d842, skip=("code",))  # the code is in the URL
    poison(audit.programme)
    for related in (*audit.checklist.all(), *audit.findings.all(), *audit.areas.all(), *audit.team.all(),
                    *audit.procedures.all()):
        poison(related)
    for finding in audit.findings.select_related("clause"):
        poison(finding.clause)

    response = as_user(province.viewer).get(reverse("audits:report_docx", args=["842", audit.pk]))

    assert response.status_code == 200
    text = docx_text(response.content)
    assert written["title"].split("\x01")[0] in text  # the text is kept, only the control characters go
    assert 'HYPERLINK("http://evil.example","x")' in text
