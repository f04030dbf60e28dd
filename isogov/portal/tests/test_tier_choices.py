"""The public list's tier filter offers the tiers that have a public agency, and no other."""
import pytest

from isogov.portal import selectors
from isogov.qms.models import Announcement
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_only_the_tiers_with_a_public_agency_are_offered(province):
    assert list(selectors.agency_list(data={}).form.fields["tier"].choices)[1:] == []
    Agency.objects.filter(pk=province.d842.pk).update(qms_state=QmsState.MAINTAINING)
    Announcement.objects.create(agency=province.d842, decision_number="1/QĐ", decision_date="2025-01-02",
                                signed_file="announcements/842.pdf")
    # A commune announced without its signed decision on file is not public: its tier is not offered.
    Agency.objects.filter(pk=province.c29242.pk).update(qms_state=QmsState.MAINTAINING)
    Announcement.objects.create(agency=province.c29242, decision_number="2/QĐ", decision_date="2025-01-02")
    choices = [value for value, _label in selectors.agency_list(data={}).form.fields["tier"].choices if value]
    assert choices == ["district"]
