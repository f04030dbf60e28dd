"""The demo under the two-tier preset of 1 July 2025: the merged Vĩnh Long, loaded once for the module.

The test database holds the three-tier preset from the migration, so the fixture swaps in the two-tier
one inside a transaction that is rolled back at the end, as test_demo.py does for its load.
"""
import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from isogov.accounts.models import Role, User
from isogov.audit.models import AuditEvent
from isogov.demo import catalogue
from isogov.demo.provinces import VINHLONG_2025
from isogov.qms.models import Announcement, Procedure, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyKind, Tier
from isogov.registry.tiers import load_preset, read_preset

FIRST = dt.date(2025, 7, 1)
LAST = dt.date(2026, 10, 31)


def counts() -> dict[str, int]:
    models = {"agencies": Agency, "users": User, "procedures": Procedure, "announcements": Announcement,
              "transitions": Transition, "audit events": AuditEvent, "scope items": ScopeItem, "facts": QmsFact}
    return {name: model.objects.count() for name, model in models.items()}


loaded_media: list = []  # the demo's storage folder, for the per-test storage fixture below


@pytest.fixture(autouse=True)
def media_storage(settings, demo):
    """The demo module's files live in its own folder for the whole module, not a folder per test."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(loaded_media[-1])}}}


def run(*args) -> str:
    out = io.StringIO()
    # Module-scoped fixtures call this before the per-test English switch; the assertions read English.
    with translation.override("en"):
        call_command("demo", *args, stdout=out)
    return out.getvalue()


def use_two_tier() -> None:
    """Leave only the two-tier preset's tiers; a tier some agency still uses would make the delete fail."""
    codes = [row["code"] for row in read_preset("two-tier")]
    Tier.objects.exclude(code__in=codes).delete()
    load_preset(Tier, "two-tier")


class Loaded:
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    media = tmp_path_factory.mktemp("media")
    loaded_media.append(media)
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(media)}}}
    with django_db_blocker.unblock(), override_settings(STORAGES=storages):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            use_two_tier()
            loaded = Loaded()
            loaded.first = run()
            loaded.after_first = counts()
            loaded.second = run()
            loaded.after_second = counts()
            loaded.explicit = run("--province", "vinhlong-2025")
            loaded.after_explicit = counts()
            yield loaded
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_178_agencies_on_two_tiers(loaded):
    assert set(Tier.objects.values_list("code", flat=True)) == {"province", "commune"}
    assert Agency.objects.count() == 54 + 124 == 178
    assert Counter(Agency.objects.values_list("tier__code", flat=True)) == {"province": 54, "commune": 124}
    communes = Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE)
    assert communes.count() == 124
    assert set(communes.values_list("tier__code", flat=True)) == {"commune"}
    assert not communes.filter(parent__isnull=False).exists()
    # The two-tier preset makes the commune tier mandatory by default.
    assert not communes.filter(mandatory=False).exists()
    assert not Agency.objects.filter(kind=AgencyKind.DISTRICT_COMMITTEE).exists()
    assert set(Agency.objects.values_list("active_from", flat=True)) == {FIRST}
    assert Agency.objects.get(code="29266").name == "Xã Càng Long"
    for agency in Agency.objects.all():
        assert agency.email.endswith("@vinhlong.gov.vn") and agency.email.isascii(), agency.code
        assert re.fullmatch(r"0270 3\d{3} \d{3}", agency.phone), agency.code
    assert Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).values("email").distinct().count() == 124


def test_every_state_is_present_and_communes_lag(loaded):
    states = Counter(Agency.objects.values_list("qms_state", flat=True))
    assert set(states) == set(QmsState.values)
    commune = Counter(Agency.objects.filter(tier__code="commune").values_list("qms_state", flat=True))
    upper = Counter(Agency.objects.filter(tier__code="province").values_list("qms_state", flat=True))
    early = (QmsState.BUILDING, QmsState.APPLYING)
    assert sum(commune[s] for s in early) / 124 > sum(upper[s] for s in early) / 54
    assert commune[QmsState.REANNOUNCE_DUE] > commune[QmsState.MAINTAINING] / 2
    for agency in Agency.objects.exclude(qms_state=QmsState.NOT_STARTED).prefetch_related("scope_items"):
        assert 3 <= len(agency.scope_items.all()) <= 12, agency.code


def test_reannouncement_due_follows_a_scope_change(loaded):
    due = Agency.objects.filter(qms_state=QmsState.REANNOUNCE_DUE)
    assert due.filter(tier__code="commune").exists()
    for agency in due:
        last = agency.announcements.order_by("-decision_date", "-id").first()
        added = set(agency.scope_items.values_list("procedure__code", flat=True)) - set(last.scope_codes)
        assert added, agency.code
        building = agency.transitions.get(to_state=QmsState.BUILDING)
        assert "Kế thừa HTQLCL" in building.note, agency.code
    # Communes take over procedures of the abolished district level.
    district_only = {r["code"] for r in catalogue.procedure_rows() if r["applies_to"] == "district"}
    grown = ScopeItem.objects.filter(agency__in=due.filter(tier__code="commune"), procedure__code__in=district_only)
    assert grown.exists()


def test_history_is_dated_from_july_2025(loaded):
    # The lifecycle histories; the areas' own records (audits, plans…) are dated up to today.
    history = AuditEvent.objects.filter(object_type__in=("registry.agency", "qms.scopeitem", "qms.announcement"))
    for rows in (Transition.objects.all(), history):
        days = {at.date() for at in rows.values_list("at", flat=True)}
        assert FIRST <= min(days) and max(days) <= LAST
    dates = list(Announcement.objects.values_list("decision_date", flat=True))
    assert FIRST <= min(dates) and max(dates) <= LAST
    for announcement in Announcement.objects.all():
        assert announcement.signed_file.storage.exists(announcement.signed_file.name)


def test_five_users_with_the_commune_secretary_and_head(loaded):
    users = {u.username: u for u in User.objects.select_related("agency")}
    assert set(users) == set(catalogue.DEMO_USERNAMES)
    assert Counter(u.role for u in users.values()) == {role: 1 for role in Role.values}
    assert users["secretary"].agency.code == users["head"].agency.code == "29266"
    assert users["lead"].agency.code == "SKHCN" and users["inspector"].agency.code == "SKHCN.CCTDC"
    for spec in VINHLONG_2025.users:
        assert users[spec.username].check_password(spec.password)
        assert users[spec.username].email.endswith("@vinhlong.gov.vn")
    signed = Announcement.objects.filter(agency__code="29266").values_list("signer", flat=True)
    assert set(signed) == {"Thạch Văn Sơn"}
    assert "29266 Xã Càng Long" in loaded.first


def test_running_again_adds_nothing(loaded):
    assert loaded.after_first["agencies"] == 178
    assert loaded.after_second == loaded.after_first == loaded.after_explicit
    assert "Vĩnh Long" in loaded.first and "Demo loaded in" in loaded.first
    assert "already loaded" in loaded.second and "already loaded" in loaded.explicit
    assert "Provincial 54, Commune 124" in loaded.first


def test_the_three_tier_province_is_refused_without_a_district_tier(loaded):
    with pytest.raises(CommandError, match="missing here: district"):
        run("--province", "travinh-2019")
    assert counts() == loaded.after_first


def test_the_2019_province_is_not_mixed_into_the_2025_one(loaded):
    # With a district tier back, the tiers would choose Trà Vinh; its codes overlap Vĩnh Long's.
    load_preset(Tier, "three-tier")
    for args in ((), ("--province", "travinh-2019")):
        with pytest.raises(CommandError, match="already holds the Vĩnh Long"):
            run(*args)
    assert counts() == loaded.after_first
