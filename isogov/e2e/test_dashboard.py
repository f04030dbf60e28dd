"""The province dashboard in a real browser: the lead opens it on 31/12/2020, the charts are drawn (by the vendored
Chart.js, under the Content-Security-Policy), and clicking a figure, a number or a bar, lands on the agencies
behind it."""
import re

import pytest
from playwright.sync_api import expect

from isogov.dashboard.tests import world
from isogov.e2e.session import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_clicks_a_figure_and_sees_the_agencies_behind_it(live_server, page, province):
    world.build(province)
    log_in(page, live_server.url, "lead")
    page.goto(f"{live_server.url}/dashboard/?as_of=31/12/2020")
    expect(page.get_by_test_id("as-of")).to_have_text("31/12/2020")
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=states]'))")

    page.get_by_test_id("fig-ca_overdue").click()  # 1: district 842's corrective action due 01/10/2020
    expect(page).to_have_url(re.compile(r"/dashboard/agencies/\?figure=ca_overdue&as_of=2020-12-31"))
    expect(page.get_by_test_id("total")).to_have_text("1")
    rows = page.get_by_test_id("figure-agencies").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Thành phố Trà Vinh")

    # The chart's bar of the provincial tier's announced agencies (SKHCN alone) opens the same list as its number.
    page.go_back()
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=states]'))")
    canvas = page.locator("canvas[data-chart=states]")
    canvas.scroll_into_view_if_needed()
    point = page.evaluate("""() => {
        const chart = Chart.getChart(document.querySelector('canvas[data-chart=states]'));
        const bar = chart.getDatasetMeta(0).data[0];
        return {x: (bar.x + bar.base) / 2, y: bar.y};
    }""")
    canvas.click(position=point)
    expect(page).to_have_url(re.compile(r"figure=announced&as_of=2020-12-31&tier=province"))
    expect(page.get_by_test_id("figure-agencies").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("figure-agencies")).to_contain_text("Sở Khoa học và Công nghệ")
