import random

import pytest
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.objectives.demo import load_demo
from isogov.objectives.models import Measurement, Objective
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_follows_the_qms_states_and_runs_once(province):
    Agency.objects.filter(code="842").update(qms_state=QmsState.MAINTAINING)
    Agency.objects.filter(code="29242").update(qms_state=QmsState.APPLYING)
    counts = load_demo(actor=province.admin, rng=random.Random(7))
    assert counts["objectives"] > 0
    assert not Objective.objects.filter(agency__qms_state=QmsState.NOT_STARTED).exists()
    year = timezone.localdate().year
    assert Objective.objects.filter(agency__code="842", year=year - 1).exists()  # last year's, measured in full
    last_year = Objective.objects.filter(agency__code="842", year=year - 1, period="monthly").first()
    assert last_year.periods_measured == 12 and last_year.year_value is not None
    assert not Objective.objects.filter(agency__code="29242", year=year - 1).exists()
    assert all(m.value >= 0 for m in Measurement.objects.all())
    assert AuditEvent.objects.filter(object_type="objectives.objective").count() == Objective.objects.count()
    assert load_demo(actor=province.admin, rng=random.Random(7)) == {}
    assert Objective.objects.count() == counts["objectives"]
