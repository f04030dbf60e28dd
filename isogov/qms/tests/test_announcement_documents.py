"""The announcement decision (Decision 19/2014, Phụ lục I) and its notice to the lead unit: a draft from the scope
as it stands, then the recorded announcement's number, date, signer and frozen scope."""
import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document

from isogov.core.official import MOTTO, NATIONAL_TITLE, vn_date
from isogov.core.tests.files import pdf
from isogov.qms import services
from isogov.qms.models import ScopeItem
from isogov.qms.tests.helpers import walk_to_confirmed

pytestmark = pytest.mark.django_db


def _open(client, name: str, code: str = "842") -> Document:
    response = client.get(reverse(name, args=[code]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def _text(doc) -> str:
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _scope_rows(doc) -> list[list[str]]:
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Mã thủ tục")
    return [[c.text for c in r.cells] for r in table.rows[1:]]


def test_a_draft_decision_from_the_scope_then_the_recorded_one(province, as_user):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    client = as_user(province.alice)
    place = settings.ISOGOV["PROVINCE_NAME"]
    item = ScopeItem.objects.select_related("procedure").get(agency=agency)

    draft = _open(client, "qms:announcement_decision")
    left, right = draft.tables[0].rows[0].cells
    # A People's Committee issues in its own name, with no body above it, and signs for the collective.
    assert left.text.strip().startswith("ỦY BAN NHÂN DÂN THÀNH PHỐ TRÀ VINH") and "Số: …/QĐ-UBND" in left.text
    assert NATIONAL_TITLE in right.text and MOTTO in right.text and f"{place}, ngày … tháng … năm" in right.text
    text = _text(draft)
    assert "QUYẾT ĐỊNH" in text and "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia " \
        "TCVN ISO 9001:2015" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ TRÀ VINH" in text and "Căn cứ Quyết định số 19/2014/QĐ-TTg" in text
    assert "liên quan đến 1 thủ tục hành chính" in text
    assert _scope_rows(draft) == [["1", item.procedure.code, item.procedure.name, item.procedure.field]]
    foot = next(t for t in draft.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")).rows[0].cells
    assert "- Như Điều 3;" in foot[0].text and "- Lưu: VT." in foot[0].text
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in foot[1].text

    services.agency_announce(agency=agency, actor=province.alice, decision_number="15/QĐ-UBND",
                             decision_date=dt.date(2020, 5, 4), signed_file=pdf(), signer="Nguyễn Văn Bình",
                             posted_on=dt.date(2020, 5, 5))
    # A procedure added after the announcement is not in the decision that announced the scope before it.
    ScopeItem.objects.filter(agency=agency).delete()

    decision = _open(client, "qms:announcement_decision")
    left, right = decision.tables[0].rows[0].cells
    assert "Số: 15/QĐ-UBND" in left.text and f"{place}, {vn_date(dt.date(2020, 5, 4))}" in right.text
    assert "Nguyễn Văn Bình" in _text(decision)
    assert _scope_rows(decision) == [["1", item.procedure.code, item.procedure.name, item.procedure.field]]

    notice = _open(client, "qms:announcement_notice")
    text = _text(notice)
    assert "THÔNG BÁO" in text and f"Kính gửi: Sở Khoa học và Công nghệ tỉnh {place}." in text
    assert f"Quyết định số 15/QĐ-UBND {vn_date(dt.date(2020, 5, 4))}" in text
    assert f"niêm yết tại trụ sở từ {vn_date(dt.date(2020, 5, 5))}" in text
    assert "- Như trên;" in text and "Nguyễn Văn Bình" in text and "Số: …/TB-UBND" in text


def test_the_announcement_page_links_both_papers(province, as_user):
    walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    page = as_user(province.alice).get(reverse("qms:announce", args=["842"])).content.decode()
    for name in ("announcement_decision", "announcement_decision_pdf", "announcement_notice",
                 "announcement_notice_pdf"):
        assert reverse(f"qms:{name}", args=["842"]) in page
    assert as_user(province.bob).get(reverse("qms:announcement_decision", args=["842"])).status_code == 404
