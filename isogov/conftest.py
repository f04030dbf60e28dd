"""Shared fixtures. The province has two districts with their communes and two departments:

alice (ISO secretary) and alice_head work for district 842 and may touch it and its communes;
bob works for district 844; charlie for Sở Tư pháp. Each feature test shows that the ones
outside an agency are refused.
"""
import functools

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import translation

from isogov.accounts.models import Role, User
from isogov.registry.models import AgencyKind, Tier
from isogov.registry.services import agency_create
from isogov.registry.tiers import load_preset

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English messages. Tests of the Vietnamese pages ask for `vietnamese` instead."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path_factory):
    """Uploaded files of a test go to a temporary folder, never to the project's var/media."""
    location = tmp_path_factory.mktemp("media")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(location)}}}
    settings.MEDIA_ROOT = str(location)
    return location


@pytest.fixture
def vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"
    with translation.override("vi"):
        yield


@functools.cache
def password_hash() -> str:
    # Argon2 is slow by design; hash the shared test password once per process, not once per user.
    return make_password(PASSWORD)


class Province:
    pass


@pytest.fixture
def province(db):
    p = Province()
    if not Tier.objects.exists():  # a transactional test before this one flushed the migration's data
        load_preset(Tier, "three-tier")
    tiers = {t.code: t for t in Tier.objects.all()}
    p.tiers = tiers
    mk = agency_create
    p.skhcn = mk(actor=None, code="SKHCN", name="Sở Khoa học và Công nghệ", tier=tiers["province"],
                 kind=AgencyKind.DEPARTMENT, is_programme_lead=True, iso_secretary="Trần Văn Lâm")
    p.stp = mk(actor=None, code="STP", name="Sở Tư pháp", tier=tiers["province"], kind=AgencyKind.DEPARTMENT,
               iso_secretary="Lê Thị Hoa")
    p.d842 = mk(actor=None, code="842", name="Thành phố Trà Vinh", tier=tiers["district"],
                kind=AgencyKind.DISTRICT_COMMITTEE, iso_secretary="Nguyễn Văn An")
    p.c29242 = mk(actor=None, code="29242", name="Phường 4", tier=tiers["commune"], parent=p.d842,
                  kind=AgencyKind.COMMUNE_COMMITTEE)
    p.c29245 = mk(actor=None, code="29245", name="Phường 1", tier=tiers["commune"], parent=p.d842,
                  kind=AgencyKind.COMMUNE_COMMITTEE)
    p.d844 = mk(actor=None, code="844", name="Huyện Càng Long", tier=tiers["district"],
                kind=AgencyKind.DISTRICT_COMMITTEE)
    p.c29278 = mk(actor=None, code="29278", name="Thị trấn Càng Long", tier=tiers["commune"], parent=p.d844,
                  kind=AgencyKind.COMMUNE_COMMITTEE)

    def user(username, role, agency=None):
        return User.objects.create(username=username, password=password_hash(), role=role, agency=agency,
                                   full_name=username.capitalize())

    p.admin = user("lead", Role.PROVINCE_ADMIN, p.skhcn)
    p.alice = user("alice", Role.SECRETARY, p.d842)
    p.alice_head = user("alice_head", Role.HEAD, p.d842)
    p.bob = user("bob", Role.SECRETARY, p.d844)
    p.charlie = user("charlie", Role.SECRETARY, p.stp)
    p.inspector = user("inspector", Role.INSPECTOR)
    p.viewer = user("viewer", Role.VIEWER)
    return p


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_user(client):
    def _as(user):
        return login(client, user)

    return _as


@pytest.fixture
def iso2015(db):
    """The ISO 9001:2015 clause library (a transactional test may have flushed the migration's copy)."""
    from isogov.clauses.loader import BUILTIN_DIR, load_framework
    from isogov.clauses.models import Framework

    return Framework.objects.filter(code="iso9001-2015").first() or load_framework(
        BUILTIN_DIR / "iso9001-2015.json")[0]
