"""Separation of duties in document control (issue 7, defect 12): a version is approved by someone who neither
wrote it nor sent it for review (settings.ISOGOV["SEPARATION_OF_DUTIES"]["DOCUMENT_APPROVER_EXCLUDES"])."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from isogov.accounts import access
from isogov.core.tests.files import upload
from isogov.documents.models import VersionStatus as VS
from isogov.documents.tests.helpers import make_document
from isogov.documents.versioning import version_transition, version_update

pytestmark = pytest.mark.django_db


def step(version, actor, action, **kwargs):
    version_transition(version=version, actor=actor, action=action, **kwargs)
    version.refresh_from_db()
    return version


def messages(exc) -> str:
    return " ".join(exc.value.messages)


@pytest.fixture
def excludes(settings):
    def set_(value):
        settings.ISOGOV = {**settings.ISOGOV, "SEPARATION_OF_DUTIES": {
            **settings.ISOGOV.get("SEPARATION_OF_DUTIES", {}), "DOCUMENT_APPROVER_EXCLUDES": value}}
    return set_


def draft(province, author, code="QT-01"):
    return make_document(province.d842, author, code=code, file=upload("v1.pdf")).versions.get()


def test_a_head_may_not_draft_approve_and_publish_alone(province, storage):
    v1 = step(draft(province, province.alice_head), province.alice_head, "submit")
    assert access.document_approval_refusal(province.alice_head, v1)
    with pytest.raises(ValidationError) as exc:
        step(v1, province.alice_head, "approve")
    assert "You sent this version for review" in messages(exc)
    v1.refresh_from_db()
    assert v1.status == VS.IN_REVIEW and v1.approved_by is None


def test_the_author_may_not_approve_what_someone_else_submitted(province, storage):
    v1 = step(draft(province, province.alice_head), province.alice, "submit")
    with pytest.raises(ValidationError) as exc:
        step(v1, province.alice_head, "approve")
    assert "You wrote this version" in messages(exc)
    step(v1, province.admin, "approve")  # the programme lead, who did neither
    assert v1.status == VS.APPROVED and v1.approved_by == province.admin


def test_who_changed_the_draft_is_an_author(province, storage):
    v1 = draft(province, province.alice)
    version_update(version=v1, actor=province.alice_head, file=upload("v1-sua.pdf"))
    step(v1, province.alice, "submit")
    with pytest.raises(ValidationError) as exc:
        step(v1, province.alice_head, "approve")
    assert "You wrote this version" in messages(exc)


def test_the_submitter_may_not_approve(province, storage):
    v1 = step(draft(province, province.alice), province.alice_head, "submit")
    with pytest.raises(ValidationError) as exc:
        step(v1, province.alice_head, "approve")
    assert "You sent this version for review" in messages(exc)


def test_secretary_writes_and_submits_head_approves(province, storage):
    v1 = step(draft(province, province.alice), province.alice, "submit")
    assert access.document_approval_refusal(province.alice_head, v1) == ""
    step(v1, province.alice_head, "approve")
    step(v1, province.alice_head, "publish", effective_on=dt.date(2026, 1, 5))
    assert v1.status == VS.PUBLISHED


def test_the_page_shows_why(province, storage, as_user):
    v1 = step(draft(province, province.alice_head), province.alice_head, "submit")
    page = as_user(province.alice_head).get(f"/agencies/842/documents/{v1.document_id}/").content.decode()
    assert "You sent this version for review" in page
    response = as_user(province.alice_head).post(f"/agencies/842/documents/versions/{v1.pk}/transition/",
                                                 {"action": "approve"})
    v1.refresh_from_db()
    assert response.status_code in (200, 400) and v1.status == VS.IN_REVIEW


def test_switched_off_a_head_may_do_it_alone(province, storage, excludes):
    excludes([])
    v1 = step(draft(province, province.alice_head), province.alice_head, "submit")
    step(v1, province.alice_head, "approve")
    assert v1.status == VS.APPROVED
    # Who may approve at all does not change: the secretary still may not.
    v2 = step(draft(province, province.alice, code="QT-02"), province.alice, "submit")
    with pytest.raises(ValidationError):
        step(v2, province.alice, "approve")


def test_only_the_submitter_excluded(province, storage, excludes):
    excludes(["submitter"])
    v1 = step(draft(province, province.alice_head), province.alice, "submit")
    step(v1, province.alice_head, "approve")
    assert v1.status == VS.APPROVED


def test_the_transition_enforces_the_access_rule(province, storage, monkeypatch):
    v1 = step(draft(province, province.alice), province.alice, "submit")
    monkeypatch.setattr(access, "document_approval_refusal", lambda user, version: "Refused by rule")
    with pytest.raises(ValidationError) as exc:
        step(v1, province.alice_head, "approve")
    assert messages(exc) == "Refused by rule"
