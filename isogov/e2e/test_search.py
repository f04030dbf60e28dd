"""The top bar's search in a real browser: a commune secretary finds her marriage procedure by typing without
diacritics, in her documents (one only by its uploaded file's text) and in the catalogue, and nothing of another
commune that keeps the very same documents."""
import re

import pytest
from playwright.sync_api import expect

from isogov.accounts.models import Role, User
from isogov.conftest import password_hash
from isogov.documents.tests.factories import DocumentFactory
from isogov.e2e.session import log_in
from isogov.qms.tests.factories import ProcedureFactory
from isogov.search.tests.helpers import docx_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEPS = "Bước 1: công chức một cửa tiếp nhận hồ sơ đăng ký kết hôn và kiểm tra giấy tờ."


def test_a_commune_secretary_finds_her_marriage_procedure_and_nothing_foreign(live_server, page, province,
                                                                           vietnamese):
    p = province
    mai = User.objects.create(username="mai", password=password_hash(), role=Role.SECRETARY, agency=p.c29242,
                              full_name="Phạm Thị Mai")
    DocumentFactory(agency=p.c29242, actor=mai, code="QT-HT-01", title="Quy trình Đăng ký kết hôn")
    DocumentFactory(agency=p.c29242, actor=mai, code="QT-HT-02", title="Quy trình giải quyết hồ sơ hộ tịch",
                    file=docx_upload(STEPS))  # "kết hôn" only in the file's text
    # Phường 1 next door keeps the same documents, and its district its own
    DocumentFactory(agency=p.c29245, actor=p.alice, code="QT-HT-01", title="Quy trình Đăng ký kết hôn (Phường 1)")
    DocumentFactory(agency=p.c29245, actor=p.alice, code="QT-HT-02", title="Hộ tịch của Phường 1",
                    file=docx_upload(STEPS))
    DocumentFactory(agency=p.d842, actor=p.alice, code="QT-HT-01", title="Kết hôn: hướng dẫn của thành phố")
    ProcedureFactory(code="1.000894", name="Đăng ký kết hôn", field="Hộ tịch")

    log_in(page, live_server.url, "mai")
    page.fill("[data-testid=topsearch]", "ket hon")
    page.press("[data-testid=topsearch]", "Enter")

    results = page.locator("[data-testid=search-results] li")
    expect(results).to_have_count(3)
    # her titles first (title above file text), the file-only match found all the same
    expect(results.nth(2)).to_contain_text("Quy trình giải quyết hồ sơ hộ tịch")
    expect(page.locator("[data-testid=search-results]")).to_contain_text("Quy trình Đăng ký kết hôn")
    expect(page.locator("[data-testid=search-results]")).to_contain_text("Đăng ký kết hôn")
    body = page.locator("main")
    expect(body).not_to_contain_text("Phường 1")
    expect(body).not_to_contain_text("thành phố")
    expect(page.locator("main a[href^='/agencies/29245/'], main a[href^='/agencies/842/']")).to_have_count(0)

    page.click("[data-testid=search-kinds] a[data-kind=procedure]")  # the type filter
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Đăng ký kết hôn")
    page.click("[data-testid=search-kinds] a[data-kind=document]")
    expect(results).to_have_count(2)
    results.filter(has_text="hộ tịch").locator("a").click()
    expect(page).to_have_url(re.compile(r"/agencies/29242/documents/\d+/$"))
