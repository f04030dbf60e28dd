import datetime as dt

import pytest
from django.db.models import Count

from isogov.documents.legal import LegalState, add_months, legal_status
from isogov.documents.models import Document, DocumentKind, search_text
from isogov.documents.selectors import compliance_facts, overdue_agency_ids
from isogov.documents.tests.helpers import make_legal
from isogov.registry.models import Agency, Tier

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("day,months,expected", [
    (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2023, 11, 30), 3, dt.date(2024, 2, 29)),
    (dt.date(2026, 10, 15), 3, dt.date(2027, 1, 15)),
    (dt.date(2026, 3, 31), -12, dt.date(2025, 3, 31)),
    (dt.date(2024, 2, 29), -12, dt.date(2023, 2, 28)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("effective,incorporated,state,days", [
    (dt.date(2026, 12, 1), None, LegalState.UPCOMING, 0),
    (dt.date(2026, 9, 1), None, LegalState.PENDING, 0),
    (dt.date(2026, 8, 25), None, LegalState.PENDING, 0),  # due today: not yet late
    (dt.date(2026, 8, 24), None, LegalState.OVERDUE, 1),
    (dt.date(2026, 1, 10), dt.date(2026, 4, 10), LegalState.ON_TIME, 0),
    (dt.date(2026, 1, 10), dt.date(2026, 4, 20), LegalState.LATE, 10),
])
def test_legal_status(effective, incorporated, state, days):
    status = legal_status(effective_on=effective, incorporated_on=incorporated, due=add_months(effective, 3),
                          today=TODAY)
    assert (status.state, status.days_late) == (state, days)


def test_compliance_facts_counts_per_agency(province):
    d842, d844 = province.d842, province.d844
    make_legal(d842, province.alice, code="A", effective_on=dt.date(2026, 10, 1))  # pending
    make_legal(d842, province.alice, code="B", effective_on=dt.date(2026, 6, 1))  # pending and overdue
    make_legal(d842, province.alice, code="C", effective_on=dt.date(2026, 1, 1),
               incorporated_on=dt.date(2026, 5, 1))  # late, within 12 months
    make_legal(d842, province.alice, code="D", effective_on=dt.date(2024, 1, 1),
               incorporated_on=dt.date(2024, 9, 1))  # late, long ago
    make_legal(d842, province.alice, code="E", effective_on=dt.date(2026, 12, 1))  # not yet in effect
    make_legal(d844, province.bob, code="A", effective_on=dt.date(2026, 1, 1), incorporated_on=dt.date(2026, 2, 1))
    facts = compliance_facts(agencies=Agency.objects.all(), today=TODAY)
    assert facts == {
        d842.pk: {"legal_pending": 2, "legal_overdue": 1, "legal_late_12m": 1},
        d844.pk: {"legal_pending": 0, "legal_overdue": 0, "legal_late_12m": 0},
    }
    assert compliance_facts(agencies=Agency.objects.filter(code="844"), today=TODAY).keys() == {d844.pk}
    annotated = Agency.objects.annotate(units=Count("children")).order_by("-units").select_related("tier")
    assert compliance_facts(agencies=annotated, today=TODAY) == facts
    # The verdict's own query finds the agencies with an overdue text, today and once a second one is overdue.
    assert set(overdue_agency_ids(today=TODAY).values_list("agency_id", flat=True)) == {d842.pk}
    later = dt.date(2027, 1, 2)
    assert set(Agency.objects.filter(pk__in=overdue_agency_ids(today=later)).values_list("pk", flat=True)) == {d842.pk}
    assert overdue_agency_ids(today=later).count() == 2


def test_deadline_months_is_a_setting(province, settings):
    settings.ISOGOV = {**settings.ISOGOV, "LEGAL_UPDATE_MONTHS": 6}
    make_legal(province.d842, province.alice, effective_on=dt.date(2026, 6, 1))
    assert compliance_facts(agencies=Agency.objects.all(), today=TODAY)[province.d842.pk]["legal_overdue"] == 0


def _agencies(n: int, tier: Tier) -> list[Agency]:
    agencies = Agency.objects.bulk_create(
        [Agency(code=f"X{i}", name=f"Xã {i}", tier=tier, path=f"/X{i}/") for i in range(n)])
    docs = []
    for i, agency in enumerate(agencies):
        effective = dt.date(2026, 1 + i % 11, 1)
        incorporated = add_months(effective, 1 + i % 5) if i % 2 else None
        docs.append(Document(agency=agency, code="VB", title="Nghị định", kind=DocumentKind.EXTERNAL,
                             legal_number="61/2018/NĐ-CP", legal_effective_on=effective,
                             incorporated_on=incorporated, legal_due_on=add_months(effective, 3),
                             search_text=search_text(code="VB", title="Nghị định")))
    Document.objects.bulk_create(docs)
    return agencies


@pytest.mark.parametrize("n", [3, 300])
def test_compliance_facts_cost_one_query_whatever_the_number(province, django_assert_num_queries, n):
    _agencies(n, province.tiers["commune"])
    with django_assert_num_queries(1):
        facts = compliance_facts(agencies=Agency.objects.filter(code__startswith="X"), today=TODAY)
    assert len(facts) == n


def test_changed_setting_is_applied_to_stored_deadlines_by_the_command(province, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from isogov.audit.models import AuditEvent

    doc = make_legal(province.d842, province.alice, effective_on=dt.date(2026, 6, 1))
    other = make_legal(province.d844, province.bob, code="VB-02", effective_on=dt.date(2026, 1, 31))
    assert (doc.legal_due_on, other.legal_due_on) == (dt.date(2026, 9, 1), dt.date(2026, 4, 30))
    settings.ISOGOV = {**settings.ISOGOV, "LEGAL_UPDATE_MONTHS": 6}
    with pytest.raises(CommandError, match="2 legal deadline"):
        call_command("legal-deadlines", "--check", stdout=StringIO())
    doc.refresh_from_db()
    assert doc.legal_due_on == dt.date(2026, 9, 1)  # --check changes nothing
    out = StringIO()
    call_command("legal-deadlines", stdout=out)
    assert "2 legal deadline(s) recalculated for LEGAL_UPDATE_MONTHS = 6" in out.getvalue()
    doc.refresh_from_db()
    other.refresh_from_db()
    assert (doc.legal_due_on, other.legal_due_on) == (dt.date(2026, 12, 1), dt.date(2026, 7, 31))
    event = AuditEvent.objects.get(object_type="documents.document", object_id=str(doc.pk), action="update")
    assert event.changes == {"legal_due_on": ["2026-09-01", "2026-12-01"]} and event.actor_name == "system"
    facts = compliance_facts(agencies=Agency.objects.all(), today=dt.date(2026, 11, 1))
    assert facts[province.d842.pk]["legal_overdue"] == 0 and facts[province.d844.pk]["legal_overdue"] == 1
    out = StringIO()
    call_command("legal-deadlines", "--check", stdout=out)
    assert "Every legal deadline follows LEGAL_UPDATE_MONTHS = 6" in out.getvalue()
