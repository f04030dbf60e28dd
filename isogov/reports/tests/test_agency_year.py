"""The agency's own year (agency_facts.agency_year), worked out by hand in world.py, unchanged by what came later."""
import datetime as dt

import pytest

from isogov.qms.states import QmsState
from isogov.reports.agency_facts import agency_year
from isogov.reports.tests import world

pytestmark = pytest.mark.django_db


def _plain(y):
    return {"state": y.state, "announced": y.announcement.decision_date if y.announcement else None,
            "audits": y.audits, "reviews": y.reviews, "nc": (y.nc_opened, y.nc_closed, y.nc_open, y.actions_overdue),
            "legal": (y.legal_due, y.legal_in_time, y.legal_pending), "trainees": (y.trainees, y.trained),
            "inspected": y.inspection.record_date if y.inspection else None, "findings": y.findings,
            "checked": y.records_check.checked_on if y.records_check else None}


def test_an_agencys_2020_by_hand_and_unchanged_after(province):
    p = province
    w = world.build(p)
    d842 = _plain(agency_year(p.d842, 2020))
    # Two nonconformities detected in 2020 (01/09 and the inspection's minor finding of 10/11), none closed in 2020;
    # the action due 30/11/2020 was not done by 31/12.
    assert d842 == {"state": QmsState.ANNOUNCED, "announced": dt.date(2019, 5, 1), "audits": [], "reviews": [],
                    "nc": (2, 0, 2, 1), "legal": (0, 0, 0), "trainees": (0, 0), "inspected": dt.date(2020, 11, 15),
                    "findings": 2, "checked": None}
    stp = _plain(agency_year(p.stp, 2020))
    assert stp == {"state": QmsState.BUILDING, "announced": None, "audits": [], "reviews": [], "nc": (0, 0, 0, 0),
                   "legal": (1, 0, 1), "trainees": (1, 1), "inspected": None, "findings": 0,
                   "checked": dt.date(2020, 11, 20)}
    assert agency_year(p.d844, 2020).state == QmsState.BUILDING  # 31/12 at 23:30 is still that day
    assert agency_year(p.skhcn, 2020).audits == [dt.date(2020, 5, 1)]
    world.after(p, w)
    assert _plain(agency_year(p.d842, 2020)) == d842
    assert _plain(agency_year(p.stp, 2020)) == stp
    assert _plain(agency_year(p.stp, 2021))["state"] == QmsState.ANNOUNCED


def test_the_report_says_when_the_agency_did_not_exist_or_ended(province):
    from isogov.registry.models import Agency
    from isogov.reports.report import agency_report

    p = province
    w = world.build(p)
    world.after(p, w)
    assert agency_report(agency=Agency.objects.get(code="NEW"), year=2020).section("qms").note == \
        "This agency did not exist in 2020."
    merged = Agency.objects.get(code="29245")
    assert agency_report(agency=merged, year=2021).section("qms").note == \
        "This agency ended on 01/07/2021 (merged or dissolved)."
    assert agency_report(agency=merged, year=2020).section("qms").note == ""
