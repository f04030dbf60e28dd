"""An ISO secretary keeps her agency's records in a real browser, and its compliance card turns green.

The district 842 (Thành phố Trà Vinh) maintains its QMS: it is announced, held a management review
45 days ago, achieved its one quality objective this year and has internal procedure QT-05 in force
(version 01). Its only internal audit dates from 2020, so its compliance card is red on that one item.

alice (ISO secretary) publishes version 02 of QT-05, which alice_head (the head) approves; she runs an
internal audit with one minor nonconformity, takes the nonconformity it opens through root cause,
one corrective action of her own and its completion; alice_head, who owns no action, verifies it
effective; and the card of 842 is green.
"""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from isogov.audits.models import Audit, AuditState, Finding
from isogov.capa.models import Nonconformity, State
from isogov.clauses.models import Clause
from isogov.core.tests.files import PDF_BYTES, upload
from isogov.documents import versioning
from isogov.documents.models import Document, VersionStatus
from isogov.documents.tests.helpers import make_document
from isogov.e2e.session import log_in
from isogov.objectives import services as objective_services
from isogov.qms import services as qms_services
from isogov.qms.models import FactKind, QmsFact
from isogov.qms.states import QmsState
from isogov.qms.tests.helpers import announce, walk_to_confirmed
from isogov.reviews.tests.helpers import held

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARD_ITEMS = ["internal_audit", "management_review", "legal", "reannounce", "corrective_actions", "objectives"]


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


@pytest.fixture
def maintaining_842(province, iso2015, storage):
    """842 maintaining its QMS, every card item met but the internal audit (last one in 2020)."""
    p, today = province, timezone.localdate()
    agency = walk_to_confirmed(p.d842, secretary=p.alice, head=p.alice_head)  # audit 02/03/2020, review 06/04/2020
    announce(agency, p.alice)
    qms_services.agency_transition(agency=agency, actor=p.alice, to_state=QmsState.MAINTAINING)
    held(agency, p.alice, date=today - dt.timedelta(days=45))
    objective = objective_services.objective_create(
        agency=agency, actor=p.alice, year=today.year, title="Hồ sơ giải quyết đúng hạn", comparator="ge",
        target=Decimal(95), unit="percent", period="yearly")
    objective_services.measurement_record(objective=objective, actor=p.alice, period_index=1, value=Decimal("98.5"))
    doc = make_document(agency, p.alice, code="QT-05", title="Quy trình kiểm soát tài liệu",
                        file=upload("qt-05-v01.pdf"), clauses=[Clause.objects.get(framework=iso2015, number="7.5.3")])
    v01 = doc.versions.get()
    versioning.version_transition(version=v01, actor=p.alice, action="submit")
    versioning.version_transition(version=v01, actor=p.alice_head, action="approve")
    versioning.version_transition(version=v01, actor=p.alice, action="publish",
                                  effective_on=today - dt.timedelta(days=200))
    agency.refresh_from_db()
    return agency


def log_out(page):
    page.locator("header form[action$='/logout/'] button").click()
    expect(page).to_have_url(re.compile(r"/login/"))


def open_agency(page):
    """From the agency list a user lands on after logging in."""
    page.click("a:text-is('Thành phố Trà Vinh')")
    expect(page.locator("h1")).to_contain_text("Thành phố Trà Vinh")


def open_card(page):
    page.click("nav.mainnav a:text-is('Compliance')")
    page.click("a[href='/agencies/842/compliance/']")
    expect(page.locator("h1")).to_have_text("Compliance of Thành phố Trà Vinh")
    return page.locator("[data-testid=compliance-card]")


def expect_levels(card, levels: dict[str, str]):
    for key, level in levels.items():
        expect(card.locator(f"li[data-item={key}]")).to_have_attribute("data-level", level)


def version_row(page, label: str):
    return page.locator("tr[id^='version-']").filter(has=page.locator("td.mono", has_text=re.compile(f"^{label}$")))


def open_document(page):
    page.click("nav.tabs a:text-is('Documents')")
    page.click("a:text-is('QT-05')")
    expect(page.locator("h1")).to_contain_text("Quy trình kiểm soát tài liệu")


def open_nonconformity(page, number: int):
    page.click("nav.tabs a:text-is('Nonconformities')")
    page.locator("[data-testid=nc-table]").locator(f"a:text-is('#{number}')").click()
    expect(page.locator("h1")).to_contain_text(f"Nonconformity #{number}")


def test_secretary_publishes_audits_corrects_and_turns_the_card_green(live_server, page, province,
                                                                       maintaining_842, tmp_path):
    base, p, today = live_server.url, province, timezone.localdate()
    due = today + dt.timedelta(days=30)

    # The card before: red on the internal audit alone.
    log_in(page, base, "alice")
    card = open_card(page)
    expect(card.locator("h2 .badge")).to_have_text("not compliant")
    expect(card).to_have_class(re.compile(r"\bcard-bad\b"))
    expect_levels(card, {key: "red" if key == "internal_audit" else "green" for key in CARD_ITEMS})
    expect(card.locator("li[data-item=internal_audit]")).to_contain_text("Last on 02/03/2020")

    # 1. alice drafts version 02 of QT-05 with its PDF and sends it for review.
    page.click("p.crumbs a:text-is('Thành phố Trà Vinh')")
    open_document(page)
    expect(version_row(page, "01").locator(".badge")).to_have_text("Published")
    page.click("a.button.primary:text-is('New version')")
    page.fill("#id_change_summary", "Bổ sung bước kiểm tra chéo trước khi ban hành tài liệu.")
    signed = tmp_path / "qt-05-v02.pdf"
    signed.write_bytes(PDF_BYTES)
    page.set_input_files("#id_file", str(signed))
    page.click("button[type=submit].primary")
    v02 = version_row(page, "02")
    expect(v02.locator(".badge")).to_have_text("Draft")
    expect(v02).to_contain_text("qt-05-v02.pdf")
    v02.locator("button:text-is('Send for review')").click()
    expect(version_row(page, "02").locator(".badge")).to_have_text("In review")
    # The secretary is offered no approval: that is the head's.
    expect(version_row(page, "02").locator("button:text-is('Approve')")).to_have_count(0)
    log_out(page)

    # 2. alice_head approves it.
    log_in(page, base, "alice_head")
    open_agency(page)
    open_document(page)
    version_row(page, "02").locator("button:text-is('Approve')").click()
    expect(version_row(page, "02").locator(".badge")).to_have_text("Approved")
    log_out(page)

    # 3. alice publishes it from today: 02 is in force, 01 superseded.
    log_in(page, base, "alice")
    open_agency(page)
    open_document(page)
    v02 = version_row(page, "02")
    v02.locator("input[name=effective_on]").fill(d(today))
    v02.locator("button:text-is('Publish')").click()
    expect(version_row(page, "02").locator(".badge")).to_have_text("Published")
    expect(version_row(page, "02")).to_contain_text(f"in effect from {d(today)}")
    expect(version_row(page, "01").locator(".badge")).to_have_text("Superseded")
    expect(page.locator("dl.facts")).to_contain_text(f"version 02 since {d(today)}")
    doc = Document.objects.get(agency=maintaining_842, code="QT-05")
    assert dict(doc.versions.values_list("number", "status")) == {1: VersionStatus.SUPERSEDED,
                                                                  2: VersionStatus.PUBLISHED}
    v = doc.versions.get(number=2)
    assert (v.approved_by, v.published_by, v.file_type) == (p.alice_head, p.alice, "pdf")

    # 4. alice plans an internal audit of clauses 7.5.3 and 8.5.1, names the team and the area, and starts it.
    page.click("nav.tabs a:text-is('Internal audits')")
    page.click("a.button.primary:text-is('Plan an audit')")
    page.select_option("#id_planned_month", str(today.month))
    page.fill("#id_title", "Đánh giá nội bộ lần 2")
    page.fill("#id_scope", "Văn phòng HĐND và UBND: kiểm soát tài liệu và tiếp nhận hồ sơ một cửa.")
    page.get_by_role("checkbox", name=re.compile(r"^7\.5\.3 ")).check()
    page.get_by_role("checkbox", name=re.compile(r"^8\.5\.1 ")).check()
    page.click("button.primary:text-is('Save')")
    expect(page.locator("[data-testid=audit-state]")).to_have_text("Planned")
    start = page.locator("form[action$='/start/'] button")
    expect(start).to_be_disabled()  # no team, no area yet

    team = page.locator("form[action$='/team/']")
    team.locator("select[name=lead_auditor]").select_option(label="Alice")
    team.locator("button").click()
    expect(page.locator("#team")).to_contain_text("Lead auditor")
    area = page.locator("form[action$='/areas/']")
    area.locator("input[name=name]").fill("Văn phòng HĐND và UBND")
    area.locator("input[name=owner_name]").fill("Lê Văn Hùng")
    area.locator("button").click()
    expect(page.locator("#areas")).to_contain_text("Lê Văn Hùng")
    start = page.locator("form[action$='/start/']")
    start.locator("input[name=audit_date]").fill(d(today))
    start.locator("button").click()
    expect(page.locator("[data-testid=audit-state]")).to_have_text("In progress")

    # 5. One minor nonconformity against 7.5.3, recorded with htmx; 8.5.1 conforms.
    finding = page.locator("#finding-form")
    finding.locator("select[name=grade]").select_option("minor")
    finding.locator("select[name=clause]").select_option("7.5.3")
    finding.locator("select[name=area]").select_option(label="Văn phòng HĐND và UBND")
    finding.locator("textarea[name=description]").fill(
        "Hai quy trình đang dùng tại bộ phận một cửa là bản đã hết hiệu lực.")
    finding.locator("button:text-is('Add')").click()
    findings = page.locator("[data-testid=findings] tbody tr[id^='finding-']")
    expect(findings).to_have_count(1)
    expect(findings.first).to_contain_text("Minor nonconformity")
    expect(findings.first).to_contain_text("opened with the report")
    row_851 = page.locator("#checklist tr").filter(has=page.locator("td.mono", has_text=re.compile(r"^8\.5\.1$")))
    row_851.locator("select[name=result]").select_option("conform")
    expect(page.locator("#checklist tr.result-conform")).to_have_count(1)
    # Without a reload: the finding marked the 7.5.3 row (out of band) and the step's button fetched itself again.
    expect(page.locator("#checklist tr.result-nonconform")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    expect(page.locator("#next-step button.primary")).to_be_enabled()

    # 6. alice issues the report: the audit closes and nonconformity #1 is opened by itself.
    report = page.locator("form[action$='/report/']")
    report.locator("input[name=reported_on]").fill(d(today))
    report.locator("textarea[name=summary]").fill("Hệ thống vận hành phù hợp; một điểm không phù hợp nhẹ.")
    report.locator("button:text-is('Issue the report')").click()
    expect(page.locator("[data-testid=audit-state]")).to_have_text("Reported (closed)")
    audit = Audit.objects.get(agency=maintaining_842)
    assert audit.state == AuditState.REPORTED and audit.fact.kind == FactKind.INTERNAL_AUDIT
    assert audit.fact.date == today
    nc = Nonconformity.objects.get(agency=maintaining_842)
    assert Finding.objects.get(audit=audit).nonconformity == nc and nc.severity == "minor"

    # 7. She opens it from the finding, records the root cause and plans one action of her own.
    page.locator("[data-testid=findings]").locator(f"a:text-is('#{nc.number}')").click()
    expect(page.locator("h1")).to_contain_text(f"Nonconformity #{nc.number}")
    expect(page.locator("[data-testid=nc-state]")).to_have_text("Draft")
    expect(page.locator("#nonconformity")).to_contain_text("7.5.3")
    step = page.locator("#next-step")
    step.locator("input[name=why_1]").fill("Vì sao bộ phận một cửa dùng bản hết hiệu lực?")
    step.locator("input[name=because_1]").fill("Bản cũ không được thu hồi khi ban hành bản mới.")
    step.locator("textarea[name=root_cause]").fill("Thủ tục ban hành tài liệu không có bước thu hồi bản cũ.")
    step.locator("button:text-is('Record the root cause')").click()
    expect(page.locator("[data-testid=nc-state]")).to_have_text("Root cause analysed")

    add = page.locator("form[action$='/actions/']")
    add.locator("textarea[name=description]").fill("Thu hồi bản cũ, bổ sung bước thu hồi vào quy trình QT-05.")
    add.locator("select[name=owner]").select_option(label="Alice")
    add.locator("input[name=due_date]").fill(d(due))
    add.locator("button:text-is('Add')").click()
    actions = page.locator("[data-testid=actions] tbody tr[id^='action-']")
    expect(actions).to_have_count(1)
    expect(actions.first).to_contain_text("Alice")
    expect(actions.first).to_contain_text(d(due))

    # 8. The plan is adopted by the head, not by the secretary who drafted it (separation of duties): with one
    # action one button adopts the plan and starts it (both steps on the record). She then marks the action
    # done and asks for verification.
    expect(page.locator("#next-step .blockers")).to_contain_text("adopted by")
    log_out(page)
    log_in(page, base, "alice_head")
    open_agency(page)
    open_nonconformity(page, nc.number)
    expect(page.locator("#next-step button[type=submit].primary")).to_have_count(1)
    page.click("#next-step button:text-is('Adopt the plan and start the actions')")
    expect(page.locator("[data-testid=nc-state]")).to_have_text("Actions in progress")
    expect(page.locator("#history")).to_contain_text("Action plan")
    log_out(page)
    log_in(page, base, "alice")
    open_agency(page)
    open_nonconformity(page, nc.number)
    action = page.locator("[data-testid=actions] tbody tr[id^='action-']").first
    action.locator("summary:text-is('Mark done')").click()
    done = action.locator("form[action$='/done/']")
    done.locator("input[name$=done_on]").fill(d(today))
    done.locator("input[name$=evidence]").fill("Biên bản thu hồi tài liệu ngày hôm nay; QT-05 bản 02.")
    done.locator("button:text-is('Done')").click()
    expect(page.locator("[data-testid=actions] tbody tr[id^='action-']").first).to_contain_text(d(today))
    page.click("#next-step button:text-is('Ask for verification of effectiveness')")
    expect(page.locator("[data-testid=nc-state]")).to_have_text("Awaiting verification")
    # She owns the action, so she may not judge it.
    expect(page.locator("#next-step .blockers")).to_contain_text("You own one of the actions")
    expect(page.locator("form[action$='/verify/']")).to_have_count(0)
    log_out(page)

    # 9. alice_head, who owns no action, verifies it effective: the nonconformity closes.
    log_in(page, base, "alice_head")
    open_agency(page)
    open_nonconformity(page, nc.number)
    verify = page.locator("form[action$='/verify/']")
    verify.get_by_label("Effective", exact=True).check()
    verify.locator("input[name=verified_on]").fill(d(today))
    verify.locator("textarea[name=note]").fill("Đã kiểm tra bộ phận một cửa: chỉ còn bản 02 đang hiệu lực.")
    verify.locator("button:text-is('Record the verification')").click()
    expect(page.locator("[data-testid=nc-state]")).to_have_text("Closed")
    expect(page.locator("#verifications")).to_contain_text("Alice_head")
    nc.refresh_from_db()
    assert nc.state == State.CLOSED and nc.closed_on == today
    assert nc.verifications.get().verifier == p.alice_head
    log_out(page)

    # 10. alice sees the card of 842 green: audited today, no open corrective action.
    log_in(page, base, "alice")
    card = open_card(page)
    expect(card.locator("h2 .badge")).to_have_text("compliant")
    expect(card).to_have_class(re.compile(r"\bcard-ok\b"))
    expect_levels(card, dict.fromkeys(CARD_ITEMS, "green"))
    expect(card.locator("li[data-item=internal_audit]")).to_contain_text(f"Last on {d(today)}")
    expect(card.locator("li[data-item=corrective_actions]")).to_contain_text("No open corrective action.")
    assert QmsFact.objects.filter(agency=maintaining_842, kind=FactKind.INTERNAL_AUDIT, date=today).count() == 1
