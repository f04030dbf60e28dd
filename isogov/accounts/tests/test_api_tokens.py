"""API tokens: made on the owner's page and shown once, kept only as a hash, scoped, revoked, expiring, and their
last use written at most once a minute."""
import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from isogov.accounts import services
from isogov.accounts.models import ApiToken
from isogov.audit.models import AuditEvent
from isogov.conftest import login

pytestmark = pytest.mark.django_db
RISKS = "/api/v1/agencies/842/risks/"


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def make(user, scope="read", **kw):
    return services.token_create(actor=user, user=user, name="Một cửa", scope=scope, **kw)


def test_a_token_made_on_the_page_is_shown_once_and_stored_as_its_hash(client, province):
    login(client, province.alice)
    response = client.post(reverse("accounts:tokens"), {"name": "Hệ thống một cửa", "scope": "read-write"})
    assert response.status_code == 201
    secret = response.context["secret"]
    assert len(secret) >= 43  # 32 random bytes
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert not any(secret in v for v in stored), "the secret itself is stored"
    made = AuditEvent.objects.filter(object_type="accounts.apitoken", action="create", actor=province.alice)
    assert made.count() == 1
    # Never shown again: the list shows only its first characters.
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert secret not in page and token.prefix in page
    # And it works, as Bearer or as Token.
    client.logout()
    assert client.get(RISKS, **bearer(secret)).status_code == 200
    assert client.get(RISKS, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200


def test_a_request_without_a_valid_token_is_401(client, province):
    assert client.get(RISKS).status_code == 401
    response = client.get(RISKS, **bearer("not-a-token"))
    assert response.status_code == 401 and response.json()["detail"]
    assert client.get(RISKS, HTTP_AUTHORIZATION="Bearer").status_code == 401


def test_a_revoked_token_is_401_and_only_its_owner_revokes_it(client, province):
    token, secret = make(province.alice)
    assert client.get(RISKS, **bearer(secret)).status_code == 200
    login(client, province.bob)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    login(client, province.admin)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    login(client, province.alice)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(object_type="accounts.apitoken", action="delete").count() == 1
    assert client.get(RISKS, **bearer(secret)).status_code == 401


def test_a_read_token_cannot_write_whatever_its_owner_may(client, province):
    _token, secret = make(province.alice, scope="read")
    response = client.post(RISKS, data={}, content_type="application/json", **bearer(secret))
    assert response.status_code == 403
    assert "read" in response.json()["detail"]
    _token, secret = make(province.alice, scope="read-write")
    response = client.post(RISKS, data={}, content_type="application/json", **bearer(secret))
    assert response.status_code == 400  # let through to the validation
    assert "kind" in response.json()["errors"]


def test_a_token_acts_with_its_owners_access(client, province):
    _token, secret = make(province.bob, scope="read-write")
    assert client.get(RISKS, **bearer(secret)).status_code == 404  # 842 is not bob's
    assert client.get("/api/v1/agencies/844/risks/", **bearer(secret)).status_code == 200


def test_an_expired_token_or_an_inactive_owner_is_401(client, province):
    token, secret = make(province.alice, expires_on=timezone.localdate() + dt.timedelta(days=1))
    assert client.get(RISKS, **bearer(secret)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(RISKS, **bearer(secret)).status_code == 401
    _token, secret = make(province.bob)
    province.bob.is_active = False
    province.bob.save()
    assert client.get("/api/v1/agencies/844/risks/", **bearer(secret)).status_code == 401


def test_an_expiry_in_the_past_is_refused(province):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        make(province.alice, expires_on=timezone.localdate())
    assert "expires_on" in refused.value.message_dict


def test_last_use_is_written_at_most_once_a_minute(client, province):
    token, secret = make(province.alice)
    assert token.last_used_at is None
    client.get("/api/v1/tiers/", **bearer(secret))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < dt.timedelta(seconds=5)
    client.get("/api/v1/tiers/", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == first  # within the minute: not written again
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(seconds=61))
    client.get("/api/v1/tiers/", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(seconds=61) and token.last_used_at >= first


def test_a_browser_session_writes_only_with_its_csrf_token(province):
    from django.test import Client

    browser = login(Client(enforce_csrf_checks=True), province.alice)
    assert browser.get(RISKS).status_code == 200
    response = browser.post(RISKS, data={}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    browser.get(reverse("accounts:tokens"))  # sets the CSRF cookie, as any page does
    response = browser.post(RISKS, data={}, content_type="application/json",
                            HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)
    assert response.status_code == 400  # through the check, to the validation
