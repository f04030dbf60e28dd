"""The Content-Security-Policy in a real browser: what it blocks is reported (so every browser test, whose
page fixture fails on a report, would notice a page that needs inline script), and the behaviour moved out
of inline handlers into isogov.js still works: confirming a deletion, the year list that reloads the page."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from isogov.e2e.session import log_in
from isogov.objectives import services as objective_services
from isogov.risks import services as risk_services
from isogov.risks.models import Risk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_injected_inline_script_is_blocked_and_reported(live_server, page, csp_violations):
    response = page.goto(f"{live_server.url}/login/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("""() => {
        const img = document.createElement("img");
        img.setAttribute("onerror", "window.pwned = true");
        img.src = "/no-such-image";
        document.body.append(img);
        const script = document.createElement("script");
        script.textContent = "window.pwned = true";
        document.body.append(script);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert csp_violations, "the browser reported no violation"
    csp_violations.clear()


def test_icon_and_assets_load(live_server, page):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(f"{live_server.url}/login/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object"
    assert page.locator("link[rel=icon]").count() == 1
    assert page.request.get(f"{live_server.url}/favicon.ico").status == 200
    assert failed == []


def test_deleting_asks_first_and_the_year_list_reloads(live_server, page, province):
    p = province
    risk = risk_services.risk_create(agency=p.d842, actor=p.alice, kind="risk", description="Mất hồ sơ giấy",
                                     likelihood=2, impact=3, owner="Văn thư",
                                     review_date=timezone.localdate() + dt.timedelta(days=30))
    log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/agencies/842/risks/{risk.pk}/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.locator("form[data-confirm] button").click()
    page.wait_for_timeout(300)
    assert questions == [page.locator("form[data-confirm]").get_attribute("data-confirm")] and questions[0]
    assert Risk.objects.filter(pk=risk.pk).exists()
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.locator("form[data-confirm] button").click()
    expect(page).not_to_have_url(re.compile(rf"/risks/{risk.pk}/$"))
    assert not Risk.objects.filter(pk=risk.pk).exists()

    last_year = timezone.localdate().year - 1
    objective_services.objective_create(agency=p.d842, actor=p.alice, year=last_year, title="Hồ sơ đúng hạn",
                                        comparator="ge", target=Decimal(95), unit="percent", period="yearly")
    page.goto(f"{live_server.url}/agencies/842/objectives/")
    page.select_option("#year-select", str(last_year))
    expect(page).to_have_url(re.compile(rf"year={last_year}"))
    expect(page.locator("h1")).to_contain_text(str(last_year))
