"""The new-account form in a real browser, on a phone: no role is chosen for the lead, the agency is found by
typing part of its name (accents optional), and errors below the fold are summarised at the top, with the
focus moved there and each line leading to its field."""
import re

import pytest
from playwright.sync_api import expect

from isogov.accounts.models import Role, User
from isogov.e2e.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "tra-vinh-quality-2020"


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_new_account_has_no_role_and_refuses_to_save_without_one(live_server, phone, province):
    page = phone
    log_in(page, live_server.url, "lead")
    page.goto(f"{live_server.url}/users/new/")
    expect(page.locator("#id_role")).to_have_value("")
    page.fill("#id_username", "dung")
    page.fill("#id_password", NEW_PASSWORD)
    page.fill("#id_password_confirm", NEW_PASSWORD)
    page.click("button[type=submit].primary")  # the browser itself asks for the required role first
    expect(page).to_have_url(re.compile(r"/users/new/$"))
    assert page.evaluate("document.querySelector('#id_role').validity.valueMissing")
    page.evaluate("document.querySelector('main form[method=post]').noValidate = true")
    page.click("button[type=submit].primary")
    expect(page.locator(".errorsummary")).to_contain_text("Choose a role.")
    assert not User.objects.filter(username="dung").exists()


def test_agency_is_found_by_typing_and_errors_below_the_fold_are_summarised(live_server, phone, province):
    page = phone
    log_in(page, live_server.url, "lead")
    page.goto(f"{live_server.url}/users/new/")
    agency = page.locator("#id_agency")
    options = agency.locator("option")
    expect(options).to_have_count(8)  # "none" and the seven agencies of the province
    search = page.locator("input.selectfilter")
    search.fill("cang long")  # typed without accents
    visible = [o for o in options.all() if not o.evaluate("o => o.hidden")]
    assert [o.get_attribute("value") for o in visible] == ["", "844", "29278"]
    expect(agency).to_have_value("844")
    search.fill("phuong 4")  # each word starts a word: not every code that holds a 4
    visible = [o for o in options.all() if not o.evaluate("o => o.hidden")]
    assert [o.get_attribute("value") for o in visible] == ["", "29242"]
    search.fill("thi tran")
    expect(agency).to_have_value("29278")

    page.fill("#id_username", "dung")
    page.select_option("#id_role", Role.SECRETARY)
    page.fill("#id_password", "12345678")  # too short: refused by the server, below the fold
    page.fill("#id_password_confirm", "12345678")
    page.click("button[type=submit].primary")

    summary = page.locator(".errorsummary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.bounding_box()["y"] < 844, "the summary is on screen"
    link = summary.locator("a[href='#id_password']").first
    expect(link).to_contain_text("too short")
    expect(agency).to_have_value("29278")  # what was chosen comes back
    assert page.locator("#id_password").bounding_box()["y"] > 844, "the error itself is below the fold"
    link.click()
    expect(page.locator("#id_password")).to_be_focused()
    assert 0 <= page.locator("#id_password").bounding_box()["y"] < 844
    assert not User.objects.filter(username="dung").exists()
