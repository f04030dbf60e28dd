"""One meaning of "an internal audit is overdue": the audits page, the compliance card and the management
review's inputs all ask audits.rules, so they agree on the boundary and follow the one setting."""
import datetime as dt

import pytest

from isogov.audits import selectors
from isogov.audits.rules import internal_audit_due, internal_audit_overdue
from isogov.compliance.rules import RED
from isogov.compliance.selectors import compliance_card
from isogov.qms.models import FactKind, QmsFact
from isogov.reviews import inputs
from isogov.reviews.tests.helpers import plan


def test_overdue_the_day_after_the_due_date():
    today = dt.date(2026, 3, 10)
    assert internal_audit_overdue(None, today)
    assert internal_audit_due(dt.date(2025, 3, 10)) == today
    assert not internal_audit_overdue(dt.date(2025, 3, 10), today)  # due today: still on time
    assert internal_audit_overdue(dt.date(2025, 3, 9), today)
    assert internal_audit_due(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


@pytest.mark.django_db
@pytest.mark.parametrize("months, on_time", [(12, dt.date(2025, 3, 10)), (6, dt.date(2025, 9, 10))])
def test_the_page_the_card_and_the_review_agree_and_follow_the_setting(province, settings, months, on_time):
    settings.ISOGOV = {**settings.ISOGOV, "INTERNAL_AUDIT_MONTHS": months}
    today = dt.date(2026, 3, 10)
    review = plan(province.d842, date=today)
    for last, overdue in ((on_time, False), (on_time - dt.timedelta(days=1), True)):
        QmsFact.objects.filter(agency=province.d842, kind=FactKind.INTERNAL_AUDIT).delete()
        QmsFact.objects.create(agency=province.d842, kind=FactKind.INTERNAL_AUDIT, date=last)
        assert selectors.agency_programmes(agency=province.d842, today=today)["audit_due"] is overdue
        assert (compliance_card(agency=province.d842, today=today).item("internal_audit").level == RED) is overdue
        line = inputs.collect(review, today=today)["audit_results"][0]
        assert (line["level"] == inputs.BAD) is overdue, (last, line)


@pytest.mark.django_db
@pytest.mark.parametrize("months", [12, 6])
def test_the_page_says_the_interval_of_the_setting(province, settings, as_user, months):
    from django.urls import reverse
    from django.utils import timezone

    settings.ISOGOV = {**settings.ISOGOV, "INTERNAL_AUDIT_MONTHS": months}
    last = timezone.localdate() - dt.timedelta(days=31 * months + 1)
    QmsFact.objects.create(agency=province.d842, kind=FactKind.INTERNAL_AUDIT, date=last)
    page = as_user(province.alice).get(reverse("audits:agency_index", args=["842"])).content.decode()
    assert f"More than {months} months ago: an internal audit is due." in page
    assert f"at least once every {months} months." in page
    assert "12 months" not in page or months == 12
