"""The demo command, loaded once for the whole module: loading 169 agencies per test would be slow.

The load runs inside a transaction that is rolled back at the end, so the other modules of the
suite still start from an empty registry.
"""
import io
import unicodedata
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from isogov.accounts.models import Role, User
from isogov.audit.models import AuditEvent
from isogov.demo import catalogue
from isogov.qms.models import Announcement, Procedure, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import CODE_PATTERN, Agency, AgencyKind


def counts() -> dict[str, int]:
    models = {"agencies": Agency, "users": User, "procedures": Procedure, "announcements": Announcement,
              "transitions": Transition, "audit events": AuditEvent, "scope items": ScopeItem, "facts": QmsFact}
    return {name: model.objects.count() for name, model in models.items()}


@pytest.fixture(autouse=True)
def media_storage(settings, demo):
    """The demo module's files live in its own folder for the whole module, not a folder per test."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(demo.media)}}}


def run(*args) -> str:
    out = io.StringIO()
    # Module-scoped fixtures call this before the per-test English switch; the assertions read English.
    with translation.override("en"):
        call_command("demo", *args, stdout=out)
    return out.getvalue()


class Loaded:
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    media = tmp_path_factory.mktemp("media")
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(media)}}}
    with django_db_blocker.unblock(), override_settings(STORAGES=storages):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            loaded = Loaded()
            loaded.media = media
            loaded.first = run()
            loaded.after_first = counts()
            loaded.second = run()
            loaded.after_second = counts()
            loaded.if_empty = run("--if-empty")
            loaded.after_if_empty = counts()
            yield loaded
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def loaded(demo, db):
    return demo


def test_169_agencies_by_tier_and_kind(loaded):
    assert Agency.objects.count() == 169
    assert Counter(Agency.objects.values_list("tier__code", flat=True)) == {
        "province": 54, "district": 9, "commune": 106}
    districts = Agency.objects.filter(tier__code="district")
    assert set(districts.values_list("kind", flat=True)) == {AgencyKind.DISTRICT_COMMITTEE}
    assert not districts.filter(parent__isnull=False).exists()
    communes = Agency.objects.filter(tier__code="commune")
    assert set(communes.values_list("kind", flat=True)) == {AgencyKind.COMMUNE_COMMITTEE}
    assert not communes.filter(parent__tier__code__in=["province", "commune"]).exists()
    assert not communes.filter(parent__isnull=True).exists()
    assert not communes.filter(mandatory=True).exists()
    assert not Agency.objects.exclude(tier__code="commune").filter(mandatory=False).exists()
    assert Agency.objects.get(code="844").children.count() == 14


def test_provincial_bodies(loaded):
    import re

    assert list(Agency.objects.filter(is_programme_lead=True).values_list("code", flat=True)) == ["SKHCN"]
    cctdc = Agency.objects.get(code="SKHCN.CCTDC")
    assert cctdc.parent.code == "SKHCN" and cctdc.kind == AgencyKind.SUB_DEPARTMENT
    for agency in Agency.objects.filter(kind=AgencyKind.SUB_DEPARTMENT):
        assert agency.parent.kind == AgencyKind.DEPARTMENT
    for agency in Agency.objects.all():
        assert re.fullmatch(CODE_PATTERN, agency.code)
        assert agency.iso_secretary and agency.email.endswith("@travinh.gov.vn") and agency.email.isascii()
        assert re.fullmatch(r"0294 3\d{3} \d{3}", agency.phone)


def test_every_state_is_present(loaded):
    states = Counter(Agency.objects.values_list("qms_state", flat=True))
    assert set(states) == set(QmsState.values)
    assert states[QmsState.MAINTAINING] > states[QmsState.NOT_STARTED]
    for agency in Agency.objects.exclude(qms_state=QmsState.NOT_STARTED).prefetch_related("scope_items"):
        assert 3 <= len(agency.scope_items.all()) <= 12, agency.code
    assert not ScopeItem.objects.filter(agency__qms_state=QmsState.NOT_STARTED).exists()


def test_announced_agencies_have_a_stored_signed_decision(loaded):
    announced = Agency.objects.filter(qms_state__in=[QmsState.ANNOUNCED, QmsState.MAINTAINING])
    assert announced.exists()
    for agency in announced:
        latest = agency.announcements.order_by("-decision_date", "-id").first()
        assert latest is not None, agency.code
        assert latest.scope_codes
        assert latest.signed_file.name and latest.signed_file.storage.exists(latest.signed_file.name)
        assert 2019 <= latest.decision_date.year <= 2020
        data = latest.signed_file.read()
        latest.signed_file.close()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        xref_at = int(data.rsplit(b"startxref", 1)[1].split()[0])
        assert data[xref_at:].startswith(b"xref")
    assert all(path.stat().st_size for path in loaded.media.rglob("*.pdf"))


def test_reannouncement_due_follows_a_scope_change(loaded):
    for agency in Agency.objects.filter(qms_state=QmsState.REANNOUNCE_DUE):
        last = agency.announcements.order_by("-decision_date", "-id").first()
        current = set(agency.scope_items.values_list("procedure__code", flat=True))
        assert current - set(last.scope_codes), agency.code


# The lifecycle histories are dated 2019–2020; the areas' records (audits, plans…) come after, up to today.
HISTORY_TYPES = ("registry.agency", "qms.scopeitem", "qms.announcement", "accounts.user")


def test_history_is_dated_2019_2020(loaded):
    assert set(Transition.objects.values_list("at__year", flat=True)) <= {2019, 2020}
    history = AuditEvent.objects.filter(object_type__in=HISTORY_TYPES)
    assert set(history.values_list("at__year", flat=True)) <= {2019, 2020}
    later = QmsFact.objects.exclude(date__year__in=(2019, 2020))
    assert not later.filter(date__gt=timezone.localdate()).exists()
    confirmed = Transition.objects.filter(to_state=QmsState.CONFIRMED).select_related("agency")
    for step in confirmed:
        facts = step.agency.qms_facts.filter(date__lte=step.at.date())
        assert {f.kind for f in facts} == {"internal_audit", "management_review"}, step.agency.code


def test_five_users_one_per_role(loaded):
    users = {u.username: u for u in User.objects.select_related("agency")}
    assert set(users) == set(catalogue.DEMO_USERNAMES)
    assert Counter(u.role for u in users.values()) == {role: 1 for role in Role.values}
    assert users["lead"].role == Role.PROVINCE_ADMIN and users["lead"].agency.code == "SKHCN"
    assert users["secretary"].agency.code == users["head"].agency.code == "844"
    assert users["inspector"].agency.code == "SKHCN.CCTDC"
    assert users["viewer"].agency.code == "SNV"
    for spec in catalogue.DEMO_USERS:
        assert users[spec.username].password.startswith("argon2")
        assert users[spec.username].check_password(spec.password)


def test_names_are_nfc(loaded):
    texts = [
        *Agency.objects.values_list("name", flat=True),
        *Agency.objects.values_list("iso_secretary", flat=True),
        *Procedure.objects.values_list("name", flat=True),
        *Procedure.objects.values_list("field", flat=True),
        *User.objects.values_list("full_name", flat=True),
        *Announcement.objects.values_list("signer", flat=True),
    ]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_running_again_adds_nothing(loaded):
    assert loaded.after_first["agencies"] == 169
    assert loaded.after_second == loaded.after_first
    assert loaded.after_if_empty == loaded.after_first
    assert "already loaded" in loaded.second
    assert "not loaded" in loaded.if_empty


def test_every_run_prints_the_logins(loaded):
    for output in (loaded.first, loaded.second, loaded.if_empty):
        for spec in catalogue.DEMO_USERS:
            assert spec.username in output and spec.password in output
    assert "Demo loaded in" in loaded.first


def test_procedure_catalogue(loaded):
    rows = catalogue.procedure_rows()
    assert Procedure.objects.count() == len(rows) == len({r["code"] for r in rows})
    known = set(Agency.objects.values_list("code", flat=True)) | catalogue.GENERIC_TARGETS
    for row in rows:
        assert set(row["applies_to"].split("|")) <= known, row["code"]
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.search_text == "1.001193 dang ky khai sinh ho tich"


def test_the_two_tier_province_is_not_mixed_into_this_one(loaded):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="already holds the Trà Vinh"):
        run("--province", "vinhlong-2025")
    assert counts() == loaded.after_first


@pytest.mark.parametrize("year", [2020, timezone.localdate().year])
def test_score_command_equals_the_scoring_page(loaded, client, year):
    """`isogov score --year Y --json` over the demo prints, per tier, the figures the page shows the lead."""
    import json
    import re

    out = io.StringIO()
    call_command("score", "--year", str(year), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    client.force_login(User.objects.get(username="lead"))
    html = client.get(f"/scoring/?year={year}").content.decode()
    shown = dict(re.findall(r'data-testid="total-([\w-]+)">(?:<strong[^>]*>)?([^<]*)', html))
    for tier, data in printed["tiers"].items():
        if not data["agencies"]:  # shown as a tier with no agency that had to apply, not scored
            assert data["percent"] is None and f'data-testid="total-{tier}"' not in html
            continue
        expected = (f'{data["points"]}'.replace(".", ",") if data["max_points"] != "0.00" else "n/a")
        assert shown[tier].strip() == expected, (tier, shown, data)
        for key, c in data["criteria"].items():
            if c["denominator"]:
                assert f'data-testid="cell-{tier}-{key}">{c["numerator"]}/{c["denominator"]} ({c["percent"]} %)' in html
    assert printed["tiers"], "the demo has tiers"
    assert sum(d["agencies"] for d in printed["tiers"].values()) == printed["province"]["agencies"] > 0


def test_the_demo_year_has_its_inspections(loaded):
    from isogov.inspections.models import Finding, InspectionPlan, PlanStatus

    plan = InspectionPlan.objects.get()
    assert plan.status == PlanStatus.APPROVED and plan.onsite.count() == 30
    assert plan.inspections.count() == 30 and plan.inspections.exclude(record_date=None).count() == 20
    assert Finding.objects.exclude(nonconformity=None).exists()
    assert plan.records_checks.count() > 0
