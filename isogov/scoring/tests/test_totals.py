"""The score counted in the database (totals.year_totals, for the dashboard and the annual report) equals the score
built agency by agency (selectors.year_score, for the score's pages) on the hand-worked world, every year and
scope, and on generated data (every QMS state, re-announcements due, legal texts late and on time)."""
import datetime as dt

import pytest

from isogov.accounts import access
from isogov.generate.services import generate
from isogov.registry.models import Agency
from isogov.scoring.selectors import year_score
from isogov.scoring.tests.world import build
from isogov.scoring.totals import year_totals

pytestmark = pytest.mark.django_db


def figures(ys) -> list:
    def one(s):
        return (s.key, s.label, s.agencies, s.points, s.max_points, s.percent, s.applicable, s.full,
                [(c.criterion.key, c.numerator, c.denominator, c.points) for c in s.criteria])

    return [ys.year, ys.ruleset and ys.ruleset.code, one(ys.province) if ys.province else None,
            [one(s) for s in ys.tiers]]


def test_the_same_figures_as_agency_by_agency_on_the_hand_worked_world(province):
    build()
    for year in (2018, 2019, 2020, 2021):
        assert figures(year_totals(year=year, agencies=Agency.objects.all())) == figures(
            year_score(year=year, agencies=Agency.objects.all())), year
    scope = access.agencies_readable(province.alice)
    assert figures(year_totals(year=2020, agencies=scope)) == figures(year_score(year=2020, agencies=scope))


def test_the_same_figures_on_generated_data(db):
    today = dt.date.today()
    generate(agencies=200, years=2, seed=5, today=today)
    for year in (today.year - 1, today.year):
        score = year_score(year=year, agencies=Agency.objects.all())
        assert score.ruleset  # the migration's default ruleset
        assert score.province.criterion("reannounced").denominator > 0  # the generator's pending re-announcements
        assert figures(year_totals(year=year, agencies=Agency.objects.all())) == figures(score), year
