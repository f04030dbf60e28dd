import random

import pytest

from isogov.audit.models import AuditEvent
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.risks.demo import load_demo
from isogov.risks.models import Risk, RiskAction

pytestmark = pytest.mark.django_db


def test_demo_follows_the_qms_states_and_runs_once(province):
    Agency.objects.filter(code__in=["842", "844", "STP"]).update(qms_state=QmsState.MAINTAINING)
    counts = load_demo(actor=province.admin, rng=random.Random(3))
    assert counts["risks"] >= 9 and counts["risk_actions"] > 0
    assert set(Risk.objects.values_list("agency__code", flat=True)) == {"842", "844", "STP"}
    assert Risk.objects.filter(residual_likelihood__isnull=False).exists()
    assert RiskAction.objects.filter(done_on__isnull=False).exists()
    assert AuditEvent.objects.filter(object_type="risks.risk").count() == counts["risks"]
    assert load_demo(actor=province.admin, rng=random.Random(3)) == {}
