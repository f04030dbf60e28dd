"""Roll-ups per district (a province's registry) and per province (a ministry's, with a national tier): the
dashboard's tables and the annual report's section, each agency counted once under the topmost agency of the tier
on its path, each number linking to exactly the agencies it counts."""
import pytest
from django.urls import reverse

from isogov.accounts.models import Role, User
from isogov.dashboard.figures import province_figures
from isogov.dashboard.tests import world
from isogov.dashboard.tests.test_pages import links, total_behind
from isogov.qms.models import Announcement
from isogov.registry.models import AgencyKind, Tier
from isogov.registry.services import agency_create
from isogov.registry.tiers import load_preset
from isogov.reports.report import province_report

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:province")
COLUMNS = ("agencies", "must_apply", "announced_must", "maintaining_must", "compliant", "trained")


def rows(groups):
    return {r.code or "outside": tuple(getattr(r, c) for c in COLUMNS) for r in groups}


def test_a_province_rolls_up_per_district(province, as_user):
    world.build(province)
    figures = province_figures(user=None, as_of=world.AS_OF)
    assert list(figures.rollups) == ["district"]  # no tier above the province: no roll-up per province
    assert rows(figures.rollups["district"]) == {
        "842": (3, 1, 1, 0, 1, 0),  # 842 and its communes 29242 (compliant, need not apply) and 29245
        "844": (1, 1, 0, 0, 0, 0),  # 29278 merged before the day
        "outside": (2, 2, 1, 1, 1, 1),  # SKHCN and STP, the provincial bodies
    }
    client = as_user(province.viewer)
    page = client.get(URL, {"as_of": "31/12/2020"}).content.decode()
    assert 'data-testid="rollup-district"' in page and 'data-testid="rollup-province"' not in page
    for href, n in links(page):
        if "under=" in href:
            assert total_behind(client, href) == n, href
    report = province_report(user=None, year=2020)
    assert [row[:3] for row in report.section("by_district").cells()] == [
        ["Thành phố Trà Vinh", 3, 1], ["Huyện Càng Long", 1, 1], ["Provincial agencies (no district)", 2, 2]]


def test_one_group_is_no_roll_up(province, as_user):
    world.build(province)
    page = as_user(province.alice).get(URL, {"as_of": "31/12/2020"}).content.decode()  # 842's subtree only
    assert "rollup-district" not in page
    assert not [s for s in province_report(user=province.alice, year=2020).sections if s.key.startswith("by_")]


@pytest.fixture
def ministry(db):
    """A ministry over two provinces: T1 with a department and two districts (one commune announced), T2 with one
    district."""
    load_preset(Tier, "three-tier+national")
    tiers = {t.code: t for t in Tier.objects.all()}

    def mk(code, tier, parent=None, kind=AgencyKind.OTHER):
        return agency_create(actor=None, code=code, name=f"Đơn vị {code}", tier=tiers[tier], parent=parent, kind=kind)

    bo = mk("BO", "national")
    t1, t2 = mk("T1", "province", bo), mk("T2", "province", bo)
    mk("T1.S1", "province", t1, AgencyKind.DEPARTMENT)
    h1, h2, h3 = mk("T1.H1", "district", t1), mk("T1.H2", "district", t1), mk("T2.H1", "district", t2)
    x1 = mk("T1.H1.X1", "commune", h1)
    mk("T2.H1.X1", "commune", h3)
    Announcement.objects.create(agency=x1, decision_number="1/QĐ", decision_date=world.D(2020, 3, 1),
                                signed_file="announcements/x.pdf")
    viewer = User.objects.create(username="bo.viewer", role=Role.NATIONAL_VIEWER)
    return {"t1": t1, "h2": h2, "viewer": viewer}


def test_a_ministry_rolls_up_per_province_and_per_district_of_the_province_chosen(ministry, as_user):
    figures = province_figures(user=None, as_of=world.AS_OF)
    assert list(figures.rollups) == ["province", "district"]
    assert {k: v[0] for k, v in rows(figures.rollups["province"]).items()} == {"T1": 5, "T2": 3, "outside": 1}
    assert rows(figures.rollups["province"])["T1"][2] == 0  # the commune need not apply: not of those that must
    assert rows(figures.rollups["district"])["T1.H1"][:1] == (2,)
    client = as_user(ministry["viewer"])
    page = client.get(URL, {"as_of": "31/12/2020"}).content.decode()
    assert 'data-testid="rollup-province"' in page and 'data-testid="rollup-district"' not in page
    assert "Choose a province to see its districts." in page
    chosen = client.get(URL, {"as_of": "31/12/2020", "province": "T1"}).content.decode()
    assert 'data-testid="rollup-district"' in chosen
    assert 'data-group="T1.H1"' in chosen and 'data-group="T1.H2"' in chosen and 'data-group="T2.H1"' not in chosen
    for href, n in links(chosen):
        if "under=" in href:
            assert total_behind(client, href) == n, href
    report = province_report(user=None, year=2020)
    assert [row[:2] for row in report.section("by_province").cells()] == [
        ["Đơn vị T1", 5], ["Đơn vị T2", 3], ["Outside any province", 1]]
    assert not [s for s in report.sections if s.key == "by_district"]  # the districts are the dashboard's


def test_the_drill_down_of_a_group_the_reader_may_not_read_is_not_found(ministry, as_user, django_user_model):
    reader = django_user_model.objects.create(username="pv", role=Role.PROVINCE_VIEWER, agency=ministry["t1"])
    client = as_user(reader)
    drill = reverse("dashboard:agencies")
    assert client.get(drill, {"figure": "agencies", "under": "T2"}).status_code == 404
    assert client.get(drill, {"figure": "agencies", "under": "T1"}).context["total"] == 5


def test_a_report_leaves_too_many_groups_to_the_dashboard(province, monkeypatch):
    world.build(province)
    monkeypatch.setattr("isogov.reports.report.ROLLUP_MAX_ROWS", 2)
    section = province_report(user=None, year=2020).section("by_district")
    assert section.rows == [] and section.note.startswith("3 groups: too many to print here")
