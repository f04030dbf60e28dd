"""Correcting a disbursement recorded by mistake: a reversing entry with its reason, never an edit or a deletion.

On plan2020's line L2 (40.000.000 allocated, one disbursement of 12.000.000 on 10/06/2020): reversing
2.000.000 of it leaves 10.000.000 disbursed and 10.000.000 left to reverse; reversing the rest leaves 0;
nothing more can be reversed, so the disbursed total never goes below 0.
"""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.programme import rollover, selectors, services_budget
from isogov.programme.models import Disbursement

pytestmark = pytest.mark.django_db
D = dt.date


def entry_of(line) -> Disbursement:
    return Disbursement.objects.get(line=line, reverses=None)


def test_a_reversal_is_a_negative_entry_that_keeps_the_history(plan2020, province):
    l2 = plan2020.lines[1]
    entry = entry_of(l2)
    reversal = services_budget.budget_reverse(disbursement=entry, actor=province.admin, amount=2_000_000,
                                              date=D(2020, 6, 20), reason="Nhập sai số tiền")
    assert (reversal.amount, reversal.reverses, reversal.note) == (-2_000_000, entry, "Nhập sai số tiền")
    assert services_budget.disbursed_total(l2) == 10_000_000
    assert services_budget.reversible_amount(entry) == 10_000_000
    entry.refresh_from_db()
    assert entry.amount == 12_000_000  # the original stays as it was recorded
    # The rest by default; then nothing is left, and the total stays at 0, never below.
    services_budget.budget_reverse(disbursement=entry, actor=province.admin, reason="Hoàn trả", date=D(2020, 6, 21))
    assert services_budget.disbursed_total(l2) == 0
    for amount in (None, 1):
        with pytest.raises(ValidationError) as exc:
            services_budget.budget_reverse(disbursement=entry, actor=province.admin, amount=amount,
                                           reason="Lần nữa", date=D(2020, 6, 22))
        assert "amount" in exc.value.message_dict
    assert services_budget.disbursed_total(l2) == 0
    assert Disbursement.objects.filter(line=l2).count() == 3
    # What was freed may be disbursed again, and the plan's totals are the plain sums.
    services_budget.budget_disburse(line=l2, actor=province.admin, amount=40_000_000, date=D(2020, 7, 1))
    plan = selectors.plan_for(user=province.admin, pk=plan2020.plan.pk)
    assert plan.total_disbursed == 24_500_000 + 40_000_000 + 4_000_000


def test_reversal_refusals_name_the_figures(plan2020, province):
    entry = entry_of(plan2020.lines[1])
    cases = [
        ({"amount": 12_000_001}, "amount", "12.000.000 đ of this disbursement"),
        ({"amount": 12_000_001}, "amount", "-1 đ"),
        ({"amount": 0}, "amount", "more than 0"),
        ({"amount": -5}, "amount", "negative"),
        ({"reason": "  "}, "reason", "why"),
        ({"date": D(2020, 6, 9)}, "date", "10/06/2020"),
        ({"date": dt.date.today() + dt.timedelta(days=2)}, "date", "future"),
    ]
    for change, field, words in cases:
        kwargs = {"amount": 1_000_000, "reason": "Sai", "date": D(2020, 6, 20), **change}
        with pytest.raises(ValidationError) as exc:
            services_budget.budget_reverse(disbursement=entry, actor=province.admin, **kwargs)
        assert words in " ".join(exc.value.message_dict[field]), (change, exc.value.message_dict)
    reversal = services_budget.budget_reverse(disbursement=entry, actor=province.admin, amount=1_000_000,
                                              reason="Sai", date=D(2020, 6, 20))
    with pytest.raises(ValidationError, match="itself a reversal"):
        services_budget.budget_reverse(disbursement=reversal, actor=province.admin, reason="x", date=D(2020, 6, 20))
    assert Disbursement.objects.filter(reverses__isnull=False).count() == 1


def test_the_database_refuses_a_mismatched_sign(plan2020):
    entry = entry_of(plan2020.lines[1])
    for amount, reverses in ((-1, None), (0, None), (1, entry)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Disbursement.objects.create(line=entry.line, amount=amount, date=D(2020, 7, 1), reverses=reverses)


def test_a_reversed_entry_cannot_be_deleted_alone(plan2020, province):
    entry = entry_of(plan2020.lines[1])
    services_budget.budget_reverse(disbursement=entry, actor=province.admin, reason="Sai", date=D(2020, 6, 20))
    with pytest.raises(RestrictedError), transaction.atomic():
        entry.delete()
    plan2020.lines[1].delete()  # going with its line, as any cascade from above would, is allowed
    assert not Disbursement.objects.filter(line_id=entry.line_id).exists()


def test_the_reversal_is_audit_logged(plan2020, province):
    entry = entry_of(plan2020.lines[1])
    reversal = services_budget.budget_reverse(disbursement=entry, actor=province.admin, amount=2_000_000,
                                              date=D(2020, 6, 20), reason="Nhập sai số tiền")
    event = AuditEvent.objects.get(object_type="programme.disbursement", object_id=str(reversal.pk))
    assert event.actor == province.admin and event.action == "create"
    assert event.changes == {"line": {"id": entry.line_id, "name": str(entry.line)}, "amount": -2_000_000,
                             "date": "2020-06-20", "reverses": {"id": entry.pk, "name": str(entry)},
                             "reason": "Nhập sai số tiền"}
    assert "12.000.000" in event.note and "10/06/2020" in event.note


def test_the_next_plan_proposes_the_net_disbursed_amount(plan2020, province):
    entry = entry_of(plan2020.lines[1])
    services_budget.budget_reverse(disbursement=entry, actor=province.admin, amount=2_000_000,
                                   date=D(2020, 6, 20), reason="Sai")
    new = rollover.plan_draft_next(plan=plan2020.plan, actor=province.admin, start_year=2021, end_year=2021)
    line = new.activities.get(title="Duy trì HTQLCL").budget_lines.get()
    assert line.estimate == 10_000_000 and "10.000.000" in line.note


def test_lead_reverses_from_the_activity_page(province, as_user, plan2020):
    client = as_user(province.admin)
    l2 = plan2020.lines[1]
    entry = entry_of(l2)
    page_url = reverse("programme:activity_detail", args=[l2.activity_id])
    url = reverse("programme:disbursement_reverse", args=[entry.pk])
    assert f'data-testid="reverse-{entry.pk}"' in client.get(page_url).content.decode()
    response = client.post(url, {"amount": "13.000.000", "date": "20/06/2020", "reason": "Nhập sai"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "12.000.000 đ of this disbursement" in page and 'value="13.000.000"' in page and 'value="Nhập sai"' in page
    response = client.post(url, {"amount": "", "date": "20/06/2020", "reason": "Hoàn trả toàn bộ"})
    assert response.status_code == 302
    page = client.get(page_url).content.decode()
    assert f'data-testid="line-disbursed-{l2.pk}">0<' in page and "-12.000.000" in page and "Hoàn trả toàn bộ" in page
    assert f'data-testid="reverse-{entry.pk}"' not in page  # nothing left to reverse
    # A second try on the fully reversed entry is refused where the lead can see why.
    response = client.post(url, {"amount": "", "date": "21/06/2020", "reason": "Lần nữa"})
    assert response.status_code == 400 and "Nothing is left to reverse" in response.content.decode()
    assert services_budget.disbursed_total(l2) == 0


def test_outsiders_and_readers_cannot_reverse(province, as_user, plan2020):
    entry = entry_of(plan2020.lines[1])  # activity (2): 842 and its communes take part, not 844 or STP
    url = reverse("programme:disbursement_reverse", args=[entry.pk])
    data = {"amount": "1.000.000", "date": "20/06/2020", "reason": "x"}
    before = (AuditEvent.objects.count(), Disbursement.objects.count())
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.alice, 403),
                           (province.alice_head, 403), (province.viewer, 403), (province.inspector, 403)):
        assert as_user(user).post(url, data).status_code == expected, user
        assert as_user(user).get(url).status_code in (404, 405)
    missing = reverse("programme:disbursement_reverse", args=[99999])
    assert as_user(province.admin).post(missing, data).status_code == 404
    assert (AuditEvent.objects.count(), Disbursement.objects.count()) == before
