"""The announcement records what has happened: a decision signed, the lead unit notified, a notice posted.
None of these can lie in the future, and none before the decision."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from isogov.core.tests.files import pdf
from isogov.qms import services
from isogov.qms.models import Announcement
from isogov.qms.tests.helpers import walk_to_confirmed

pytestmark = pytest.mark.django_db


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


@pytest.mark.parametrize("field", ["posted_on", "notified_on"])
def test_a_date_in_the_future_is_refused_on_the_announcement_form(province, as_user, field):
    walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    response = as_user(province.alice).post(reverse("qms:announce", args=["842"]), {
        "decision_number": "15/QĐ-UBND", "decision_date": "04/05/2020", "signed_file": pdf(),
        field: tomorrow().strftime("%d/%m/%Y")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be in the future" in html and "15/QĐ-UBND" in html
    assert not Announcement.objects.exists()


def test_the_service_refuses_a_posting_in_the_future_too(province):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    with pytest.raises(ValidationError) as refused:
        services.agency_announce(agency=agency, actor=province.alice, decision_number="15/QĐ-UBND",
                                 decision_date=dt.date(2020, 5, 4), signed_file=pdf(), posted_on=tomorrow())
    assert "posted_on" in refused.value.message_dict


def test_posting_today_is_accepted(province):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    today = timezone.localdate()
    a = services.agency_announce(agency=agency, actor=province.alice, decision_number="15/QĐ-UBND",
                                 decision_date=dt.date(2020, 5, 4), signed_file=pdf(), posted_on=today,
                                 notified_on=today)
    assert a.posted_on == today
