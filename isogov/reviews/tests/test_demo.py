import datetime as dt
import random

import pytest
from django.utils import timezone

from isogov.compliance.selectors import compliance_cards
from isogov.objectives.demo import load_demo as objectives_demo
from isogov.qms.models import QmsFact
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.reviews.demo import load_demo
from isogov.reviews.models import Review
from isogov.risks.demo import load_demo as risks_demo

pytestmark = pytest.mark.django_db


def test_demo_reviews_match_the_facts_and_run_once(province):
    today = timezone.localdate()
    Agency.objects.filter(code__in=["842", "844", "STP", "29242"]).update(qms_state=QmsState.MAINTAINING)
    Agency.objects.filter(code="29245").update(qms_state=QmsState.CONFIRMED)
    old = QmsFact.objects.create(agency=province.d842, kind="management_review", date=today - dt.timedelta(days=500))
    ancient = QmsFact.objects.create(agency=province.d842, kind="management_review",
                                     date=today - dt.timedelta(days=1500))
    QmsFact.objects.create(agency=province.c29245, kind="management_review", date=today - dt.timedelta(days=40))
    objectives_demo(actor=province.admin, rng=random.Random(1))
    risks_demo(actor=province.admin, rng=random.Random(1))
    counts = load_demo(actor=province.admin, rng=random.Random(1))
    assert counts["reviews"] >= 2
    # Every management review fact is a held review on that date, and every held review has its fact.
    held = Review.objects.filter(state="held")
    assert held.filter(fact=old, date=old.date).exists()
    assert held.count() == QmsFact.objects.filter(kind="management_review").count() - 1
    assert not held.filter(fact=ancient).exists()  # too old: stays a fact recorded by hand
    assert all(r.fact.date == r.date for r in held.select_related("fact"))
    assert not Review.objects.filter(agency__qms_state=QmsState.NOT_STARTED).exists()
    frozen = held.get(fact=old).agenda.get(key="objectives").collected["lines"]
    assert frozen  # collected like a real hold
    assert not held.filter(date__gt=today).exists()
    cards = compliance_cards(agencies=Agency.objects.all(), today=today)
    recent = [a for a in Agency.objects.filter(qms_state=QmsState.MAINTAINING)
              if cards[a.pk].item("management_review").level in ("green", "amber")]
    assert recent  # most maintaining agencies reviewed within the year
    assert load_demo(actor=province.admin, rng=random.Random(1)) == {}
