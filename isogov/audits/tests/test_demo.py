import random
import time

import pytest

from isogov.audit.models import AuditEvent
from isogov.audits import demo, rules
from isogov.audits.models import Audit, AuditState, Finding, Result
from isogov.capa.models import Nonconformity
from isogov.capa.selectors import year_before
from isogov.qms.models import QmsFact
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_follows_the_qms_states_and_is_idempotent(province, iso2015):
    from django.utils import timezone

    Agency.objects.filter(code__in=["842", "844", "STP", "SKHCN"]).update(qms_state=QmsState.MAINTAINING)
    Agency.objects.filter(code="29242").update(qms_state=QmsState.APPLYING)
    started = time.monotonic()
    counts = demo.load_demo(actor=province.admin, rng=random.Random(3))
    assert time.monotonic() - started < 10
    assert counts["audits"] == Audit.objects.count() and counts["facts"] == QmsFact.objects.count() > 0
    assert demo.load_demo(actor=province.admin, rng=random.Random(3)) == {}
    assert not Audit.objects.filter(agency__code__in=["29245", "29278"]).exists()  # not started
    today = timezone.localdate()
    for code in ("842", "844", "STP", "SKHCN"):
        assert Audit.objects.filter(agency__code=code, state=AuditState.REPORTED).exists()
    for audit in Audit.objects.filter(state=AuditState.REPORTED).select_related("fact"):
        assert audit.fact.date == audit.reported_on <= today and audit.summary
        team = [(m.user, m.name) for m in audit.team.all()]
        areas = [(a.name, a.owner, a.owner_name) for a in audit.areas.all()]
        assert team and areas and not rules.self_audit_conflicts(team, areas)
        failing = set(audit.checklist.filter(result=Result.NONCONFORM).values_list("clause_id", flat=True))
        assert failing == set(audit.findings.filter(grade__in=["major", "minor"]).values_list("clause_id", flat=True))
    for finding in Finding.objects.filter(grade__in=["major", "minor"], audit__state=AuditState.REPORTED):
        assert finding.nonconformity.origin == finding and finding.nonconformity.source == "internal_audit"
    assert Nonconformity.objects.count() == counts["nonconformities"]
    assert AuditEvent.objects.filter(object_type="audits.audit", action="create").count() == Audit.objects.count()
    recent = Audit.objects.filter(state=AuditState.REPORTED, reported_on__gt=year_before(today)).count()
    assert recent >= 1
