import pytest
from django.core.exceptions import ValidationError

from isogov.audit.models import AuditEvent
from isogov.capa import action_services, services
from isogov.capa.models import Nonconformity, Source, State, Step
from isogov.capa.tests.helpers import analysed, awaiting, days, in_progress, open_nc, with_action

pytestmark = pytest.mark.django_db


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_open_numbers_per_agency_and_logs(province):
    a = open_nc(province.d842, province.alice)
    b = open_nc(province.d842, province.alice)
    c = open_nc(province.d844, province.bob)
    assert (a.number, b.number, c.number) == (1, 2, 1)
    assert a.state == State.DRAFT and Step.objects.filter(nonconformity=a, to_state="draft").exists()
    assert AuditEvent.objects.filter(object_type="capa.nonconformity", action="create").count() == 3


def test_open_refuses_bad_input(province):
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_open(agency=province.d842, actor=province.alice, source="rumour", description=" ",
                                    detected_on=days(3))
    assert set(exc.value.message_dict) == {"source", "description", "detected_on"}
    assert "future" in exc.value.message_dict["detected_on"][0]
    assert not Nonconformity.objects.exists()


def test_origin_of_another_agency_is_refused(province):
    foreign = open_nc(province.d844, province.bob)
    with pytest.raises(ValidationError) as exc:
        open_nc(province.d842, province.alice, origin=foreign)
    assert "another agency" in messages(exc)


def test_origin_is_linked_and_named(province):
    first = open_nc(province.d842, province.alice)
    nc = open_nc(province.d842, province.alice, origin=first, source=Source.OTHER)
    nc.refresh_from_db()
    assert nc.origin == first and nc.origin_label == str(first)


def test_root_cause_needs_a_full_why_or_text(province):
    nc = open_nc(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_analyse(nc=nc, actor=province.alice, whys=[("", "")], root_cause="")
    assert "at least one “why”" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_analyse(nc=nc, actor=province.alice, whys=[("Vì sao?", "")])
    assert "Why 1: give both" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_analyse(nc=nc, actor=province.alice, whys=[("a", "b")] * 6)
    assert "At most 5" in messages(exc)
    nc = services.nonconformity_analyse(nc=nc, actor=province.alice, whys=[], root_cause="Thiếu quy định phối hợp")
    assert nc.state == State.ANALYSED and nc.analysed_on


def test_action_plan_needs_an_action(province):
    nc = analysed(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="action_plan")
    assert "Add at least one corrective action" in messages(exc)


def test_steps_cannot_be_skipped(province):
    nc = open_nc(province.d842, province.alice)
    for target in ("action_plan", "in_progress", "awaiting_verification", "closed"):
        with pytest.raises(ValidationError) as exc:
            services.nonconformity_step(nc=nc, actor=province.alice, to_state=target)
        assert "cannot go from “Draft”" in messages(exc)


def test_actions_only_after_root_cause(province):
    nc = open_nc(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        action_services.action_add(nc=nc, actor=province.alice, description="x", owner_name="A", due_date=days(5))
    assert "once the root cause is recorded" in messages(exc)


def test_action_refusals(province):
    nc = analysed(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        action_services.action_add(nc=nc, actor=province.alice, description="", owner=None, owner_name="",
                                   due_date=days(-400))
    assert set(exc.value.message_dict) == {"description", "owner", "due_date"}
    with pytest.raises(ValidationError) as exc:
        action_services.action_add(nc=nc, actor=province.alice, description="x", owner=province.bob,
                                   due_date=days(5))
    assert "does not work for this agency" in messages(exc)


def test_verification_needs_all_actions_done(province):
    nc, action = in_progress(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="awaiting_verification")
    assert "1 action(s) not done yet" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        action_services.action_complete(action=action, actor=province.alice, done_on=days(-1), evidence="")
    assert "what shows the action is done" in messages(exc)


def test_full_path_to_closed(province):
    nc, action = awaiting(province.d842, province.alice, owner=province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.alice, verdict="effective", note="ok")
    assert "You own one of the actions" in messages(exc)
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective",
                                  note="3 tháng không còn hồ sơ trễ hạn", verified_on=days(0))
    nc.refresh_from_db()
    assert nc.state == State.CLOSED and nc.closed_on == days(0)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_cancel(nc=nc, actor=province.alice, reason="x")
    assert "can no longer change" in messages(exc)
    with pytest.raises(ValidationError):
        action_services.action_add(nc=nc, actor=province.alice, description="x", owner_name="A", due_date=days(5))


def test_verifier_named_as_owner_without_account_is_refused(province):
    nc, _ = awaiting(province.d842, province.alice, owner_name="alice_head")
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note="ok")
    assert "You own one of the actions" in messages(exc)


def test_verification_date_not_before_last_action(province):
    nc, _ = awaiting(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note="ok",
                                      verified_on=days(-5))
    assert "before the last action done" in messages(exc)


def test_not_effective_reopens_and_needs_new_actions(province):
    nc, action = awaiting(province.d842, province.alice)
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="not_effective",
                                  note="Vẫn còn 2 hồ sơ trễ hạn")
    nc.refresh_from_db()
    assert nc.state == State.ACTION_PLAN and nc.cycle == 2
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="in_progress")
    assert "add a new action or reopen one" in messages(exc)
    action_services.action_reopen(action=action, actor=province.alice, due_date=days(20),
                                  note="Bổ sung nhắc việc tự động")
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="in_progress")  # adopts the revision
    action.refresh_from_db()
    assert action.done_on is None and action.cycle == 2
    assert nc.verifications.get().verdict == "not_effective"  # the history stays
    assert list(nc.steps.values_list("to_state", flat=True))[:2] == ["in_progress", "action_plan"]


def test_new_action_also_unblocks_next_cycle(province):
    nc, _ = awaiting(province.d842, province.alice)
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="not_effective", note="x")
    nc.refresh_from_db()
    action_services.action_add(nc=nc, actor=province.alice, description="Đào tạo lại", owner_name="B",
                               due_date=days(15))
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="in_progress")


def test_cancel_needs_reason_from_any_open_state(province):
    nc, _ = in_progress(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_cancel(nc=nc, actor=province.alice, reason="  ")
    assert "Say why" in messages(exc)
    services.nonconformity_cancel(nc=nc, actor=province.alice, reason="Trùng với #1")
    nc.refresh_from_db()
    assert nc.state == State.CANCELLED and nc.cancel_reason == "Trùng với #1"


def test_root_cause_frozen_once_actions_start(province):
    nc, _ = in_progress(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_analyse(nc=nc, actor=province.alice, whys=[], root_cause="khác")
    assert "can no longer change" in messages(exc)


def test_done_action_cannot_be_deleted_and_earlier_cycle_stays(province):
    nc, action = with_action(province.d842, province.alice)
    action_services.action_delete(action=action, actor=province.alice)
    assert not nc.actions.exists()
    assert AuditEvent.objects.filter(object_type="capa.correctiveaction", action="delete").exists()


def test_one_button_adopts_and_starts_the_plan_recording_both_steps(province):
    from isogov.audit.models import AuditEvent

    nc, _ = with_action(province.d842, province.alice)
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="in_progress")
    nc.refresh_from_db()
    assert nc.state == State.IN_PROGRESS
    steps = list(nc.steps.order_by("id").values_list("from_state", "to_state"))
    assert steps[-2:] == [("analysed", "action_plan"), ("action_plan", "in_progress")]
    assert AuditEvent.objects.filter(object_type="capa.nonconformity", action="transition").count() == 3


def test_shortcuts_keep_every_rule_of_the_steps_they_take(province):
    nc = analysed(province.d842, province.alice)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="in_progress")
    assert "Add at least one corrective action" in messages(exc)
    # Only the shortcuts the page offers: from the analysis no further than starting the actions.
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="awaiting_verification")
    assert "cannot go from “Root cause analysed”" in messages(exc)
    nc, action = with_action(province.d842, province.alice)
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="action_plan")
    nc.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="awaiting_verification")
    assert "1 action(s) not done yet" in messages(exc)
    nc.refresh_from_db()
    assert nc.state == State.ACTION_PLAN and not nc.steps.filter(to_state="in_progress").exists()
    action_services.action_complete(action=action, actor=province.alice, done_on=days(-1), evidence="Sổ theo dõi")
    services.nonconformity_step(nc=nc, actor=province.alice, to_state="awaiting_verification")
    nc.refresh_from_db()
    assert nc.state == State.AWAITING_VERIFICATION
    assert list(nc.steps.order_by("-id").values_list("to_state", flat=True))[:2] == [
        "awaiting_verification", "in_progress"]


def test_after_a_not_effective_verdict_the_shortcut_still_needs_a_new_action(province):
    nc, _action = awaiting(province.d842, province.alice)
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="not_effective", note="x")
    nc.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="awaiting_verification")
    assert "add a new action or reopen one" in messages(exc)


def test_a_nonconformity_opened_by_no_one_is_validated_without_its_author(province):
    # The system opens some (actor None): who opened it is set by code, not a field the model refuses.
    nc = services.nonconformity_open(agency=province.d842, actor=None, source="other", description="Thiếu sổ")
    services.nonconformity_update(nc=nc, actor=None, description="Thiếu sổ theo dõi", clause=None)
    nc = services.nonconformity_analyse(nc=nc, actor=None, whys=[], root_cause="Chưa giao người giữ sổ")
    assert nc.created_by is None and nc.state == State.ANALYSED
