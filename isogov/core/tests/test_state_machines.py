"""The four state machines share one shape: TRANSITIONS as data (state → the states one step may reach) and
refusal(obj, target, actor) -> str, "" when the step may be taken, else what the services refuse it with."""
import pytest
from django.core.exceptions import ValidationError

from isogov.audits import rules as audit_rules
from isogov.audits import services as audit_services
from isogov.audits.models import AuditState
from isogov.audits.tests.helpers import plan
from isogov.capa import services as capa_services
from isogov.capa import workflow
from isogov.capa.models import State
from isogov.capa.tests.helpers import open_nc
from isogov.documents import versioning
from isogov.documents.models import VersionStatus
from isogov.qms import lifecycle
from isogov.qms.states import QmsState

MACHINES = [(lifecycle, QmsState), (workflow, State), (versioning, VersionStatus), (audit_rules, AuditState)]


@pytest.mark.parametrize("module, states", MACHINES, ids=lambda m: getattr(m, "__name__", ""))
def test_each_machine_has_the_one_shape(module, states):
    assert set(module.TRANSITIONS) == set(states.values)
    for targets in module.TRANSITIONS.values():
        assert isinstance(targets, frozenset) and targets <= set(states.values)
    assert callable(module.refusal)


def test_the_data_follows_the_steps_the_code_takes():
    assert all(lifecycle.allowed_targets(s) <= lifecycle.TRANSITIONS[s] for s in lifecycle.ORDER)
    assert all(target in workflow.TRANSITIONS[state] for state, target in workflow.BUTTON_STEPS.items())
    assert all(target in versioning.TRANSITIONS[s] for sources, target in versioning.ACTIONS.values() for s in sources)
    assert audit_rules.TRANSITIONS[AuditState.REPORTED] == frozenset() == workflow.TRANSITIONS[State.CLOSED]


def messages(exc) -> str:
    return " ".join(exc.value.messages)


@pytest.mark.django_db
def test_refusal_says_what_the_services_refuse(province, iso2015):
    agency, alice = province.d842, province.alice
    assert lifecycle.refusal(agency, QmsState.CONFIRMED, alice) == " ".join(
        lifecycle.transition_problems(agency=agency, actor=alice, to_state=QmsState.CONFIRMED))

    nc = open_nc(agency, alice)
    assert workflow.refusal(nc, State.ANALYSED, alice) == ""
    refused = workflow.refusal(nc, State.IN_PROGRESS, alice)
    with pytest.raises(ValidationError) as exc:
        capa_services.nonconformity_step(nc=nc, actor=alice, to_state=State.IN_PROGRESS)
    assert refused and refused == messages(exc)
    nc = capa_services.nonconformity_cancel(nc=nc, actor=alice, reason="Ghi trùng")
    with pytest.raises(ValidationError) as exc:
        capa_services.nonconformity_cancel(nc=nc, actor=alice, reason="Ghi trùng")
    assert workflow.refusal(nc, State.CANCELLED, alice) == messages(exc)

    audit = plan(agency, alice)
    refused = audit_rules.refusal(audit, AuditState.IN_PROGRESS, alice)
    assert refused and refused == " ".join(audit_rules.start_problems(audit))
    assert audit_rules.refusal(audit, AuditState.CANCELLED, alice) == ""
    audit = audit_services.audit_cancel(audit=audit, actor=alice, reason="Dời sang năm sau")
    with pytest.raises(ValidationError) as exc:
        audit_services.audit_cancel(audit=audit, actor=alice, reason="Dời sang năm sau")
    assert audit_rules.refusal(audit, AuditState.CANCELLED, alice) == messages(exc)
    with pytest.raises(ValueError):
        audit_rules.refusal(audit, AuditState.PLANNED, alice)
