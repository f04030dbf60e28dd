"""Signing in: Argon2 hashes, django-axes lockout after repeated failures, and changing one's own password."""
import unicodedata

import pytest
from django.urls import reverse

from isogov.accounts import services
from isogov.accounts.models import User
from isogov.audit.models import AuditEvent
from isogov.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tra-vinh-quality-2020"


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_passwords_are_stored_with_argon2(province):
    province.alice.refresh_from_db()
    assert province.alice.password.startswith("argon2")


def test_correct_login_works_after_a_few_failures(client, province):
    for _ in range(4):
        assert _login(client, "alice", "wrong-password").status_code == 200
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home:home")  # each role's home
    assert client.get(reverse("registry:agency_list")).status_code == 200


def test_five_failures_lock_the_account_even_for_the_right_password(client, province):
    for _ in range(4):
        assert _login(client, "alice", "wrong-password").status_code == 200
    assert _login(client, "alice", "wrong-password").status_code == 429
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another person at the same address is not locked out by alice's failures.
    assert _login(client, "bob", PASSWORD).status_code == 302


def test_password_reset_by_the_lead_lifts_the_lockout(client, province, as_user):
    for _ in range(5):
        _login(client, "alice", "wrong-password")
    assert _login(client, "alice", PASSWORD).status_code == 429
    as_user(province.admin).post(reverse("accounts:user_password", args=[province.alice.pk]),
                                 {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    client.logout()
    assert _login(client, "alice", NEW_PASSWORD).status_code == 302


def test_everyone_changes_their_own_password_and_stays_signed_in(province, as_user):
    for user in (province.alice, province.viewer, province.admin):
        client = as_user(user)
        assert client.get(reverse("accounts:password_change")).status_code == 200
        response = client.post(reverse("accounts:password_change"), {
            "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert response.status_code == 302
        # The session survived the new hash.
        assert client.get(reverse("registry:agency_list")).status_code == 200
        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD) and user.password.startswith("argon2")
        event = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk)).latest("id")
        assert event.actor == user and event.note == "Password changed" and event.changes == {}
        client.logout()


def test_password_change_refuses_a_wrong_old_password_or_a_weak_new_one(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "not-my-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 400 and "has-error" in response.content.decode()
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    html = response.content.decode()
    assert response.status_code == 400 and "too short" in html
    assert User.objects.get(pk=province.alice.pk).check_password(PASSWORD)
    assert not AuditEvent.objects.filter(object_type="accounts.user").exists()


def test_anonymous_cannot_change_a_password(client, province):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_username_typed_decomposed_is_created_composed_and_signs_in(province, client):
    # macOS keyboards send "hà" as a + combining grave (NFD); the login form normalises to NFKC, so must we.
    decomposed = unicodedata.normalize("NFD", "hà.nguyễn")
    user = services.user_create(actor=province.admin, username=decomposed, password=NEW_PASSWORD, role="viewer")
    assert user.username == unicodedata.normalize("NFC", "hà.nguyễn")
    assert _login(client, decomposed, NEW_PASSWORD).status_code == 302
