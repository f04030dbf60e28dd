import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import pdf
from isogov.qms import services
from isogov.qms.models import Announcement, FactKind, Transition
from isogov.qms.states import QmsState
from isogov.qms.tests.helpers import announce, procedure, walk_to_confirmed
from isogov.registry.services import agency_merge

pytestmark = pytest.mark.django_db


def messages_of(exc_info) -> str:
    return " ".join(exc_info.value.messages)


def test_full_lifecycle_records_every_step_with_actor(province):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    announce(agency, province.alice)
    services.agency_transition(agency=agency, actor=province.alice, to_state=QmsState.MAINTAINING)
    agency.refresh_from_db()
    assert agency.qms_state == QmsState.MAINTAINING
    steps = list(Transition.objects.filter(agency=agency).order_by("at", "id").values_list(
        "from_state", "to_state", "actor__username"))
    assert steps == [
        ("not_started", "building", "alice"),
        ("building", "applying", "alice"),
        ("applying", "confirmed", "alice_head"),
        ("confirmed", "announced", "alice"),
        ("announced", "maintaining", "alice"),
    ]
    assert AuditEvent.objects.filter(agency=agency, action="transition").count() == 5


def test_cannot_skip_states(province):
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=province.d842, actor=province.alice, to_state=QmsState.CONFIRMED)
    assert "cannot go from" in messages_of(exc)
    province.d842.refresh_from_db()
    assert province.d842.qms_state == QmsState.NOT_STARTED and not Transition.objects.exists()


def test_applying_needs_scope_and_secretary(province):
    agency = province.c29242  # no ISO secretary, no scope
    services.agency_transition(agency=agency, actor=province.alice, to_state=QmsState.BUILDING)
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=agency, actor=province.alice, to_state=QmsState.APPLYING)
    text = messages_of(exc)
    assert "scope" in text and "ISO secretary" in text
    agency.refresh_from_db()
    assert agency.qms_state == QmsState.BUILDING


def test_confirmation_needs_audit_review_and_the_head(province):
    agency = province.d842
    services.agency_transition(agency=agency, actor=province.alice, to_state="building")
    services.scope_add(agency=agency, actor=province.alice, procedure=procedure())
    services.agency_transition(agency=agency, actor=province.alice, to_state="applying")
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=agency, actor=province.alice_head, to_state="confirmed")
    assert "internal audit" in messages_of(exc) and "management review" in messages_of(exc)
    services.fact_record(agency=agency, actor=province.alice, kind=FactKind.INTERNAL_AUDIT, date=dt.date(2020, 1, 5))
    services.fact_record(agency=agency, actor=province.alice, kind=FactKind.MANAGEMENT_REVIEW,
                         date=dt.date(2020, 2, 5))
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=agency, actor=province.alice, to_state="confirmed")
    assert "Only the agency head" in messages_of(exc)
    services.agency_transition(agency=agency, actor=province.alice_head, to_state="confirmed")
    agency.refresh_from_db()
    assert agency.qms_state == QmsState.CONFIRMED


def test_announced_state_only_through_an_announcement(province):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=agency, actor=province.alice, to_state=QmsState.ANNOUNCED)
    assert "signed announcement decision" in messages_of(exc)


@pytest.mark.parametrize("field,kwargs,expected", [
    ("decision_number", {"decision_number": ""}, "This field cannot be blank."),
    ("decision_date", {"decision_date": None}, "This field cannot be null."),
    ("decision_date", {"decision_date": dt.date.today() + dt.timedelta(days=30)}, "future"),
    ("signed_file", {"signed_file": None}, "Attach the signed decision"),
    ("signed_file", {"signed_file": pdf(content=b"PK\x03\x04 not a pdf")}, "not a PDF"),
    ("signed_file", {"signed_file": pdf(content=b"")}, "empty"),
    ("notified_on", {"notified_on": dt.date(2020, 1, 1)}, "before the decision date"),
])
def test_announcement_refusals_leave_nothing_behind(province, settings, tmp_path, field, kwargs, expected):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    args = {"decision_number": "15/QĐ-UBND", "decision_date": dt.date(2020, 5, 4), "signed_file": pdf()} | kwargs
    with pytest.raises(ValidationError) as exc:
        services.agency_announce(agency=agency, actor=province.alice, **args)
    assert field in exc.value.message_dict
    assert expected in " ".join(exc.value.message_dict[field])
    agency.refresh_from_db()
    assert agency.qms_state == QmsState.CONFIRMED
    assert not Announcement.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_announcement_needs_a_confirmed_agency(province):
    services.agency_transition(agency=province.d842, actor=province.alice, to_state="building")
    with pytest.raises(ValidationError) as exc:
        announce(province.d842, province.alice)
    assert "effectiveness confirmed first" in messages_of(exc)


def test_announcement_snapshots_scope(province):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    a = announce(agency, province.alice)
    assert a.scope_codes == ["1.001193"] and not a.is_reannouncement
    assert a.signed_file.read().startswith(b"%PDF-")


def test_signed_file_is_stored_under_a_pdf_name_whatever_it_was_called(province, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    a = services.agency_announce(agency=agency, actor=province.alice, decision_number="15/QĐ-UBND",
                                 decision_date=dt.date(2020, 5, 4), signed_file=pdf(name="..\\quyet-dinh.html"))
    assert a.signed_file.name.startswith("announcements/842/quyet-dinh") and a.signed_file.name.endswith(".pdf")


@pytest.mark.parametrize("change", ["add", "remove", "merge"])
def test_scope_change_makes_reannouncement_due(province, change):
    agency = walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    services.scope_add(agency=agency, actor=province.alice, procedure=procedure("1.001022", "Chứng thực bản sao"))
    announce(agency, province.alice)
    services.agency_transition(agency=agency, actor=province.alice, to_state=QmsState.MAINTAINING)
    if change == "add":
        services.scope_add(agency=agency, actor=province.alice, procedure=procedure("1.000894", "Đăng ký kết hôn"))
    elif change == "remove":
        services.scope_remove(agency=agency, actor=province.alice, procedure=procedure())
    else:
        agency_merge(actor=province.admin, agency=province.d844, into=agency, effective_date=dt.date(2025, 7, 1))
    agency.refresh_from_db()
    assert agency.qms_state == QmsState.REANNOUNCE_DUE
    again = announce(agency, province.alice, number="40/QĐ-UBND")
    agency.refresh_from_db()
    assert again.is_reannouncement and agency.qms_state == QmsState.ANNOUNCED


def test_scope_change_before_announcement_changes_no_state(province):
    services.agency_transition(agency=province.d842, actor=province.alice, to_state="building")
    services.scope_add(agency=province.d842, actor=province.alice, procedure=procedure())
    province.d842.refresh_from_db()
    assert province.d842.qms_state == QmsState.BUILDING


def test_stepping_back_needs_a_reason(province):
    services.agency_transition(agency=province.d842, actor=province.alice, to_state="building")
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=province.d842, actor=province.alice, to_state="not_started")
    assert "Say why" in messages_of(exc)
    services.agency_transition(agency=province.d842, actor=province.alice, to_state="not_started",
                               note="Clicked by mistake")
    assert Transition.objects.filter(to_state="not_started", note="Clicked by mistake").exists()


def test_a_decomposed_note_is_stored_composed_in_the_step_and_the_trail(province):
    services.agency_transition(agency=province.d842, actor=province.alice, to_state="building")
    note = unicodedata.normalize("NFD", "Bấm nhầm, quay lại")
    services.agency_transition(agency=province.d842, actor=province.alice, to_state="not_started", note=note)
    composed = unicodedata.normalize("NFC", note)
    assert Transition.objects.get(to_state="not_started").note == composed
    assert AuditEvent.objects.filter(action="transition").order_by("-pk")[0].note == composed


def test_fact_in_future_refused(province):
    with pytest.raises(ValidationError) as exc:
        services.fact_record(agency=province.d842, actor=province.alice, kind=FactKind.INTERNAL_AUDIT,
                             date=dt.date.today() + dt.timedelta(days=3))
    assert "future" in messages_of(exc)


def test_merge_records_dates_and_target(province):
    agency_merge(actor=province.admin, agency=province.c29245, into=province.c29242,
                 effective_date=dt.date(2025, 7, 1), note="Nghị quyết 1687/NQ-UBTVQH15")
    province.c29245.refresh_from_db()
    assert province.c29245.status == "merged" and province.c29245.merged_into == province.c29242
    assert province.c29245.ended_on == dt.date(2025, 7, 1)
    with pytest.raises(ValidationError):
        agency_merge(actor=province.admin, agency=province.d842, into=province.c29242,
                     effective_date=dt.date(2025, 7, 1))


def test_a_merged_agency_takes_no_more_lifecycle_steps(province):
    agency_merge(actor=province.admin, agency=province.c29245, into=province.c29242,
                 effective_date=dt.date(2025, 7, 1))
    province.c29245.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.agency_transition(agency=province.c29245, actor=province.admin, to_state=QmsState.BUILDING)
    assert "no longer active" in messages_of(exc)
    with pytest.raises(ValidationError) as exc:
        announce(province.c29245, province.admin)
    assert "no longer active" in messages_of(exc)
    assert not Transition.objects.filter(agency=province.c29245).exists()
