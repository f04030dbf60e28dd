"""The next edition of ISO 9001: a framework file with a clause mapping as data, and a transition duty for every
agency applying its QMS, due on the Ministry's date (a setting), once the new edition is loaded."""
import datetime as dt

import pytest
from django.urls import reverse

from isogov.catalogue import duties, selectors, services
from isogov.catalogue.selectors import MAPPING_FILE
from isogov.clauses.loader import load_framework, read_framework
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db
NEW_EDITION = MAPPING_FILE.parent / "iso9001-2026.json"


def test_the_framework_file_and_the_mapping_agree():
    data = read_framework(NEW_EDITION)
    assert data["code"] == "iso9001-2026"
    assert selectors.mapping_problems() == []
    mapping = selectors.read_mapping()["map"]
    assert mapping["6.1"] == ["6.1.1", "6.1.2", "6.1.3"] and mapping["8.5.1"] == ["8.5.1"]


def _edition_duties(today=dt.date(2026, 12, 1)):
    return sorted((d.agency_id, d.due) for d in duties.duties(agency_ids=None, today=today)
                  if d.kind == "catalogue.edition")


def test_the_transition_duty_waits_for_the_edition_then_reaches_every_applying_agency(province, settings, iso2015):
    p = province
    settings.ISOGOV = {**settings.ISOGOV, "ISO_TRANSITION_DEADLINE": "2029-09-30"}
    Agency.objects.filter(code__in=["842", "29242"]).update(qms_state=QmsState.ANNOUNCED)
    Agency.objects.filter(code="844").update(qms_state=QmsState.BUILDING)  # not applying yet: nothing due
    assert _edition_duties() == []
    load_framework(NEW_EDITION)
    assert _edition_duties() == [(p.d842.pk, dt.date(2029, 9, 30)), (p.c29242.pk, dt.date(2029, 9, 30))]
    services.edition_transition_record(agency=p.c29242, actor=p.alice, done_on=dt.date(2026, 11, 30))
    assert _edition_duties() == [(p.d842.pk, dt.date(2029, 9, 30))]


def test_the_edition_page_shows_the_mapping_with_both_titles(province, client, as_user, iso2015):
    load_framework(NEW_EDITION)
    as_user(province.alice)
    page = client.get(reverse("catalogue:edition", args=["842"]))
    rows = {r["old"]: r for r in page.context["mapping"]}
    assert [n["number"] for n in rows["6.1"]["new"]] == ["6.1.1", "6.1.2", "6.1.3"]
    assert rows["4.3"]["old_title"] and rows["4.3"]["new"][0]["title"]


def test_duties_cost_the_same_queries_whatever_the_agencies(province, django_assert_num_queries, iso2015):
    load_framework(NEW_EDITION)
    Agency.objects.update(qms_state=QmsState.ANNOUNCED)
    with django_assert_num_queries(3):
        duties.duties(agency_ids=None, today=dt.date(2026, 12, 1))
