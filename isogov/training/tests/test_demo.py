import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

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
    assert counts["courses"] == len(demo.ROUNDS) == Course.objects.count()
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


def test_demo_follows_the_agencies_lives_and_histories(province):
    """Courses in 2020, 2022, 2024 and 2026; each session takes only the agencies alive on its days that had
    started their QMS by then; records and their audit trail are dated on the sessions' days, never after today."""
    Agency.objects.update(qms_state="maintaining")
    # Huyện Càng Long and its town end on 30/06/2025; Phường 4 is a commune formed on 01/07/2025.
    Agency.objects.filter(code__in=["844", "29278"]).update(ended_on=dt.date(2025, 6, 30))
    Agency.objects.filter(code="29242").update(active_from=dt.date(2025, 7, 1))
    # Sở Tư pháp starts its QMS only in 2023: nobody of it in the 2020 and 2022 courses.
    Transition.objects.create(agency=province.stp, from_state="not_started", to_state="building",
                              at=dt.datetime(2023, 1, 9, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    demo.load_demo(actor=province.admin, rng=random.Random(5))
    assert set(Session.objects.values_list("start_date__year", flat=True)) == {2020, 2022, 2024, 2026}
    for t in Trainee.objects.select_related("agency", "session"):
        a, s = t.agency, t.session
        assert (a.active_from is None or a.active_from <= s.start_date) and (
            a.ended_on is None or a.ended_on > s.end_date), (a.code, s)
    by_year = {year: set(Trainee.objects.filter(session__start_date__year=year)
                         .values_list("agency__code", flat=True)) for year in (2020, 2022, 2024, 2026)}
    assert "844" in by_year[2020] and "29242" not in by_year[2020]
    assert "29242" in by_year[2026] and not {"844", "29278"} & by_year[2026]
    assert "STP" not in by_year[2020] | by_year[2022]
    sessions = {s.pk: s for s in Session.objects.all()}
    events = AuditEvent.objects.filter(object_type="training.trainee").values_list("object_id", "at")
    trainee_session = dict(Trainee.objects.values_list("pk", "session_id"))
    for object_id, at in events:
        session = sessions[trainee_session[int(object_id)]]
        assert session.end_date <= timezone.localtime(at).date() <= demo.story_today()
