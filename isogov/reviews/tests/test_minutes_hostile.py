"""The minutes DOCX opens whatever old records hold: control characters and formula-like text."""
import datetime as dt

import pytest
from django.urls import reverse

from isogov.core.tests.hostile import docx_text, hostile, poison
from isogov.reviews import services
from isogov.reviews.models import AgendaItem
from isogov.reviews.tests.helpers import held, plan
from isogov.risks import services as risk_services

pytestmark = pytest.mark.django_db


def _with_action(review):
    services.action_add(review=review, actor=None, kind="resources", description="Bổ sung máy tính",
                        owner="Văn phòng", due_date=dt.date(2026, 6, 30))
    for action in review.actions.all():
        poison(action)
    for item in review.agenda.all():
        poison(item)
    poison(review)
    poison(review.agency, skip=("code",))  # the code is in the URL


def test_held_minutes_open_with_control_characters_in_the_record_and_its_frozen_inputs(province, as_user):
    review = held(province.d842)
    AgendaItem.objects.filter(review=review).update(collected={"lines": [
        {"msg": hostile(), "level": "bad"}, {"msg": "%(x)s", "params": {"x": hostile("@")}}]})
    _with_action(review)
    response = as_user(province.viewer).get(reverse("reviews:minutes", args=["842", review.pk]))
    assert response.status_code == 200
    assert 'HYPERLINK("http://evil.example","x")' in docx_text(response.content)


def test_draft_minutes_open_with_control_characters_in_the_live_inputs(province, as_user):
    risk = risk_services.risk_create(agency=province.d842, actor=None, kind="opportunity", description="Chữ ký số",
                                     likelihood=3, impact=3, owner="Văn phòng", review_date=dt.date(2027, 1, 1))
    poison(risk)
    review = plan(province.d842)
    _with_action(review)
    response = as_user(province.viewer).get(reverse("reviews:minutes", args=["842", review.pk]))
    assert response.status_code == 200
    assert "HYPERLINK" in docx_text(response.content)
