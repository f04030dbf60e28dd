"""Separation of duties on corrective actions (issue 7, defect 12): the one rule in the access module is the one
the workflow enforces, and each part of it can be switched off in settings.ISOGOV["SEPARATION_OF_DUTIES"]."""
import pytest
from django.core.exceptions import ValidationError

from isogov.accounts import access
from isogov.capa import action_services, services
from isogov.capa.models import State
from isogov.capa.tests.helpers import analysed, awaiting, days, in_progress, with_action

pytestmark = pytest.mark.django_db


def messages(exc) -> str:
    return " ".join(exc.value.messages)


@pytest.fixture
def sod(settings):
    """Change one part of the separation of duties for the test."""
    def set_(**values):
        settings.ISOGOV = {**settings.ISOGOV, "SEPARATION_OF_DUTIES": {
            **settings.ISOGOV.get("SEPARATION_OF_DUTIES", {}), **values}}
    return set_


def done_by(nc, action, actor):
    """The action, owned by someone else, marked done by `actor`; then the verification is asked for."""
    action_services.action_complete(action=action, actor=actor, done_on=days(-1), evidence="Sổ theo dõi")
    services.nonconformity_step(nc=nc, actor=actor, to_state="awaiting_verification")
    nc.refresh_from_db()
    return nc


# --- who verifies the effectiveness -----------------------------------------------------------------------


def test_who_recorded_an_action_done_may_not_verify_it_though_someone_else_owns_it(province):
    nc, action = in_progress(province.d842, province.alice, owner_name="Lê Văn Tư")
    done_by(nc, action, province.alice_head)
    assert not access.can_verify_corrective_action(province.alice_head, nc)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note="ok")
    assert "You recorded one of the actions as done" in messages(exc)
    assert nc.verifications.count() == 0
    # Someone who neither owns nor recorded any action does it.
    assert access.can_verify_corrective_action(province.alice, nc)
    services.nonconformity_verify(nc=nc, actor=province.alice, verdict="effective", note="ok")
    nc.refresh_from_db()
    assert nc.state == State.CLOSED


def test_the_lead_who_recorded_an_action_done_is_refused_too(province):
    nc, action = in_progress(province.d842, province.alice, owner=province.alice)
    done_by(nc, action, province.admin)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.admin, verdict="effective", note="ok")
    assert "You recorded one of the actions as done" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.alice, verdict="effective", note="ok")
    assert "You own one of the actions" in messages(exc)
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note="ok")


def test_the_page_shows_why_and_offers_no_verification_form(province, as_user):
    nc, action = in_progress(province.d842, province.alice, owner_name="Lê Văn Tư")
    done_by(nc, action, province.alice_head)
    page = as_user(province.alice_head).get(f"/agencies/842/capa/{nc.pk}/").content.decode()
    assert "You recorded one of the actions as done" in page
    assert "/verify/" not in page
    response = as_user(province.alice_head).post(f"/agencies/842/capa/{nc.pk}/verify/", {
        "verdict": "effective", "note": "ok", "verified_on": days(0).strftime("%d/%m/%Y")})
    assert response.status_code == 400
    assert nc.verifications.count() == 0


def test_a_reopened_action_forgets_who_recorded_it_done(province):
    nc, action = in_progress(province.d842, province.alice, owner_name="Lê Văn Tư")
    done_by(nc, action, province.alice_head)
    services.nonconformity_verify(nc=nc, actor=province.alice, verdict="not_effective", note="Còn trễ hạn")
    nc.refresh_from_db()
    action_services.action_reopen(action=action, actor=province.alice, due_date=days(20), note="Thêm nhắc việc")
    action.refresh_from_db()
    assert action.done_by is None


def test_verifier_rule_switched_off_in_part_and_in_whole(province, sod):
    nc, action = in_progress(province.d842, province.alice, owner=province.alice)
    done_by(nc, action, province.alice_head)
    sod(CAPA_VERIFIER_EXCLUDES=["owner"])  # only the owners are excluded
    assert access.can_verify_corrective_action(province.alice_head, nc)
    assert not access.can_verify_corrective_action(province.alice, nc)
    sod(CAPA_VERIFIER_EXCLUDES=[])  # a one-person agency: anyone who may write it verifies
    assert access.can_verify_corrective_action(province.alice, nc)
    services.nonconformity_verify(nc=nc, actor=province.alice, verdict="effective", note="ok")
    # Outsiders stay outside whatever the setting.
    for user in (province.bob, province.viewer, province.inspector):
        assert not access.can_verify_corrective_action(user, nc)


def test_the_workflow_enforces_the_access_rule_and_no_copy_of_it(province, monkeypatch):
    nc, action = in_progress(province.d842, province.alice, owner_name="Lê Văn Tư")
    done_by(nc, action, province.alice)
    monkeypatch.setattr(access, "corrective_verification_refusal", lambda user, nc, actions=None: "Refused by rule")
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="effective", note="ok")
    assert messages(exc) == "Refused by rule"
    monkeypatch.setattr(access, "corrective_verification_refusal", lambda user, nc, actions=None: "")
    services.nonconformity_verify(nc=nc, actor=province.alice, verdict="effective", note="ok")


# --- who adopts the corrective action plan ----------------------------------------------------------------


def test_a_secretary_may_not_adopt_her_own_plan(province):
    nc, _ = with_action(province.d842, province.alice, owner=province.alice)
    assert access.corrective_plan_adoption_refusal(province.alice, nc)
    for target in ("action_plan", "in_progress"):  # the step and the shortcut through it
        with pytest.raises(ValidationError) as exc:
            services.nonconformity_step(nc=nc, actor=province.alice, to_state=target)
        assert "adopted by" in messages(exc)
    nc.refresh_from_db()
    assert nc.state == State.ANALYSED
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="action_plan")
    nc.refresh_from_db()
    # Once adopted, the secretary starts the actions herself.
    services.nonconformity_step(nc=nc, actor=province.alice, to_state="in_progress")


def test_the_lead_and_a_parent_head_adopt(province):
    nc, _ = with_action(province.c29242, province.alice)
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="action_plan")
    nc, _ = with_action(province.d844, province.bob)
    with pytest.raises(ValidationError):
        services.nonconformity_step(nc=nc, actor=province.bob, to_state="action_plan")
    services.nonconformity_step(nc=nc, actor=province.admin, to_state="in_progress")


def test_a_revised_plan_after_not_effective_is_adopted_again(province):
    nc, action = awaiting(province.d842, province.alice)
    services.nonconformity_verify(nc=nc, actor=province.alice_head, verdict="not_effective", note="x")
    nc.refresh_from_db()
    action_services.action_add(nc=nc, actor=province.alice, description="Đào tạo lại", owner_name="B",
                               due_date=days(15))
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.alice, to_state="in_progress")
    assert "adopted by" in messages(exc)
    services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="in_progress")


def test_the_page_offers_the_secretary_the_step_with_the_reason(province, as_user):
    nc, _ = with_action(province.d842, province.alice)
    page = as_user(province.alice).get(f"/agencies/842/capa/{nc.pk}/").content.decode()
    assert "adopted by" in page
    response = as_user(province.alice).post(f"/agencies/842/capa/{nc.pk}/step/", {"to_state": "in_progress"})
    assert response.status_code == 400
    nc.refresh_from_db()
    assert nc.state == State.ANALYSED


def test_adoption_rule_switched_off(province, sod):
    sod(CAPA_PLAN_ADOPTERS=[])
    nc, _ = with_action(province.d842, province.alice)
    assert access.corrective_plan_adoption_refusal(province.alice, nc) == ""
    services.nonconformity_step(nc=nc, actor=province.alice, to_state="in_progress")
    nc.refresh_from_db()
    assert nc.state == State.IN_PROGRESS
    assert access.corrective_plan_adoption_refusal(province.bob, nc)  # still not another agency's staff


def test_adopters_are_a_setting(province, sod):
    sod(CAPA_PLAN_ADOPTERS=["admin"])
    nc, _ = with_action(province.d842, province.alice)
    with pytest.raises(ValidationError):
        services.nonconformity_step(nc=nc, actor=province.alice_head, to_state="action_plan")
    services.nonconformity_step(nc=nc, actor=province.admin, to_state="action_plan")


def test_the_step_enforces_the_access_rule(province, monkeypatch):
    nc = analysed(province.d842, province.alice)
    action_services.action_add(nc=nc, actor=province.alice, description="x", owner_name="A", due_date=days(5))
    monkeypatch.setattr(access, "corrective_plan_adoption_refusal", lambda user, nc: "Refused by rule")
    with pytest.raises(ValidationError) as exc:
        services.nonconformity_step(nc=nc, actor=province.admin, to_state="action_plan")
    assert messages(exc) == "Refused by rule"


def test_actions_done_before_the_migration_get_who_recorded_them_from_the_trail(province):
    from importlib import import_module

    from django.apps import apps

    from isogov.capa.models import CorrectiveAction

    migration = import_module("isogov.capa.migrations.0002_correctiveaction_done_by")
    nc, action = in_progress(province.d842, province.alice, owner_name="Lê Văn Tư")
    done_by(nc, action, province.alice_head)
    services.nonconformity_verify(nc=nc, actor=province.alice, verdict="not_effective", note="Còn trễ hạn")
    action_services.action_reopen(action=action, actor=province.alice, due_date=days(20), note="Thêm nhắc việc")
    action_services.action_complete(action=action, actor=province.alice, done_on=days(0), evidence="Sổ mới")
    _, pending = in_progress(province.d842, province.alice)  # not done: stays empty
    CorrectiveAction.objects.update(done_by=None)
    migration.done_by_from_the_trail(apps, None)
    action.refresh_from_db()
    pending.refresh_from_db()
    assert action.done_by == province.alice  # the last time it was recorded done
    assert pending.done_by is None
