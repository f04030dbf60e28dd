import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

import pytest

from isogov.audit.models import AuditEvent
from isogov.qms.models import Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.training import demo, selectors
from isogov.training.models import Course, Session, Trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(province):
    for code, state in {"SKHCN": "maintaining", "STP": "announced", "842": "applying", "29242": "building",
                        "29245": "maintaining", "844": "not_started", "29278": "maintaining"}.items():
        Agency.objects.filter(code=code).update(qms_state=state)
    return province


def test_demo_training_is_consistent_and_idempotent(states):
    started = time.monotonic()
    counts = demo.load_demo(actor=states.admin, rng=random.Random(7))
    assert time.monotonic() - started < 10
    assert counts["courses"] == 3 == Course.objects.count()
    assert counts["sessions"] == Session.objects.count() >= 3
    assert counts["trainees"] == Trainee.objects.count() > 5
    assert set(Course.objects.values_list("topic", flat=True)) == {"awareness", "framework", "internal_audit"}
    # Agencies that have not started their QMS sent nobody, so coverage is not complete.
    assert not Trainee.objects.filter(agency__qms_state=QmsState.NOT_STARTED).exists()
    result = selectors.coverage(agencies=Agency.objects.all(), min_trained=2)
    assert result["district"]["covered"] < result["district"]["agencies"]
    names = list(Trainee.objects.values_list("full_name", flat=True))
    assert any(not n.isascii() for n in names)  # Vietnamese names, with their diacritics
    assert AuditEvent.objects.filter(object_type="training.trainee").count() == counts["trainees"]
    before = (Trainee.objects.count(), AuditEvent.objects.count())
    assert demo.load_demo(actor=states.admin, rng=random.Random(7)) == {"courses": 0, "sessions": 0, "trainees": 0}
    assert (Trainee.objects.count(), AuditEvent.objects.count()) == before


def test_demo_is_dated_by_the_province_history(province):
    """The story of the Trà Vinh plan ends in late 2020: the records and their audit trail are dated then."""
    Agency.objects.update(qms_state="maintaining")
    Transition.objects.create(agency=province.skhcn, from_state="announced", to_state="maintaining",
                              at=dt.datetime(2020, 11, 30, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    demo.load_demo(actor=province.admin, rng=random.Random(5))
    assert set(Session.objects.values_list("start_date__year", flat=True)) == {2020}
    stamps = AuditEvent.objects.filter(
        object_type__in=["training.course", "training.session", "training.trainee"]).values_list("at", flat=True)
    assert stamps and all(dt.date(2019, 12, 1) <= s.date() <= dt.date(2020, 11, 30) for s in stamps)
