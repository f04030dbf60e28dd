"""Headers and addresses: the Content-Security-Policy, templates it can hold to, the client's address
behind a reverse proxy, and the assets and icon served with DEBUG off."""
import re
from pathlib import Path

import pytest
from django.urls import reverse

from isogov.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
LEAD_AT_HOME = "198.51.100.7"


def csp(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_every_page_carries_a_policy_without_inline_script(client, province, as_user):
    for response in (client.get(reverse("login")),
                     as_user(province.alice).get(reverse("registry:agency_list"))):
        policy = csp(response)
        assert policy["default-src"] == "default-src 'self'"
        for directive in ("script-src", "style-src"):
            sources = policy.get(directive, "")
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert policy["object-src"] == "object-src 'none'" and policy["frame-ancestors"] == "frame-ancestors 'none'"


INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[^>]*\s(on[a-z]+|hx-on[:a-z-]*)\s*=", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
    "javascript: address": re.compile(r"javascript:", re.I),
}


def test_no_template_needs_inline_script_or_style():
    """The policy forbids them; each would be a silent breakage in the browser, so none may exist."""
    found = []
    for template in sorted(ROOT.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(ROOT)}:{line}: {what}")
    assert found == []


def _login(client, username, password, *, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.ISOGOV = {**settings.ISOGOV, "PROXY_COUNT": 1}


@pytest.mark.django_db
def test_behind_a_proxy_an_attacker_locks_only_his_own_address(client, province, behind_proxy, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "lead", "wrong-password", remote=PROXY, forwarded=ATTACKER)
    assert _login(client, "lead", PASSWORD, remote=PROXY, forwarded=ATTACKER).status_code == 429
    # The lead, through the same proxy, is not locked out by the attacker's failures.
    response = _login(client, "lead", PASSWORD, remote=PROXY, forwarded=LEAD_AT_HOME)
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_address_is_not_believed(client, province, behind_proxy, settings):
    """The proxy appends the address it saw; what the client wrote before it is not trusted."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "lead", "wrong-password", remote=PROXY, forwarded=f"{LEAD_AT_HOME}, {ATTACKER}")
    assert _login(client, "lead", PASSWORD, remote=PROXY, forwarded=LEAD_AT_HOME).status_code == 302
    client.logout()
    # Rotating the forged part does not escape the lockout either.
    assert _login(client, "lead", PASSWORD, remote=PROXY, forwarded=f"192.0.2.1, {ATTACKER}").status_code == 429


@pytest.mark.django_db
def test_without_a_proxy_the_forwarded_header_is_ignored(client, province, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "lead", "wrong-password", remote=ATTACKER, forwarded=f"192.0.2.{n}")
    assert _login(client, "lead", PASSWORD, remote=ATTACKER, forwarded="192.0.2.99").status_code == 429


@pytest.mark.django_db
def test_assets_and_pages_are_served_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/static/isogov/isogov.css")
    assert response.status_code == 200 and b".topbar" in b"".join(response.streaming_content)
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    icon = b"".join(response.streaming_content)
    assert icon[:4] == b"\x00\x00\x01\x00" and len(icon) < 10_000  # an ICO header
    page = client.get(reverse("login")).content.decode()
    assert re.search(r'<link rel="icon" href="[^"]+favicon\.ico"', page)
