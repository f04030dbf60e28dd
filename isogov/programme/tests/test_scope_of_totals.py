"""Totals respect the scope of the rows (issue 7, defect 13): an agency user sees the plan's figures summed over
the activities they may see, on every page and export, the programme lead over all of them.

plan2020 (helpers.py): (1) 842, 844, SKHCN, STP; (2) 842 and its communes; (3) 844 and its commune; (4) SKHCN.
"""
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from isogov.programme import selectors

pytestmark = pytest.mark.django_db

# user: (activities, estimate, allocated, committed, disbursed, progress %)
EXPECTED = {
    "admin": (4, 104_500_000, 99_500_000, 20_000_000, 40_500_000, 47),
    "inspector": (4, 104_500_000, 99_500_000, 20_000_000, 40_500_000, 47),
    "alice": (2, 64_500_000, 64_500_000, 0, 36_500_000, 70),  # (1) and (2)
    "bob": (2, 54_500_000, 49_500_000, 20_000_000, 24_500_000, 50),  # (1) and (3)
    "charlie": (1, 24_500_000, 24_500_000, 0, 24_500_000, 100),  # (1)
}
WHOLE_PLAN = ("104.500.000", "99.500.000", "40.500.000")


def dong(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.mark.parametrize("who", list(EXPECTED))
def test_plan_totals_are_summed_over_the_activities_the_user_sees(province, plan2020, who):
    user = getattr(province, who)
    count, estimate, allocated, committed, disbursed, progress = EXPECTED[who]
    plan = selectors.plan_for(user=user, pk=plan2020.plan.pk)
    assert (plan.activity_count, plan.total_estimate, plan.total_allocated, plan.total_committed,
            plan.total_disbursed, selectors.plan_progress(plan)) == EXPECTED[who]
    assert [p.total_estimate for p in selectors.plans_for(user=user)] == [estimate]


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_agency_pages_and_exports_hold_no_province_wide_figure(province, as_user, plan2020, who):
    client = as_user(getattr(province, who))
    count, estimate, allocated, committed, disbursed, progress = EXPECTED[who]
    pk = plan2020.plan.pk
    index = client.get(reverse("programme:index")).content.decode()
    overview = client.get(reverse("programme:plan_detail", args=[pk])).content.decode()
    budget = client.get(reverse("programme:plan_budget", args=[pk])).content.decode()
    activities = client.get(reverse("programme:plan_activities", args=[pk])).content.decode()
    for name, page in (("index", index), ("overview", overview), ("budget", budget), ("activities", activities)):
        for figure in WHOLE_PLAN:
            assert figure not in page, (who, name, figure)
    assert dong(estimate) in index and dong(disbursed) in index and f"{progress}%" in index
    assert f'data-testid="plan-total">{dong(estimate)}<' in overview
    assert f"<strong>{progress}%</strong>" in overview

    wb = load_workbook(io.BytesIO(client.get(reverse("programme:plan_xlsx", args=[pk])).content))
    summary = list(wb.worksheets[0].iter_rows(values_only=True))
    assert [row[1] for row in summary[5:10]] == [progress, estimate, allocated, committed, disbursed]
    cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert 104_500_000 not in cells and 40_500_000 not in cells
    doc = Document(io.BytesIO(client.get(reverse("programme:plan_docx", args=[pk])).content))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    for figure in WHOLE_PLAN:
        assert figure not in text, (who, "docx", figure)


def test_the_lead_sees_the_whole_plan(province, as_user, plan2020):
    client = as_user(province.admin)
    overview = client.get(reverse("programme:plan_detail", args=[plan2020.plan.pk])).content.decode()
    assert 'data-testid="plan-total">104.500.000<' in overview and "<strong>47%</strong>" in overview
    index = client.get(reverse("programme:index")).content.decode()
    assert "104.500.000" in index and "40.500.000" in index
