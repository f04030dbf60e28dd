"""The annual report names the province as it was on 31 December of its year (core.places)."""
import io

import pytest
from docx import Document

from isogov.reports import documents
from isogov.reports.report import province_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def vinh_long(settings):
    settings.ISOGOV = {**settings.ISOGOV, "PROVINCE_NAME": "Vĩnh Long", "PROVINCE_FORMER_NAME": "2025-06-30=Trà Vinh"}


def _text(year: int) -> str:
    doc = Document(io.BytesIO(documents.report_docx(province_report(user=None, year=year))))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(cells + [p.text for p in doc.paragraphs])


def test_the_annual_reports_name_the_province_of_their_year(vinh_long):
    assert "Trà Vinh, ngày" in _text(2020) and "Vĩnh Long, ngày" not in _text(2020)
    assert "Vĩnh Long, ngày" in _text(2025) and "TỈNH VĨNH LONG" in _text(2025).upper()
