"""The programme lead follows the plan in a real browser: a disbursement and a progress report move the
plan's budget chart and its progress.

HOOK for the training engineer: `programme_plan` builds the hand-worked plan of
isogov/programme/tests/helpers.py (activity (2) "Duy trì HTQLCL" has line L2: 40.000.000 đ allocated,
12.000.000 đ disbursed; the plan is at 47%). Add the training part as further tests using it.
"""
import re

import pytest
from playwright.sync_api import expect

from isogov.conftest import PASSWORD
from isogov.programme.models import Disbursement
from isogov.programme.tests.helpers import build_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme_plan(province):
    return build_plan(province)


def log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/agencies/"))


def bar_width(page) -> float:
    return float(page.locator("[data-testid=bar-disbursed]").get_attribute("width"))


def test_lead_records_a_disbursement_and_sees_the_chart_and_progress_move(live_server, page, programme_plan):
    base = live_server.url
    plan, activity, line = programme_plan.plan, programme_plan.activities[1], programme_plan.lines[1]
    log_in(page, base, "lead")
    page.goto(f"{base}/programme/")
    page.click(f"a[href='/programme/plans/{plan.pk}/']")
    expect(page.locator("[data-testid=plan-progress]")).to_have_text("47%")
    expect(page.locator("[data-testid=value-disbursed]")).to_have_text("40.500.000 đ")
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


def test_an_agency_user_sees_only_its_activities(live_server, page, programme_plan):
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/programme/plans/{programme_plan.plan.pk}/activities/")
    rows = page.locator("#activities table.list tbody tr")
    expect(rows).to_have_count(2)  # (1) the conference and (3) the inspection of Càng Long
    expect(page.locator("#activities")).not_to_contain_text("Duy trì HTQLCL")
    response = page.goto(f"{live_server.url}/programme/activities/{programme_plan.activities[1].pk}/")
    assert response.status == 404
