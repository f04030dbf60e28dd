"""Scores worked out by hand from tests/world.py, under the default ruleset (bands: 100 % → all the points,
from 80 % → half; points 1 + 1 + 0.5 + 0.5)."""
import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from isogov.registry.models import Agency
from isogov.scoring.selectors import as_json, year_score
from isogov.scoring.tests.world import D, announce, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


def score(year=2020):
    return year_score(year=year, agencies=Agency.objects.all())


def figures(scope):
    return {c.criterion.key: (c.numerator, c.denominator, c.points) for c in scope.criteria}


def codes(lines):
    return sorted(line.agency.code for line in lines)


def test_province_tier_by_hand(world):
    tier = next(s for s in score().tiers if s.key == "province")
    assert tier.agencies == 5
    assert figures(tier) == {
        "announced": (4, 5, Decimal("0.50")),  # 80 %: P3 is missing; P2 signed on 31/12 and counts
        "maintaining": (3, 5, Decimal("0.00")),  # P2's audit is 12½ months old on 31/12, P3 has none
        "legal_in_time": (0, 1, Decimal("0.00")),  # P1 brought its one text in late; no other text fell due
        "reannounced": (1, 2, Decimal("0.00")),  # P4 re-announced, P5 did not; the others' scope did not change
    }
    assert (tier.points, tier.max_points, tier.percent, tier.full) == (Decimal("0.50"), Decimal("3.00"), 17, False)
    c = tier.criterion("announced")
    assert codes(c.met) == ["P1", "P2", "P4", "P5"] and codes(c.missing) == ["P3"]
    assert "31/12/2020" in c.met[1].fact.text  # the explanation names the decision's date
    assert codes(tier.criterion("reannounced").not_concerned) == ["P1", "P2", "P3"]


def test_merged_agency_leaves_and_its_successor_counts(world):
    tier = next(s for s in score().tiers if s.key == "district")
    assert tier.agencies == 1  # D1 merged on 01/07/2020; D2 exists from that day
    assert figures(tier) == {"announced": (1, 1, Decimal("1.00")), "maintaining": (1, 1, Decimal("1.00")),
                             "legal_in_time": (1, 1, Decimal("0.50")), "reannounced": (0, 0, None)}
    assert (tier.points, tier.max_points, tier.percent, tier.full) == (Decimal("2.50"), Decimal("2.50"), 100, True)
    # In 2019 D1 was there and D2 was not.
    tier_2019 = next(s for s in score(2019).tiers if s.key == "district")
    assert [line.agency.code for line in tier_2019.criterion("announced").met] == ["D1"]


def test_tier_with_no_mandatory_agency_is_not_applicable(world):
    tier = next(s for s in score().tiers if s.key == "commune")
    assert tier.agencies == 0 and not tier.applicable and tier.percent is None
    assert all(c.points is None for c in tier.criteria)


def test_province_wide(world):
    province = score().province
    assert figures(province) == {
        "announced": (5, 6, Decimal("0.50")),  # 83 %
        "maintaining": (4, 6, Decimal("0.00")),
        "legal_in_time": (1, 2, Decimal("0.00")),
        "reannounced": (1, 2, Decimal("0.00")),
    }
    assert (province.points, province.max_points) == (Decimal("0.50"), Decimal("3.00"))


def test_announced_on_31_december_counts_that_year_not_the_year_before(world):
    before = next(s for s in score(2019).tiers if s.key == "province").criterion("announced")
    assert "P2" in codes(before.missing)
    assert "P2" in codes(next(s for s in score(2020).tiers if s.key == "province").criterion("announced").met)
    announce(world.p3, D(2021, 1, 1))  # a day late for 2020
    assert "P3" in codes(next(s for s in score(2020).tiers if s.key == "province").criterion("announced").missing)


def test_what_if_lists_the_smallest_set_with_dates(world):
    tier = next(s for s in score().tiers if s.key == "province")
    todo = {(agency.code, key, due) for agency, t, key in tier.todo() for due in [t.due]}
    end = dt.date(2020, 12, 31)
    assert todo == {
        ("P3", "announced", end), ("P2", "maintaining", end), ("P3", "maintaining", end), ("P5", "reannounced", end),
    }  # P1's text was brought in late: nothing can mend it any more, so nothing is asked of it
    texts = sorted(t.text for agency, t, key in tier.todo() if agency.code == "P3")
    assert texts == ["Hold a management review", "Hold an internal audit", "Sign and record the announcement decision"]


def test_a_later_ruleset_scores_its_years_only(world, tmp_path):
    from isogov.scoring.loader import builtin_files

    data = json.loads(builtin_files()[0].read_text(encoding="utf-8"))
    data.update(code="province-2021", first_year=2021, name_vi="Bộ 2021", name_en="2021 set")
    data["criteria"][0]["bands"] = [{"min_share": "0.60", "fraction": "1.00"}]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("load-scoring", str(path), stdout=StringIO())
    assert score(2020).ruleset.code == "par-iso-default"
    assert next(s for s in score(2020).tiers if s.key == "province").criterion("announced").points == Decimal("0.50")
    later = score(2021)
    assert later.ruleset.code == "province-2021"
    # On 31/12/2021 the same four of five are announced: 80 % is now above the only band, 60 %.
    assert next(s for s in later.tiers if s.key == "province").criterion("announced").points == Decimal("1.00")


def test_score_command_json_equals_the_selector(world):
    out = StringIO()
    call_command("score", "--year", "2020", "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed == json.loads(json.dumps(as_json(score())))
    assert printed["tiers"]["province"]["points"] == "0.50"
    assert printed["tiers"]["district"]["full_marks"] is True
    assert printed["tiers"]["commune"]["percent"] is None and printed["tiers"]["commune"]["full_marks"] is None
