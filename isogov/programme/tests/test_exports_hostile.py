"""The plan's XLSX and DOCX open whatever old records hold, and no cell of the XLSX is a live formula."""
import pytest
from django.urls import reverse

from isogov.core.tests.hostile import docx_text, poison, xlsx_cells
from isogov.programme.models import BudgetLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_plan(province, plan2020):
    """Plan 2020 as records stored before the cleaner might hold it: formulas and control characters."""
    plan = plan2020.plan
    for record in (plan, *plan2020.objectives, *plan2020.activities, *BudgetLine.objects.filter(activity__plan=plan),
                   *province.tiers.values()):
        poison(record)
    poison(province.skhcn, skip=("code",))
    return plan


def test_xlsx_opens_and_a_formula_title_stays_text(province, as_user, hostile_plan):
    response = as_user(province.admin).get(reverse("programme:plan_xlsx", args=[hostile_plan.pk]))
    assert response.status_code == 200
    cells = xlsx_cells(response.content)
    title = next(c for c in cells if isinstance(c.value, str) and c.value.startswith(hostile_plan.title[:3]))
    assert title.data_type == "s" and "HYPERLINK" in title.value
    numbers = [c.value for c in cells if isinstance(c.value, int)]
    assert 104_500_000 in numbers  # figures stay numbers


def test_docx_opens_with_control_characters_stored_everywhere(province, as_user, hostile_plan):
    response = as_user(province.admin).get(reverse("programme:plan_docx", args=[hostile_plan.pk]))
    assert response.status_code == 200
    assert 'HYPERLINK("http://evil.example","x")' in docx_text(response.content)


def test_a_plan_titled_as_a_formula_is_exported_as_text(province, as_user):
    from isogov.programme import services

    title = '=HYPERLINK("http://evil.example","Bấm vào")'
    plan = services.plan_create(actor=province.admin, title=title, start_year=2026, end_year=2026)
    response = as_user(province.admin).get(reverse("programme:plan_xlsx", args=[plan.pk]))
    cell = next(c for c in xlsx_cells(response.content) if c.value == title)
    assert cell.data_type == "s"
