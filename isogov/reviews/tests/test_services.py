import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from isogov.compliance.selectors import compliance_card
from isogov.objectives.tests.helpers import objective
from isogov.qms import services as qms_services
from isogov.qms.models import QmsFact
from isogov.qms.tests.helpers import procedure
from isogov.reviews import inputs, services
from isogov.reviews.models import InputKey, Review, ReviewAction
from isogov.reviews.tests.helpers import complete_agenda, held, plan
from isogov.risks import services as risk_services

pytestmark = pytest.mark.django_db


def rendered(review, key, today=dt.date(2026, 3, 10)):
    return [inputs.render(line) for line in inputs.collect(review, today=today)[key]]


def test_planning_fills_the_agenda_in_the_order_of_the_standard(province):
    review = plan(province.d842, province.alice)
    assert [i.key for i in review.agenda.all()] == InputKey.values
    assert review.participant_list == ["Nguyễn Văn Bình", "Trần Thị Cúc — thư ký ISO"]
    with pytest.raises(ValidationError) as exc:
        plan(province.d842)
    assert "already planned for 10/03/2026" in exc.value.message_dict["date"][0]
    plan(province.stp)  # another agency plans its own


def test_holding_needs_chair_participants_notes_and_a_date_not_in_the_future(province):
    review = plan(province.d842, date=dt.date.today() + dt.timedelta(days=3), chair="", participants="")
    with pytest.raises(ValidationError) as exc:
        services.review_hold(review=review, actor=None)
    text = " ".join(exc.value.messages)
    assert "planned for" in text and "chaired" in text and "participants" in text
    assert "Status of actions from previous reviews" in text
    assert Review.objects.get().state == "planned" and not QmsFact.objects.exists()


def test_holding_freezes_the_inputs_records_the_fact_and_the_card_turns_green(province):
    review = plan(province.d842, province.alice)
    complete_agenda(review, province.alice)
    services.review_hold(review=review, actor=province.alice)
    review.refresh_from_db()
    assert review.state == "held" and review.inputs_since == dt.date(2025, 3, 10)
    fact = QmsFact.objects.get()
    assert (fact.kind, fact.date, review.fact_id) == ("management_review", dt.date(2026, 3, 10), fact.pk)
    item = review.agenda.get(key="objectives")
    assert item.collected["lines"][0]["msg"] == "No quality objective recorded."
    with pytest.raises(ValidationError):
        services.agenda_note(item=item, actor=None, notes="sửa biên bản")
    with pytest.raises(ValidationError):
        services.review_delete(review=review, actor=None)
    card = compliance_card(agency=province.d842, today=dt.date(2026, 4, 1))
    assert card.item("management_review").level == "green"
    assert "10/03/2026" in card.item("management_review").fact


def test_actions_decided_are_the_previous_actions_of_the_next_review(province):
    first = held(province.d842, date=dt.date(2025, 3, 10))
    done = services.action_add(review=first, actor=None, kind="improvement", description="Số hóa hồ sơ lưu trữ",
                               owner="Văn phòng", due_date=dt.date(2025, 6, 30))
    services.action_add(review=first, actor=None, kind="resources", description="Bổ sung máy quét",
                        owner="Phòng Tài chính", due_date=dt.date(2025, 9, 30))
    services.action_add(review=first, actor=None, kind="qms_change", description="Sửa quy trình cấp phép",
                        owner="Thư ký ISO", due_date=dt.date(2027, 1, 31))
    services.action_set_done(action=done, actor=None, done=True, done_on=dt.date(2025, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.action_add(review=first, actor=None, kind="x", description="", owner="", due_date=dt.date(2020, 1, 1))
    assert set(exc.value.message_dict) == {"kind", "description", "owner", "due_date"}
    second = plan(province.d842, date=dt.date(2026, 3, 10))
    lines = rendered(second, "previous_actions")
    assert any("Số hóa hồ sơ lưu trữ" in t and "done on 01/06/2025" in t for t in lines)
    assert any("Bổ sung máy quét" in t and "overdue since 30/09/2025" in t for t in lines)
    assert any("Sửa quy trình cấp phép" in t and "open, due 31/01/2027" in t for t in lines)
    assert ReviewAction.objects.count() == 3


def test_inputs_collect_scope_changes_objectives_risks_and_nonconformities(province):
    agency = province.d842
    qms_services.agency_transition(agency=agency, actor=None, to_state="building")
    qms_services.scope_add(agency=agency, actor=None, procedure=procedure())
    o = objective(agency, year=2025, target="98")
    from isogov.objectives import services as objective_services

    objective_services.measurement_record(objective=o, actor=None, period_index=1, value=Decimal("99"))
    objective_services.measurement_record(objective=o, actor=None, period_index=2, value=Decimal("95"))
    risk_services.risk_create(agency=agency, actor=None, kind="risk", description="Mất dữ liệu", likelihood=4,
                              impact=4, owner="CNTT", review_date=dt.date(2025, 1, 1))
    risk_services.risk_create(agency=agency, actor=None, kind="opportunity", description="Dịch vụ công trực tuyến",
                              likelihood=3, impact=3, owner="Văn phòng", review_date=dt.date(2027, 1, 1))
    review = plan(agency, date=dt.date(2026, 3, 10))
    objectives_lines = rendered(review, "objectives")
    assert any("Hồ sơ giải quyết đúng hạn" in t and "97 %" in t and "not achieved" in t for t in objectives_lines)
    assert any("01/2025: 99 %" in t and "02/2025: 95 % ✗" in t for t in rendered(review, "process_performance"))
    risks = rendered(review, "risks")
    assert risks[0].startswith("2 open risks and opportunities: 1 high, 1 medium")
    assert "1 due for review" in risks[1]
    assert any("Dịch vụ công trực tuyến" in t for t in rendered(review, "improvement"))
    # The scope changed today: a review held today reports it.
    services.review_delete(review=review, actor=None)
    today = dt.date.today()
    changes = rendered(plan(agency, date=today), "changes", today)
    assert any("Procedure 1.001193 added to the scope" in t for t in changes)


def test_nonconformities_and_legal_documents_when_those_modules_exist(province):
    capa = pytest.importorskip("isogov.capa.services")
    capa.nonconformity_open(agency=province.d842, actor=None, source="other", description="Trả hồ sơ trễ hạn",
                            detected_on=dt.date(2026, 2, 1))
    review = plan(province.d842, date=dt.date(2026, 3, 10))
    lines = rendered(review, "nonconformities")
    assert lines[0].startswith("1 open nonconformities") and any("Trả hồ sơ trễ hạn" in t for t in lines)


def test_feedback_lines_read_the_summaries():
    lines = [inputs.render(x) for x in inputs.feedback_lines(
        {"rate": 96.6, "surveyed": 290, "by_procedure": [
            {"code": "1.001193", "name": "Đăng ký khai sinh", "rate": 90.0, "surveyed": 40},
            {"code": "", "name": "", "rate": 97.6, "surveyed": 250}, {"code": "2.1", "rate": None}]},
        {"received": 4, "handled": 3, "open": 1, "nonconformities": 1}, "/x/")]
    assert lines == ["Satisfaction: 96,6 % of 290 people surveyed", "1.001193 Đăng ký khai sinh: 90 % of 40",
                     "Whole agency: 97,6 % of 250", "Complaints: 4 received, 3 handled, 1 open",
                     "1 complaints led to a nonconformity"]


def test_inputs_are_shown_in_the_language_of_the_reader(province, vietnamese):
    review = plan(province.d842)
    lines = inputs.collect(review, today=dt.date(2026, 3, 10))["objectives"]
    assert inputs.render(lines[0]) != "" and lines[0]["msg"] == "No quality objective recorded."


def test_audit_results_come_from_the_latest_reported_audit(province, iso2015):
    audits = pytest.importorskip("isogov.audits.models")
    programme = audits.AuditProgramme.objects.create(agency=province.d842, year=2026)
    clause = iso2015.clauses.filter(number="8.5.1").first() or iso2015.clauses.first()
    audit = audits.Audit.objects.create(agency=province.d842, programme=programme, title="Đánh giá nội bộ đợt 1",
                                        planned_month=2, scope="Toàn bộ HTQLCL", framework=iso2015,
                                        state="reported", audit_date=dt.date(2026, 2, 10),
                                        reported_on=dt.date(2026, 2, 20))
    for grade in ("minor", "minor", "observation", "good_practice"):
        audits.Finding.objects.create(audit=audit, grade=grade, clause=clause, description="…")
    review = plan(province.d842)
    assert rendered(review, "audit_results") == [
        "Last internal audit “Đánh giá nội bộ đợt 1”, reported on 20/02/2026: 0 major and 2 minor "
        "nonconformities, 1 observations, 1 good practices"]
