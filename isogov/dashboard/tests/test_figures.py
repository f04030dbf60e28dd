"""The figures of the small province of world.py on 31/12/2020, worked out by hand (see its docstring)."""
from decimal import Decimal

import pytest

from isogov.dashboard import dated
from isogov.dashboard.figures import province_figures, score_year
from isogov.dashboard.tests import world

pytestmark = pytest.mark.django_db

# Per tier: agencies, must apply, announced, maintaining, building, not started, announced and maintaining of those
# that must apply, compliant, with a corrective action overdue, with a legal change overdue, trained, on the
# inspection plan on site, inspected.
COLUMNS = ("agencies", "must_apply", "announced", "maintaining", "building", "not_started", "announced_must",
           "maintaining_must", "compliant", "ca_overdue", "legal_overdue", "trained", "onsite_planned", "inspected")
EXPECTED = {
    # SKHCN maintaining and compliant, trained; STP building, a legal text overdue, on the plan on site.
    "province": (2, 2, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0),
    # 842 announced, its audit too old, an action overdue, inspected; 844 not started.
    "district": (2, 2, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1),
    # 29242 maintaining (need not apply), 29245 not started, 29278 merged before the day.
    "commune": (2, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0),
}
TOTAL = (6, 4, 3, 2, 1, 2, 2, 1, 2, 1, 1, 1, 2, 1)


def table(figures):
    rows = {r.code: tuple(getattr(r, c) for c in COLUMNS) for r in figures.tiers}
    return rows, tuple(getattr(figures.total, c) for c in COLUMNS)


def check(figures):
    rows, total = table(figures)
    assert rows == EXPECTED
    assert total == TOTAL
    assert figures.total.announced_rate == Decimal("50.0")  # 2 of the 4 that must apply
    assert figures.total.maintaining_rate == Decimal("25.0")
    assert [r.announced_rate for r in figures.tiers] == [Decimal("50.0"), Decimal("50.0"), None]
    b = figures.budget
    assert (b.estimate, b.allocated, b.disbursed, b.rate) == (100_000_000, 80_000_000, 30_000_000, Decimal("30.0"))
    i = figures.inspections
    assert (i.planned, i.onsite_target, i.onsite_planned, i.inspected) == (True, 2, 2, 1)
    assert (i.findings, i.nonconformities, i.closed) == (2, 1, 1)
    assert figures.score.year == 2020 and figures.score.ruleset  # the year is over at the end of 31/12
    assert [s.code for s in figures.score.tiers] == ["province", "district"]  # no commune must apply


def test_the_score_is_the_last_year_over():
    assert score_year(world.D(2020, 12, 31)) == 2020
    assert score_year(world.D(2020, 12, 30)) == 2019
    assert score_year(world.D(2021, 1, 1)) == 2020


def test_hand_worked_figures(province):
    world.build(province)
    check(province_figures(user=None, as_of=world.AS_OF))
    check(province_figures(user=province.admin, as_of=world.AS_OF))


def test_later_changes_leave_the_day_unchanged(province):
    w = world.build(province)
    world.after(w)
    check(province_figures(user=None, as_of=world.AS_OF))
    later = province_figures(user=None, as_of=world.D(2021, 12, 31))
    # 31/12/2021: 844 ended, the new commune and 29245 not started (its stored state says otherwise); no plan.
    assert later.total.not_started == 2 and later.total.agencies == 6 and later.budget.plans == []


def test_the_agencies_behind_each_figure_are_the_ones_counted(province):
    w = world.build(province)
    figures = province_figures(user=None, as_of=world.AS_OF)
    for row in [*figures.tiers, figures.total]:
        for key in dated.AGENCY_FIGURES:
            listed = dated.agencies_behind(user=None, as_of=world.AS_OF, figure=key, tier=row.code)
            assert listed.count() == getattr(row, key), (row.code, key)
    codes = set(dated.agencies_behind(user=None, as_of=world.AS_OF, figure="ca_overdue").values_list("code", flat=True))
    assert codes == {"842"}
    assert w


def test_an_agency_user_gets_the_figures_of_her_scope(province):
    world.build(province)
    alice = province_figures(user=province.alice, as_of=world.AS_OF)  # 842 and its communes
    assert (alice.total.agencies, alice.total.must_apply, alice.total.ca_overdue, alice.total.legal_overdue) == (
        3, 1, 1, 0)
    assert alice.budget.estimate == 0  # her agencies take no part in the plan's activity
    assert (alice.inspections.onsite_planned, alice.inspections.inspected, alice.inspections.findings) == (1, 1, 2)
    charlie = province_figures(user=province.charlie, as_of=world.AS_OF)  # Sở Tư pháp
    assert (charlie.total.agencies, charlie.total.building, charlie.total.legal_overdue) == (1, 1, 1)
    assert (charlie.inspections.onsite_planned, charlie.inspections.inspected, charlie.inspections.findings) == (
        1, 0, 0)
