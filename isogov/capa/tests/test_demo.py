import random
import time

import pytest

from isogov.audit.models import AuditEvent
from isogov.capa import demo, workflow
from isogov.capa.models import Nonconformity, State
from isogov.core.text import fold
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_is_consistent_and_idempotent(province, iso2015):
    Agency.objects.filter(code__in=["842", "844", "STP", "SKHCN"]).update(qms_state=QmsState.MAINTAINING)
    Agency.objects.filter(code="29242").update(qms_state=QmsState.BUILDING)
    started = time.monotonic()
    rng = random.Random(7)
    counts = {}
    # Until one draw gives this small province some records; after that the demo adds nothing.
    for seed in range(6):
        counts = demo.load_demo(actor=province.admin, rng=random.Random(seed)) or counts
    assert time.monotonic() - started < 10
    assert counts["nonconformities"] == Nonconformity.objects.count() > 0
    assert demo.load_demo(actor=province.admin, rng=rng) == {}
    assert not Nonconformity.objects.filter(agency__code__in=["29242", "29245", "29278"]).exists()
    for nc in Nonconformity.objects.prefetch_related("actions", "verifications", "steps"):
        actions = list(nc.actions.all())
        if nc.state in (State.ACTION_PLAN, State.IN_PROGRESS, State.AWAITING_VERIFICATION, State.CLOSED):
            assert actions and workflow.has_root_cause(nc), nc
        if nc.state in (State.AWAITING_VERIFICATION, State.CLOSED):
            assert all(a.done_on for a in actions)
        if nc.state == State.CLOSED:
            assert nc.closed_on and nc.verifications.all()[0].verdict == "effective"
        assert nc.steps.all()[0].to_state == nc.state
        assert fold(nc.description) != nc.description.lower()  # Vietnamese, with its diacritics
    assert AuditEvent.objects.filter(object_type="capa.nonconformity", action="create").count() == \
        Nonconformity.objects.count()


def test_demo_numbers_continue_after_existing(province, iso2015):
    from isogov.capa.tests.helpers import open_nc

    Agency.objects.filter(code="842").update(qms_state=QmsState.MAINTAINING)
    open_nc(province.d842, province.alice, source="citizen_complaint")
    for seed in range(4):
        demo.load_demo(actor=province.admin, rng=random.Random(seed))
    numbers = list(Nonconformity.objects.filter(agency__code="842").values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
