import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import PDF_BYTES, pdf
from isogov.programme import services_activity, services_budget
from isogov.programme.models import Activity, Disbursement, Evidence, Objective, Plan
from isogov.programme.tests.helpers import build_plan

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_lead_sees_drafts_agencies_only_approved_plans(province, as_user, plan2020):
    draft = build_plan(province, approve=False).plan
    page = html(as_user(province.admin).get(reverse("programme:index")))
    assert "New plan" in page and page.count("Kế hoạch duy trì ISO 2020") == 2
    page = html(as_user(province.alice).get(reverse("programme:index")))
    assert page.count("Kế hoạch duy trì ISO 2020") == 1 and "New plan" not in page
    assert as_user(province.alice).get(reverse("programme:plan_detail", args=[draft.pk])).status_code == 404
    assert as_user(province.viewer).get(reverse("programme:plan_detail", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("user, visible", [
    ("alice", {"Hội nghị triển khai", "Duy trì HTQLCL"}),
    ("bob", {"Hội nghị triển khai", "Kiểm tra Càng Long"}),
    ("charlie", {"Hội nghị triển khai"}),
    ("inspector", {"Hội nghị triển khai", "Duy trì HTQLCL", "Kiểm tra Càng Long", "Xây dựng kế hoạch"}),
])
def test_agencies_see_only_the_activities_they_take_part_in(province, as_user, plan2020, user, visible):
    client = as_user(getattr(province, user))
    page = html(client.get(reverse("programme:plan_activities", args=[plan2020.plan.pk])))
    titles = {a.title for a in plan2020.activities}
    assert {t for t in titles if f">{t}</a>" in page} == visible
    for a in plan2020.activities:
        status = client.get(reverse("programme:activity_detail", args=[a.pk])).status_code
        assert status == (200 if a.title in visible else 404), (user, a.title)
    budget = html(client.get(reverse("programme:plan_budget", args=[plan2020.plan.pk])))
    assert ("Kiểm tra tại đơn vị" in budget) == ("Kiểm tra Càng Long" in visible)


def test_outsiders_and_readers_cannot_change_anything(province, as_user, plan2020):
    a2, l2 = plan2020.activities[1], plan2020.lines[1]
    before = (AuditEvent.objects.count(), Disbursement.objects.count(), list(Activity.objects.values()))
    posts = [
        (reverse("programme:activity_progress", args=[a2.pk]), {"status": "done", "progress": "100"}),
        (reverse("programme:line_disburse", args=[l2.pk]), {"amount": "1.000.000", "date": "01/07/2020"}),
        (reverse("programme:evidence_add", args=[a2.pk]), {"file": pdf()}),
        (reverse("programme:line_edit", args=[l2.pk]), {"allocated": "1"}),
        (reverse("programme:activity_edit", args=[a2.pk]), {"delete": "1"}),
    ]
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.alice, 403),
                           (province.alice_head, 403), (province.viewer, 403), (province.inspector, 403)):
        client = as_user(user)
        for url, data in posts:
            assert client.post(url, data).status_code == expected, (user, url)
    for user in (province.viewer, province.alice):
        client = as_user(user)
        for url, data in ((reverse("programme:plan_create"), {"title": "x"}),
                          (reverse("programme:plan_approve", args=[plan2020.plan.pk]), {}),
                          (reverse("programme:plan_next", args=[plan2020.plan.pk]), {"start_year": "2021"}),
                          (reverse("programme:objective_create", args=[plan2020.plan.pk]), {"title": "x"})):
            assert client.post(url, data).status_code == 403
    assert (AuditEvent.objects.count(), Disbursement.objects.count(), list(Activity.objects.values())) == before


def test_lead_records_a_disbursement_and_the_page_shows_it(province, as_user, plan2020):
    client = as_user(province.admin)
    l2 = plan2020.lines[1]
    url = reverse("programme:line_disburse", args=[l2.pk])
    response = client.post(url, {"amount": "8.000.000", "date": "15/08/2020", "note": "Đợt 2"})
    assert response.status_code == 302
    page = html(client.get(reverse("programme:activity_detail", args=[l2.activity_id])))
    assert f'data-testid="line-disbursed-{l2.pk}">20.000.000' in page
    assert 'data-testid="value-disbursed">20.000.000 đ' in page
    response = client.post(url, {"amount": "20.000.001", "date": "15/08/2020", "note": "Quá"})
    assert response.status_code == 400
    page = html(response)
    assert "over the 40.000.000 đ allocated" in page and 'value="20.000.001"' in page and 'value="Quá"' in page
    response = client.post(url, {"amount": "1.000,5", "date": "15/08/2020"})
    assert response.status_code == 400 and "without decimals" in html(response)
    assert Disbursement.objects.filter(line=l2).count() == 2


def test_budget_page_reconciles_totals_and_warns_about_ceilings(province, as_user, plan2020):
    page = html(as_user(province.admin).get(reverse("programme:plan_budget", args=[plan2020.plan.pk])))
    assert 'data-testid="total-estimate">104.500.000' in page
    assert 'data-testid="total-disbursed">40.500.000' in page
    assert "over the legal ceiling of 39.000.000 đ for 3 agencies" in page
    overview = html(as_user(province.admin).get(reverse("programme:plan_detail", args=[plan2020.plan.pk])))
    assert 'data-testid="plan-progress">47%' in overview and "equal weights" in overview


def test_timeline_flags_overdue_activities_and_draws_today(province, as_user, plan2020, monkeypatch):
    from django.utils import timezone
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2020, 12, 5))
    page = html(as_user(province.admin).get(reverse("programme:plan_activities", args=[plan2020.plan.pk])))
    assert 'data-testid="today-line"' in page
    # (3) ended 30/11/2020 without being done; (2) ends 31/12; (1) done; (4) cancelled.
    assert page.count('data-testid="overdue"') == 1 and 'class="late" data-testid="bar-activity-3"' in page


def test_plan_forms_keep_what_was_typed(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("programme:plan_create"), {
        "title": "Kế hoạch 2021–2025", "start_year": "2025", "end_year": "2021", "decision_number": "12/QĐ-UBND"})
    assert response.status_code == 400
    page = html(response)
    assert "cannot come before" in page and "Kế hoạch 2021–2025" in page and "12/QĐ-UBND" in page
    response = client.post(reverse("programme:plan_create"), {
        "title": "Kế hoạch 2021", "start_year": "2021", "end_year": "2021", "decision_file": pdf(content=b"no")})
    assert response.status_code == 400 and "not a PDF" in html(response)
    assert not Plan.objects.exists()
    response = client.post(reverse("programme:plan_create"), {
        "title": "Kế hoạch 2021", "start_year": "2021", "end_year": "2021", "decision_file": pdf()})
    plan = Plan.objects.get()
    assert response.status_code == 302 and plan.lead_unit == province.skhcn
    response = client.post(reverse("programme:objective_create", args=[plan.pk]),
                           {"title": "Mục tiêu A", "target_percent": "120", "metric": "announced"})
    assert response.status_code == 400 and "Mục tiêu A" in html(response)
    assert client.post(reverse("programme:objective_create", args=[plan.pk]),
                       {"title": "Mục tiêu A", "target_percent": "90", "metric": "announced"}).status_code == 302
    assert Objective.objects.get().target_percent == 90
    decision = client.get(reverse("programme:plan_decision_file", args=[plan.pk]))
    assert b"".join(decision.streaming_content) == PDF_BYTES
    assert decision["Content-Disposition"].startswith("attachment") and decision["Content-Type"] == "application/pdf"
    assert decision["X-Content-Type-Options"] == "nosniff"


def test_activity_form_takes_whole_tiers_and_reshows_errors(province, as_user):
    plan = build_plan(province, approve=False).plan
    client = as_user(province.admin)
    url = reverse("programme:activity_create", args=[plan.pk])
    response = client.post(url, {"title": "Tập huấn", "start_date": "01/05/2020", "end_date": "31/02/2020"})
    assert response.status_code == 400 and "Tập huấn" in html(response) and "31/02/2020" in html(response)
    response = client.post(url, {"title": "Tập huấn", "start_date": "01/05/2020", "end_date": "30/06/2020",
                                 "participant_tiers": [province.tiers["commune"].pk],
                                 "participants": [province.stp.pk]})
    assert response.status_code == 302
    activity = Activity.objects.get(title="Tập huấn")
    assert sorted(activity.participants.values_list("code", flat=True)) == ["29242", "29245", "29278", "STP"]


def test_evidence_is_checked_by_content_and_served_only_to_readers(province, as_user, plan2020, media):
    a2 = plan2020.activities[1]
    client = as_user(province.admin)
    url = reverse("programme:evidence_add", args=[a2.pk])
    response = client.post(url, {"file": pdf(name="bien-ban.docx", content=b"MZ\x90\x00 not a document")})
    assert response.status_code == 400 and "Accepted evidence files" in html(response)
    assert not Evidence.objects.exists() and not any(p.is_file() for p in media.rglob("*"))
    assert client.post(url, {"file": pdf(name="bien-ban.exe"), "note": "Biên bản"}).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "bien-ban.pdf" and evidence.content_type == "application/pdf"
    file_url = reverse("programme:evidence_file", args=[a2.pk, evidence.pk])
    served = as_user(province.alice).get(file_url)
    assert b"".join(served.streaming_content) == PDF_BYTES and served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"].startswith("attachment") and served["X-Content-Type-Options"] == "nosniff"
    assert as_user(province.bob).get(file_url).status_code == 404


def test_draft_next_plan_page(province, as_user, plan2020):
    client = as_user(province.admin)
    url = reverse("programme:plan_next", args=[plan2020.plan.pk])
    page = html(client.get(url))
    assert "Duy trì HTQLCL" in page and "Kiểm tra Càng Long" in page and "(1) Hội nghị" not in page
    response = client.post(url, {"title": "Kế hoạch 2021–2025", "start_year": "2020", "end_year": "2025"})
    assert response.status_code == 400 and "starts after" in html(response)
    response = client.post(url, {"title": "Kế hoạch 2021–2025", "start_year": "2021", "end_year": "2025"})
    new = Plan.objects.get(title="Kế hoạch 2021–2025")
    assert response.status_code == 302 and new.activities.count() == 2


def grow(province, plan):
    """More activities, participants, lines and disbursements in the same plan, and more plans."""
    lead = province.admin
    for _ in range(6):
        build_plan(province)
    agencies = [province.skhcn, province.stp, province.d842, province.c29242, province.c29245, province.d844]
    lines = []
    for i in range(8):
        a = Activity.objects.create(plan=plan, number=10 + i, title=f"Thêm {i}", start_date=dt.date(2020, 1, 1),
                                    end_date=dt.date(2020, 6, 30), lead_unit=province.stp)
        a.participants.set(agencies)
        for j in range(3):
            lines.append(services_budget.BudgetLine.objects.create(activity=a, description=f"L{i}.{j}",
                                                                   estimate=1000, allocated=1000))
    for line in lines:
        services_budget.budget_disburse(line=line, actor=lead, amount=500, date=dt.date(2020, 3, 1))
    services_activity.evidence_add(activity=Activity.objects.get(plan=plan, number=10), actor=lead, upload=pdf())


@pytest.mark.parametrize("name", ["index", "plan_detail", "plan_activities", "plan_budget", "activity_detail"])
def test_pages_cost_the_same_number_of_queries_whatever_the_data(province, client, plan2020, name):
    plan = plan2020.plan

    def count():
        client.force_login(province.admin)
        args = {"index": [], "activity_detail": [plan2020.activities[1].pk]}.get(name, [plan.pk])
        url = reverse(f"programme:{name}", args=args)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    small = count()
    grow(province, plan)
    assert count() == small
