import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from isogov.accounts.models import Role, User
from isogov.scoring.tests.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build()
    w.lead = User.objects.create_user("lead", password="x", role=Role.PROVINCE_ADMIN)
    w.viewer = User.objects.create_user("viewer", password="x", role=Role.VIEWER)
    w.p1_secretary = User.objects.create_user("p1sec", password="x", role=Role.SECRETARY, agency=w.p1)
    return w


def _n(points: str) -> str:
    """Points as the page writes them: a decimal comma (isogov's number format, isogov/formats)."""
    return points.replace(".", ",")


def _cells(html: str) -> dict[str, str]:
    found = re.findall(r'data-testid="cell-([\w-]+)"[^>]*>([^<]*)</a><br><strong[^>]*>([^<]*)</strong>', html)
    return {key: f"{figure}|{points}" for key, figure, points in found}


def test_page_shows_the_same_figures_as_the_command(client, world):
    client.force_login(world.viewer)  # the Department of Home Affairs reads the scores and their explanations
    html = client.get("/scoring/?year=2020").content.decode()
    out = StringIO()
    call_command("score", "--year", "2020", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    cells = _cells(html)
    expected = {}
    for tier, data in [*printed["tiers"].items(), ("province-wide", printed["province"])]:
        for key, c in data["criteria"].items():
            if c["denominator"]:
                expected[f"{tier}-{key}"] = f"{c['numerator']}/{c['denominator']} ({c['percent']} %)|{_n(c['points'])}"
    assert cells == expected and len(cells) == 11  # 4 + 3 (district: no scope change) + 0 (commune) + 4
    for data in printed["tiers"].values():
        if data["max_points"] != "0.00":
            assert f'{_n(data["points"])}</strong> / {_n(data["max_points"])} ({data["percent"]} %)' in html


def test_explanation_lists_numerator_denominator_and_facts(client, world):
    client.force_login(world.viewer)
    html = client.get("/scoring/2020/province/announced/").content.decode()
    assert "4 / 5 (80 %)" in html
    missing = html[html.index('id="missing"'):html.index('id="met"')]
    met = html[html.index('id="met"'):html.index('id="not-concerned"')]
    assert "P3" in missing and "P3" not in met
    assert all(code in met for code in ("P1", "P2", "P4", "P5"))
    assert "31/12/2020" in met and "/agencies/P2/#announcements" in met  # the fact, with its link
    assert "[assumed]" in html  # the basis of the rule
    assert client.get("/scoring/2020/province/nonsense/").status_code == 404
    assert client.get("/scoring/2020/nowhere/announced/").status_code == 404


def test_what_if_on_the_page(client, world):
    client.force_login(world.lead)
    html = client.get("/scoring/?year=2020").content.decode()
    todo = html[html.index('data-testid="todo-province"'):]
    todo = todo[:todo.index("</table>")]
    assert todo.count("<tr>") == 1 + 3  # the header, then P2, P3 and P5, each with what it must do
    p3 = todo[todo.index(">Cơ quan P3<"):].split("</tr>")[0]
    assert p3.count("(by 31/12/2020)") == 3 and "Hold an internal audit" in p3
    assert "Re-announce the QMS" in todo
    assert "No agency of this tier had to apply on that day" in html  # the commune tier, not scored
    assert 'data-testid="todo-district"' not in html  # full marks


def test_an_agency_user_sees_only_the_agencies_they_may_read(client, world):
    client.force_login(world.p1_secretary)
    html = client.get("/scoring/?year=2020").content.decode()
    assert "Only the agencies you may read are counted." in html
    assert _cells(html)["province-announced"] == "1/1 (100 %)|1,00"
    assert client.get("/agencies/P1/scoring/?year=2020").status_code == 200
    assert client.get("/agencies/P2/scoring/?year=2020").status_code == 404


def test_agency_page_and_bad_year(client, world):
    client.force_login(world.lead)
    html = client.get("/agencies/P3/scoring/?year=2020").content.decode()
    assert "Sign and record the announcement decision (by 31/12/2020)" in html
    assert "0,00</strong> / 2,00" in html  # announced and maintaining; no legal text, no scope change
    html = client.get("/agencies/D1/scoring/?year=2020").content.decode()
    assert "not scored" in html  # merged on 01/07/2020
    response = client.get("/scoring/?year=20x0")
    assert response.status_code == 400


def test_vietnamese_page(client, world, vietnamese):
    client.force_login(world.viewer)
    html = client.get("/scoring/?year=2020").content.decode()
    assert "Tỷ lệ cơ quan thuộc diện bắt buộc đã công bố" in html
