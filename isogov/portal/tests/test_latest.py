"""The home page's latest announcements: each public agency once, with its latest signed decision, newest first."""
import datetime as dt

import pytest

from isogov.portal import selectors
from isogov.qms.models import Announcement
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus

pytestmark = pytest.mark.django_db


def _announce(agency, number, day, signed=True):
    return Announcement.objects.create(agency=agency, decision_number=number, decision_date=day,
                                       signed_file=f"announcements/{number}.pdf" if signed else "")


def test_the_latest_are_each_agencys_newest_decision_newest_first(province):
    for a in (province.d842, province.c29242, province.stp):
        Agency.objects.filter(pk=a.pk).update(qms_state=QmsState.MAINTAINING)
    _announce(province.d842, "1", dt.date(2024, 1, 5))
    _announce(province.d842, "2", dt.date(2025, 6, 1))  # 842's latest: listed once, with this number
    _announce(province.c29242, "3", dt.date(2025, 3, 1))
    _announce(province.c29242, "4", dt.date(2025, 9, 9), signed=False)  # no signed decision: not its latest
    _announce(province.stp, "5", dt.date(2025, 6, 1))  # the same day as 842's: by name
    latest = selectors.home()["latest"]
    same_day = sorted([(province.d842.name, "2", dt.date(2025, 6, 1)), (province.stp.name, "5", dt.date(2025, 6, 1))])
    assert [(a.name, a.decision_number, a.decision_date) for a in latest] == [
        *same_day, (province.c29242.name, "3", dt.date(2025, 3, 1))]
    # A merged agency is no longer public, whatever it announced.
    Agency.objects.filter(pk=province.stp.pk).update(status=AgencyStatus.MERGED)
    assert [a.code for a in selectors.home()["latest"]] == [province.d842.code, province.c29242.code]


def test_at_most_five_and_the_same_as_ranking_every_public_agency(province):
    from isogov.portal import rules
    commune = province.c29242.tier
    for i in range(8):
        a = Agency.objects.create(code=f"L{i}", name=f"Xã {i}", tier=commune, parent=province.d842,
                                  path=f"{province.d842.path}L{i}/", qms_state=QmsState.ANNOUNCED)
        _announce(a, f"{i}a", dt.date(2025, 1, 1 + i))
        _announce(a, f"{i}b", dt.date(2024, 1, 1 + i))
    latest = selectors.home()["latest"]
    ranked = list(rules.public_agencies().order_by("-decision_date", "name")[:5])
    assert [(a.pk, a.decision_number, a.decision_date) for a in latest] == [
        (a.pk, a.decision_number, a.decision_date) for a in ranked]
    assert len(latest) == 5
