"""A document in force is due for review DOCUMENT_REVIEW_MONTHS after its version took effect or its last review;
recording the review starts a new cycle with a duty of its own, reminded afresh."""
import datetime as dt

import pytest
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.core.tests.files import upload
from isogov.documents import duties, services
from isogov.documents.models import Document
from isogov.documents.tests.helpers import make_document, make_legal
from isogov.documents.versioning import version_transition

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def _published(p, code: str, effective_on: dt.date) -> Document:
    doc = make_document(p.d842, p.alice, code=code, title=f"Quy trình {code}", file=upload("v1.pdf"))
    version = doc.versions.get()
    version_transition(version=version, actor=p.alice, action="submit")
    version_transition(version=version, actor=p.alice_head, action="approve")
    version_transition(version=version, actor=p.alice, action="publish", effective_on=effective_on)
    return doc


def _reviews(agency_ids=None):
    return {d.key: d.due for d in duties.duties(agency_ids=agency_ids, today=TODAY) if d.kind == "documents.review"}


def test_a_document_in_force_is_due_a_year_after_it_took_effect_and_again_after_its_review(province, as_user):
    p = province
    doc = _published(p, "QT-01", dt.date(2025, 3, 10))
    make_document(p.d842, p.alice, code="QT-02")  # a draft only: nothing in force to review
    make_legal(p.d842, p.alice, code="VB-01")  # a legal text is brought in, not reviewed
    assert _reviews() == {f"documents.review:{doc.pk}:20260310": dt.date(2026, 3, 10)}
    assert _reviews(agency_ids=[p.d844.pk]) == {}

    response = as_user(p.alice).post(reverse("documents:reviewed", args=["842", doc.pk]),
                                     {"reviewed_on": "01/04/2026"})
    assert response.status_code == 302
    assert _reviews() == {f"documents.review:{doc.pk}:20270401": dt.date(2027, 4, 1)}
    event = AuditEvent.objects.filter(object_type="documents.document", object_id=str(doc.pk)).latest("pk")
    assert event.changes == {"reviewed_on": [None, "2026-04-01"]}
    page = as_user(p.alice).get(reverse("documents:detail", args=["842", doc.pk])).content.decode()
    assert 'data-testid="review-due"' in page and "01/04/2027" in page


def test_the_interval_is_a_setting_and_zero_switches_reviews_off(province, settings):
    doc = _published(province, "QT-01", dt.date(2025, 3, 10))
    settings.ISOGOV = {**settings.ISOGOV, "DOCUMENT_REVIEW_MONTHS": 6}
    assert _reviews() == {f"documents.review:{doc.pk}:20250910": dt.date(2025, 9, 10)}
    settings.ISOGOV = {**settings.ISOGOV, "DOCUMENT_REVIEW_MONTHS": 0}
    assert _reviews() == {}


def test_a_review_is_refused_in_the_future_for_a_legal_text_and_for_who_may_not_write(province, as_user):
    p = province
    doc = _published(p, "QT-01", dt.date(2025, 3, 10))
    legal = make_legal(p.d842, p.alice, code="VB-01")
    url = reverse("documents:reviewed", args=["842", doc.pk])
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    response = as_user(p.alice).post(url, {"reviewed_on": future})
    assert response.status_code == 400
    with pytest.raises(Exception, match="not reviewed"):
        services.document_mark_reviewed(document=legal, actor=p.alice, reviewed_on=dt.date(2026, 1, 1))
    assert as_user(p.bob).post(url, {"reviewed_on": "01/04/2026"}).status_code == 404
    assert as_user(p.viewer).post(url, {"reviewed_on": "01/04/2026"}).status_code == 403
    doc.refresh_from_db()
    assert doc.reviewed_on is None
