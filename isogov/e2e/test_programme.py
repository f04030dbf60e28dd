"""The programme lead follows the plan in a real browser: a disbursement and a progress report move the
plan's budget chart and its progress; a training session moves the training coverage and the objectives
measured by it.

HOOK for the training engineer: `programme_plan` builds the hand-worked plan of
isogov/programme/tests/helpers.py (activity (2) "Duy trì HTQLCL" has line L2: 40.000.000 đ allocated,
12.000.000 đ disbursed; the plan is at 47%). `trained_plan` is the same plan with two objectives measured by
training and a first training session, worked out by hand below.
"""
import datetime as dt
import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from isogov.e2e.session import log_in
from isogov.programme import services as plan_services
from isogov.programme import services_activity, services_budget
from isogov.programme.models import ActivityStatus, Disbursement, Metric
from isogov.programme.tests.helpers import build_plan
from isogov.training import services as training_services
from isogov.training.models import Session, Topic, Trainee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


@pytest.fixture
def programme_plan(province):
    return build_plan(province)


@pytest.fixture
def trained_plan(province):
    """build_plan's plan, plus objectives (3) and (4) measured by training and one session already held.

    Objectives can only be added to a draft, so the plan is built unapproved and then approved and executed
    exactly as build_plan does (same decision, disbursements and progress: 47%, 40.500.000 đ disbursed).

    Course "Nhận thức chung về TCVN ISO 9001:2015" (SKHCN), session 15/06/2020, trainees (✓ = completed):
      SKHCN  Trần Văn Lâm ✓ (registry's ISO secretary), Đỗ Thị Thu ✓      → 2: covered, secretary trained
      STP    Lê Thị Hoa ✗ (registry's ISO secretary), Võ Minh Tâm ✓       → 1: not covered, secretary untrained
      842    Nguyễn Văn An ✓ (registry's ISO secretary), Thạch Thị Lan ✓  → 2: covered, secretary trained
      29242  Lâm Văn Tư ✓, Sơn Thị Mai ✓                                   → 2: covered, no secretary
      844, 29245, 29278: nobody.
    Coverage (at least 2 trained, 7 active agencies):
      tier      agencies covered  %    secretaries trained %
      province  2        1        50%  2           1       50%
      district  2        1        50%  1 (842)     1       100%
      commune   3        1        33%  0           0       0%
      total     7        3        43%  3           2       67%
    Objective (3) trained staff, all tiers, target 50%: 43% (3/7), not met.
    Objective (4) ISO secretaries trained, target 70%: 67% (2/3), not met.
    """
    p, lead = province, province.admin
    built = build_plan(p, approve=False)
    o3 = plan_services.objective_create(plan=built.plan, actor=lead, metric=Metric.TRAINED, target_percent=50,
                                        title="Mọi cơ quan có đủ công chức được đào tạo")
    o4 = plan_services.objective_create(plan=built.plan, actor=lead, title="Thư ký ISO được đào tạo",
                                        metric=Metric.SECRETARIES_TRAINED, target_percent=70)
    plan = plan_services.plan_update(plan=built.plan, actor=lead, decision_number="99/QĐ-UBND",
                                     decision_date=D(2020, 1, 15), signer="Nguyễn Văn A")
    plan_services.plan_approve(plan=plan, actor=lead)
    l1, l2, _l3, l4 = built.lines
    services_budget.budget_disburse(line=l1, actor=lead, amount=24_500_000, date=D(2020, 3, 20), note="Hội nghị")
    services_budget.budget_disburse(line=l2, actor=lead, amount=12_000_000, date=D(2020, 6, 10), note="Đợt 1")
    services_budget.budget_disburse(line=l4, actor=lead, amount=4_000_000, date=D(2020, 9, 20), note="Khảo sát")
    a1, a2, _a3, a4 = built.activities
    for a, status, progress in ((a1, ActivityStatus.DONE, 100), (a2, ActivityStatus.IN_PROGRESS, 40),
                                (a4, ActivityStatus.CANCELLED, 0)):
        services_activity.activity_report_progress(activity=a, actor=lead, status=status, progress=progress)
    plan.refresh_from_db()

    course = training_services.course_create(actor=lead, title="Nhận thức chung về TCVN ISO 9001:2015",
                                             topic=Topic.AWARENESS, organiser=p.skhcn, trainers="Phạm Quốc Bảo")
    session = training_services.session_create(actor=lead, course=course, start_date=D(2020, 6, 15),
                                               place="Hội trường Sở KH&CN")
    for agency, name, completed, certificate in (
            (p.skhcn, "Trần Văn Lâm", True, "2020-01"), (p.skhcn, "Đỗ Thị Thu", True, "2020-02"),
            (p.stp, "Lê Thị Hoa", False, ""), (p.stp, "Võ Minh Tâm", True, "2020-03"),
            (p.d842, "Nguyễn Văn An", True, "2020-04"), (p.d842, "Thạch Thị Lan", True, "2020-05"),
            (p.c29242, "Lâm Văn Tư", True, "2020-06"), (p.c29242, "Sơn Thị Mai", True, "2020-07")):
        training_services.trainee_add(actor=lead, session=session, agency=agency, full_name=name,
                                      completed=completed, certificate_number=certificate)
    return SimpleNamespace(plan=plan, objectives=[*built.objectives, o3, o4], activities=built.activities,
                           lines=built.lines, course=course)


def bar_width(page) -> float:
    return float(page.locator("[data-testid=bar-disbursed]").get_attribute("width"))


def expect_measure(page, number: int, percent: str, count: str, met: bool, tiers: list[str]):
    cell = page.locator(f"[data-testid=measure-{number}]")
    expect(cell.locator("strong")).to_have_text(percent)
    expect(cell.locator("strong")).to_have_class("ok" if met else "bad")
    expect(cell).to_contain_text(count)
    expect(cell.locator("li")).to_have_text(tiers)


def expect_coverage(page, rows: dict[str, list[str]], total: list[str], untrained: list[str]):
    table = page.locator("[data-testid=coverage]")
    for tier, cells in rows.items():
        expect(table.locator(f"tr[data-tier={tier}] td")).to_have_text(cells)
    expect(table.locator("tfoot th")).to_have_text(total)
    expect(page.locator("[data-testid=untrained] tbody td.mono")).to_have_text(untrained)


def test_lead_records_a_disbursement_and_a_training_session_and_sees_the_plan_move(live_server, page,
                                                                                     trained_plan):
    base = live_server.url
    plan, activity, line = trained_plan.plan, trained_plan.activities[1], trained_plan.lines[1]
    log_in(page, base, "lead")

    # The budget: a disbursement on L2 moves the activity's and the plan's charts and, with a progress report,
    # the plan's progress.
    page.goto(f"{base}/programme/")
    page.click(f"a[href='/programme/plans/{plan.pk}/']")
    expect(page.locator("[data-testid=plan-progress]")).to_have_text("47%")
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("40.500.000 đ")
    expect_measure(page, 3, "43%", "(3/7)", met=False,
                   tiers=["Provincial: 50% (1/2)", "District: 50% (1/2)", "Commune: 33% (1/3)"])
    expect_measure(page, 4, "67%", "(2/3)", met=False, tiers=["Provincial: 50% (1/2)", "District: 100% (1/1)"])
    whole_plan_before = bar_width(page)

    page.goto(f"{base}/programme/activities/{activity.pk}/")
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("12.000.000 đ")
    before = bar_width(page)
    form = page.locator(f"[data-testid=disburse-{line.pk}]")
    form.locator("input[name=amount]").fill("30.000.000")  # over what is left (28.000.000): refused
    form.locator("input[name=date]").fill("15/08/2020")
    form.locator("input[name=note]").fill("Đợt 2")
    form.locator("button[type=submit]").click()
    expect(page.locator(f"[data-testid=disburse-{line.pk}] .field-error")).to_contain_text("40.000.000")
    expect(page.locator(f"[data-testid=disburse-{line.pk}] input[name=amount]")).to_have_value("30.000.000")
    assert Disbursement.objects.filter(line=line).count() == 1

    form = page.locator(f"[data-testid=disburse-{line.pk}]")
    form.locator("input[name=amount]").fill("8.000.000")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("20.000.000 đ")
    expect(page.locator(f"[data-testid=line-disbursed-{line.pk}]")).to_have_text("20.000.000")
    assert bar_width(page) > before

    page.select_option("#id_status", "in_progress")
    page.fill("#id_progress", "60")
    page.locator("form[action$='/progress/'] button[type=submit]").click()
    expect(page.locator("[data-testid=activity-progress]")).to_have_text("60%")

    page.goto(f"{base}/programme/plans/{plan.pk}/")
    expect(page.locator("[data-testid=plan-progress]")).to_have_text("53%")  # (100 + 60 + 0) / 3
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("48.500.000 đ")
    assert bar_width(page) > whole_plan_before
    page.click(f"a[href='/programme/plans/{plan.pk}/budget/']")
    expect(page.locator("[data-testid=total-disbursed]")).to_have_text("48.500.000")

    # Training: Càng Long (844) has nobody trained; the lead holds a session there and records two of its staff,
    # one its ISO secretary, as having completed the course.
    page.click("nav a[href='/training/']")
    page.click("a[href='/training/coverage/']")
    expect_coverage(page, {"province": ["Provincial", "2", "1", "50%", "2", "1", "50%"],
                           "district": ["District", "2", "1", "50%", "1", "1", "100%"],
                           "commune": ["Commune", "3", "1", "33%", "0", "0", "0%"]},
                    total=["All tiers", "7", "3", "43%", "3", "2", "67%"],
                    untrained=["STP", "844", "29245", "29278"])

    page.goto(f"{base}/training/")
    page.click(f"a[href='/training/courses/{trained_plan.course.pk}/']")
    page.click(f"a.button.primary[href='/training/courses/{trained_plan.course.pk}/sessions/new/']")
    page.fill("#id_start_date", "20/10/2020")
    page.fill("#id_end_date", "21/10/2020")
    page.fill("#id_place", "Hội trường UBND huyện Càng Long")
    page.fill("#id_trainer", "Phạm Quốc Bảo")
    page.click("button[type=submit].primary")
    expect(page).to_have_url(re.compile(r"/training/sessions/\d+/$"))
    expect(page.locator("h1")).to_contain_text("20/10/2020–21/10/2020")
    session = Session.objects.get(place="Hội trường UBND huyện Càng Long")

    add = page.locator("#add-trainee")
    add.locator("#id_full_name").fill("Kim Văn Sơn")
    add.locator("#id_position").fill("Chuyên viên Văn phòng HĐND và UBND")
    add.locator("#id_agency").select_option("844")
    add.locator("#id_is_iso_secretary").check()
    add.locator("#id_completed").check()
    add.locator("#id_certificate_number").fill("2020-04")  # already Nguyễn Văn An's in this course: refused
    add.locator("button[type=submit]").click()
    expect(page.locator("#add-trainee .field-error")).to_contain_text("Nguyễn Văn An")
    expect(page.locator("#add-trainee #id_full_name")).to_have_value("Kim Văn Sơn")
    expect(page.locator("#add-trainee #id_agency")).to_have_value("844")
    assert not Trainee.objects.filter(session=session).exists()

    page.locator("#add-trainee #id_certificate_number").fill("2020-08")
    page.locator("#add-trainee button[type=submit]").click()
    expect(page.locator("[data-testid=trainees] tbody tr")).to_have_count(1)
    add = page.locator("#add-trainee")
    add.locator("#id_full_name").fill("Thạch Thị Sa Rết")
    add.locator("#id_agency").select_option("844")
    add.locator("#id_completed").check()
    add.locator("#id_certificate_number").fill("2020-09")
    add.locator("button[type=submit]").click()
    rows = page.locator("[data-testid=trainees] tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Kim Văn Sơn")
    expect(rows.nth(1)).to_contain_text("Thạch Thị Sa Rết")

    # 844 is now covered and its secretary trained: district 2/2 and 2/2; total 4/7 = 57%, secretaries 3/4 = 75%.
    page.click("nav a[href='/training/']")
    page.click("a[href='/training/coverage/']")
    expect_coverage(page, {"province": ["Provincial", "2", "1", "50%", "2", "1", "50%"],
                           "district": ["District", "2", "2", "100%", "2", "2", "100%"],
                           "commune": ["Commune", "3", "1", "33%", "0", "0", "0%"]},
                    total=["All tiers", "7", "4", "57%", "4", "3", "75%"],
                    untrained=["STP", "29245", "29278"])

    # Both objectives measured by training are now met; the budget and the progress did not move.
    page.click("nav a[href='/programme/']")
    page.click(f"a[href='/programme/plans/{plan.pk}/']")
    expect_measure(page, 3, "57%", "(4/7)", met=True,
                   tiers=["Provincial: 50% (1/2)", "District: 100% (2/2)", "Commune: 33% (1/3)"])
    expect_measure(page, 4, "75%", "(3/4)", met=True, tiers=["Provincial: 50% (1/2)", "District: 100% (2/2)"])
    expect(page.locator("[data-testid=plan-progress]")).to_have_text("53%")
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("48.500.000 đ")


def test_an_agency_user_sees_only_its_activities(live_server, page, programme_plan):
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/programme/plans/{programme_plan.plan.pk}/activities/")
    rows = page.locator("#activities table.list tbody tr")
    expect(rows).to_have_count(2)  # (1) the conference and (3) the inspection of Càng Long
    expect(page.locator("#activities")).not_to_contain_text("Duy trì HTQLCL")
    response = page.goto(f"{live_server.url}/programme/activities/{programme_plan.activities[1].pk}/")
    assert response.status == 404


def test_lead_reverses_a_mistaken_disbursement(live_server, page, programme_plan):
    """L2 has 12.000.000 đ disbursed; the lead types 18.000.000 instead of 8.000.000 and corrects it with a
    reversal of 10.000.000 đ: the history keeps both entries and the line is back to 20.000.000 đ."""
    base, line = live_server.url, programme_plan.lines[1]
    log_in(page, base, "lead")
    page.goto(f"{base}/programme/activities/{line.activity_id}/")
    form = page.locator(f"[data-testid=disburse-{line.pk}]")
    form.locator("input[name=amount]").fill("18.000.000")
    form.locator("input[name=date]").fill("15/08/2020")
    form.locator("button[type=submit]").click()
    expect(page.locator(f"[data-testid=line-disbursed-{line.pk}]")).to_have_text("30.000.000")
    mistake = Disbursement.objects.get(line=line, amount=18_000_000)

    row = page.locator(f"[data-testid=disbursement-{mistake.pk}]")
    row.locator("summary").click()
    reverse = page.locator(f"[data-testid=reverse-{mistake.pk}]")
    reverse.locator("input[name=amount]").fill("19.000.000")  # more than the entry: refused, kept as typed
    reverse.locator("input[name=date]").fill("16/08/2020")
    reverse.locator("input[name=reason]").fill("Nhập sai số tiền, đúng là 8.000.000 đ")
    reverse.locator("button[type=submit]").click()
    expect(page.locator(f"[data-testid=reverse-{mistake.pk}] .field-error")).to_contain_text("18.000.000")
    expect(page.locator(f"[data-testid=reverse-{mistake.pk}] input[name=reason]")).to_have_value(
        "Nhập sai số tiền, đúng là 8.000.000 đ")
    expect(page.locator(f"[data-testid=line-disbursed-{line.pk}]")).to_have_text("30.000.000")

    page.locator(f"[data-testid=reverse-{mistake.pk}] input[name=amount]").fill("10.000.000")
    page.locator(f"[data-testid=reverse-{mistake.pk}] button[type=submit]").click()
    expect(page.locator(f"[data-testid=line-disbursed-{line.pk}]")).to_have_text("20.000.000")
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("20.000.000 đ")
    reversal = Disbursement.objects.get(reverses=mistake)
    expect(page.locator(f"[data-testid=disbursement-{reversal.pk}]")).to_contain_text("-10.000.000")
    expect(page.locator(f"[data-testid=disbursement-{mistake.pk}]")).to_contain_text("18.000.000")
    assert Disbursement.objects.filter(line=line).count() == 3
