"""The head's home: the document waiting for her approval is there, she approves it on the document's page, and
back home it has left the list."""
import re

import pytest
from playwright.sync_api import expect

from isogov.core.tests.files import upload
from isogov.documents import versioning
from isogov.documents.models import VersionStatus
from isogov.documents.tests.helpers import make_document
from isogov.e2e.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_approves_what_waits_for_her(live_server, page, province, vietnamese):
    p = province
    doc = make_document(p.d842, p.alice, code="QT-05", title="Quy trình kiểm soát tài liệu", file=upload("qt-05.pdf"))
    version = doc.versions.get()
    versioning.version_transition(version=version, actor=p.alice, action="submit")

    log_in(page, live_server.url, "alice_head")
    expect(page).to_have_url(re.compile(r"/agencies/842/todo/$"))
    waiting = page.locator("[data-testid=waiting]")
    item = waiting.locator("li[data-kind='documents.approve']")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("QT-05")
    expect(item).to_contain_text("Thành phố Trà Vinh")

    item.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Quy trình kiểm soát tài liệu")
    row = page.locator(f"#version-{version.pk}")
    row.locator("button:text-is('Phê duyệt')").click()
    expect(row.locator(".badge")).to_have_text("Đã phê duyệt")
    version.refresh_from_db()
    assert (version.status, version.approved_by) == (VersionStatus.APPROVED, p.alice_head)

    page.click("nav.mainnav a[href='/']")
    expect(page).to_have_url(re.compile(r"/agencies/842/todo/$"))
    expect(page.locator("[data-testid=waiting] li[data-kind='documents.approve']")).to_have_count(0)
    expect(page.locator("[data-testid=waiting] [data-testid=empty]")).to_have_count(1)
