"""The demo command's story, loaded once for the whole module: loading 293 agencies per test would be slow.

The load runs inside a transaction that is rolled back at the end, so the other modules of the
suite still start from an empty registry.
"""
import datetime as dt
import io
import unicodedata
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone, translation

from isogov.accounts.models import Role, User
from isogov.audit.models import AuditEvent
from isogov.demo import catalogue, reorganisation
from isogov.demo.checks import misdated
from isogov.demo.history import KEEPS_ON
from isogov.demo.provinces import LAST_DAY_BEFORE, LAST_STEP, REORGANISED_ON, TODAY
from isogov.qms.models import Announcement, Procedure, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import CODE_PATTERN, Agency, AgencyKind, AgencyStatus, Tier


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


ANNOUNCED = (QmsState.ANNOUNCED, QmsState.MAINTAINING, QmsState.REANNOUNCE_DUE)


def test_three_tiers_in_2019_two_today(loaded):
    assert Agency.objects.count() == 293
    assert Counter(Agency.objects.values_list("tier__code", flat=True)) == {
        "province": 54, "district": 9, "commune": 106 + 124}
    today = Agency.objects.filter(status=AgencyStatus.ACTIVE)
    assert Counter(today.values_list("tier__code", flat=True)) == {"province": 54, "commune": 124}
    assert not today.filter(parent__tier__code="district").exists()
    # The tiers of today: the two-tier preset, under which communes must apply too.
    assert Tier.objects.get(code="commune").mandatory_by_default
    assert not today.filter(tier__code="commune", mandatory=False).exists()
    old = Agency.objects.filter(code__startswith="TV-")
    assert old.count() == 106 and not old.filter(mandatory=True).exists()  # encouraged, not mandatory, before 2025
    assert Agency.objects.get(code="844").children.count() == 14


def test_the_registry_holds_each_merger_with_its_date(loaded):
    districts = Agency.objects.filter(tier__code="district")
    assert districts.count() == 9
    ended = Agency.objects.exclude(status=AgencyStatus.ACTIVE)
    assert ended.count() == 115 and set(ended.values_list("status", flat=True)) == {AgencyStatus.MERGED}
    assert set(ended.values_list("ended_on", flat=True)) == {LAST_DAY_BEFORE} == {dt.date(2025, 6, 30)}
    assert set(districts.values_list("status", flat=True)) == {AgencyStatus.MERGED}
    assert Agency.objects.get(code="844").merged_into.code == "29266"
    new = Agency.objects.filter(active_from__isnull=False)
    assert new.count() == 124 and set(new.values_list("active_from", flat=True)) == {REORGANISED_ON}
    assert not new.filter(ended_on__isnull=False).exists()
    # The Trà Vinh part: 41 new communes, each keeping the code of one predecessor merged into it.
    heirs = new.filter(merged_from__isnull=False).distinct()
    assert heirs.count() == 41
    for heir in heirs.prefetch_related("merged_from"):
        codes = {a.code for a in heir.merged_from.all()}
        assert f"TV-{heir.code}" in codes, heir.code
    assert Agency.objects.get(code="29266").merged_from.filter(code__startswith="TV-").count() == 2
    # Through the registry's own service: each merger is in the trail, dated the day it took effect.
    merged = AuditEvent.objects.filter(object_type="registry.agency", action="update", changes__has_key="merged_into")
    assert merged.count() == 115
    assert {timezone.localtime(e.at).date() for e in merged} == {REORGANISED_ON}
    notes = list(merged.values_list("note", flat=True))
    assumed = sum(1 for m in reorganisation.merges() if m.assumed)
    assert sum("[assumed" in n for n in notes) == assumed == 65 + 9


def activities_outside_their_plan() -> int:
    from isogov.programme.models import Activity, Disbursement

    def period(plan):
        return dt.date(plan.start_year, 1, 1), dt.date(plan.end_year, 12, 31)

    outside = 0
    for a in Activity.objects.select_related("plan"):
        first, last = period(a.plan)
        outside += not (first <= a.start_date <= a.end_date <= last)
    for d in Disbursement.objects.select_related("line__activity__plan"):
        first, last = period(d.line.activity.plan)
        outside += not (first <= d.date <= min(last, TODAY))
    return outside


def test_every_record_is_dated_inside_its_agencys_life_and_its_plans_period(loaded):
    assert misdated(TODAY) == Counter()
    assert activities_outside_their_plan() == 0
    # Objectives are measured by month or quarter of their year: none for a year the agency began within.
    from isogov.objectives.models import Objective

    for objective in Objective.objects.filter(agency__active_from__isnull=False).select_related("agency"):
        assert dt.date(objective.year, 1, 1) >= objective.agency.active_from, objective.agency.code
    assert not Objective.objects.exclude(agency__status=AgencyStatus.ACTIVE).exists()
    # A sanity check of the check: it sees a record dated after its agency ended.
    from isogov.capa.models import Nonconformity

    nc = Nonconformity.objects.filter(agency__status=AgencyStatus.ACTIVE).first()
    Nonconformity.objects.filter(pk=nc.pk).update(agency=Agency.objects.get(code="844"))
    assert misdated(TODAY)[("capa.Nonconformity", "detected_on", "after the agency ended")] == 1
    Nonconformity.objects.filter(pk=nc.pk).update(agency=nc.agency)


def test_histories_follow_the_story(loaded):
    steps = Transition.objects.select_related("agency")
    assert max(timezone.localtime(s.at).date() for s in steps) <= LAST_STEP < TODAY
    for step in steps.filter(agency__ended_on__isnull=False):
        assert timezone.localtime(step.at).date() <= LAST_DAY_BEFORE
    for step in steps.filter(agency__active_from__isnull=False):
        assert timezone.localtime(step.at).date() >= REORGANISED_ON
    assert {s.at.year for s in steps.filter(agency__code__startswith="TV-")} >= {2019, 2020, 2024}
    confirmed = Transition.objects.filter(to_state=QmsState.CONFIRMED).select_related("agency")
    for step in confirmed:
        facts = step.agency.qms_facts.filter(date__lte=step.at.date())
        assert {f.kind for f in facts} >= {"internal_audit", "management_review"}, step.agency.code


def _figures(day: dt.date) -> tuple[Counter, Counter]:
    """Agencies alive on `day` by tier, and those whose QMS stood announced then, from the Transition log."""
    alive = [a for a in Agency.objects.select_related("tier")
             if (a.active_from is None or a.active_from <= day) and (a.ended_on is None or a.ended_on >= day)]
    end = timezone.make_aware(dt.datetime.combine(day, dt.time.max))
    state = {}
    for step in Transition.objects.filter(at__lte=end).order_by("at", "id"):
        state[step.agency_id] = step.to_state
    return (Counter(a.tier.code for a in alive),
            Counter(a.tier.code for a in alive if state.get(a.pk) in ANNOUNCED))


def test_the_years_2020_and_2025_differ_each_true_to_its_date(loaded):
    tiers_2020, announced_2020 = _figures(dt.date(2020, 12, 31))
    tiers_2025, announced_2025 = _figures(dt.date(2025, 12, 31))
    assert tiers_2020 == {"province": 54, "district": 9, "commune": 106}
    assert tiers_2025 == {"province": 54, "commune": 124}
    assert announced_2020["district"] > 0 and "district" not in announced_2025
    assert announced_2025["province"] >= announced_2020["province"]
    # Half a year after they were formed, fewer new communes have announced than old ones had by 2020's end.
    assert announced_2025["commune"] != announced_2020["commune"]


def test_by_the_end_of_2020_most_provincial_bodies_and_districts_had_announced(loaded):
    """Decision 2248/QĐ-UBND (29/10/2019) plans to go on maintaining the QMS its agencies had announced."""
    tiers, announced = _figures(dt.date(2020, 12, 31))
    upper = ("province", "district")
    assert sum(announced[t] for t in upper) >= 0.8 * sum(tiers[t] for t in upper)
    assert announced["commune"] >= 0.4 * tiers["commune"]
    assert sum(announced[t] for t in upper) < sum(tiers[t] for t in upper)  # a few still building then


def _lapses(day: dt.date, kind: str) -> set[str]:
    """Codes of the agencies alive and maintaining on `day` (from the Transition log) whose last `kind` fact
    up to that day is older than the law's interval (conf.py: 12 months)."""
    from django.conf import settings

    from isogov.core.dates import add_months

    months = settings.ISOGOV["INTERNAL_AUDIT_MONTHS" if kind == "internal_audit" else "MANAGEMENT_REVIEW_MONTHS"]
    end = timezone.make_aware(dt.datetime.combine(day, dt.time.max))
    state = {}
    for agency_id, to_state in Transition.objects.filter(at__lte=end).order_by("at", "id").values_list(
            "agency_id", "to_state"):
        state[agency_id] = to_state
    alive = Agency.objects.exclude(active_from__gt=day).exclude(ended_on__lt=day)
    keeping = alive.filter(pk__in=[pk for pk, s in state.items() if s in KEEPS_ON])
    last = dict(QmsFact.objects.filter(kind=kind, date__lte=day, agency__in=keeping).values("agency_id")
                .annotate(last=Max("date")).values_list("agency_id", "last"))
    return {a.code for a in keeping if (last.get(a.pk) or dt.date.min) < add_months(day, -months)}


def test_maintaining_agencies_audit_and_review_every_year(loaded):
    """On every 31 December (and today) a maintaining agency's last internal audit and management review are
    within the law's 12 months, except the few the story lets lapse: under a tenth (late_share in provinces.py
    is 10% of the provincial bodies and new communes, 5% of the old districts and communes)."""
    days = [dt.date(year, 12, 31) for year in range(2019, TODAY.year)] + [TODAY]
    ever = set()
    for day in days:
        alive = Agency.objects.exclude(active_from__gt=day).exclude(ended_on__lt=day).count()
        for kind in ("internal_audit", "management_review"):
            lapsed = _lapses(day, kind)
            assert len(lapsed) <= 0.1 * alive, (day, kind, sorted(lapsed))
            ever |= lapsed
    keeping = Transition.objects.filter(to_state__in=KEEPS_ON).values("agency").distinct().count()
    assert len(ever) <= 0.1 * keeping, sorted(ever)
    # Some are deliberately late, so the dashboard has overdue audits to show today.
    assert _lapses(TODAY, "internal_audit")


def test_three_plans_one_after_the_other(loaded):
    from isogov.programme.models import ActivityStatus, Plan, PlanStatus

    plans = list(Plan.objects.order_by("start_year"))
    assert [(p.start_year, p.end_year, p.status) for p in plans] == [
        (2020, 2020, PlanStatus.APPROVED), (2021, 2025, PlanStatus.APPROVED), (2026, 2026, PlanStatus.APPROVED)]
    assert plans[1].previous == plans[0] and plans[2].previous == plans[1]
    closed, five_years, current = plans
    # Shown today, the 2020 plan is closed: every activity finished, its report says what was done.
    for plan in (closed, five_years):
        assert set(plan.activities.values_list("status", flat=True)) == {ActivityStatus.DONE}
        assert not any(a.is_overdue(TODAY) for a in plan.activities.all())
    assert closed.activities.get(number=3).notes.startswith("Kết quả đến 31/12/2020: ")
    assert closed.activities.get(number=4).notes.startswith("Đã kiểm tra 27/30")
    carried = five_years.activities.exclude(carried_from=None)
    assert sorted(carried.values_list("carried_from__number", flat=True)) == [3, 4]
    # Today's plan is under way: some activities done, some still ahead, none overdue by more than the plan.
    statuses = Counter(current.activities.values_list("status", flat=True))
    assert statuses[ActivityStatus.DONE] >= 3 and statuses[ActivityStatus.NOT_STARTED] >= 1
    assert current.activities.filter(start_date__gt=TODAY).exists()
    assert not current.objectives.filter(tier__code="district").exists()
    assert closed.approved_at.date() == dt.date(2019, 10, 29) and current.approved_at.year == 2026


def test_provincial_bodies(loaded):
    import re

    assert list(Agency.objects.filter(is_programme_lead=True).values_list("code", flat=True)) == ["SKHCN"]
    cctdc = Agency.objects.get(code="SKHCN.CCTDC")
    assert cctdc.parent.code == "SKHCN" and cctdc.kind == AgencyKind.SUB_DEPARTMENT
    for agency in Agency.objects.filter(kind=AgencyKind.SUB_DEPARTMENT):
        assert agency.parent.kind == AgencyKind.DEPARTMENT
    for agency in Agency.objects.all():
        assert re.fullmatch(CODE_PATTERN, agency.code)
        assert agency.iso_secretary and agency.email.isascii()
        assert agency.email.endswith("@travinh.gov.vn" if agency.ended_on else "@vinhlong.gov.vn"), agency.code
        assert re.fullmatch(r"0294 3\d{3} \d{3}", agency.phone)


def test_every_state_is_present_today(loaded):
    states = Counter(Agency.objects.filter(status=AgencyStatus.ACTIVE).values_list("qms_state", flat=True))
    assert set(states) == set(QmsState.values)
    for agency in Agency.objects.exclude(qms_state=QmsState.NOT_STARTED).prefetch_related("scope_items"):
        # 3 to 12 from the story, plus at most one from the catalogue's later decision and one a commune takes in
        # to adopt the library's marriage-registration template
        assert 3 <= len(agency.scope_items.all()) <= 14, agency.code
    assert not ScopeItem.objects.filter(agency__qms_state=QmsState.NOT_STARTED).exists()


def test_announced_agencies_have_a_stored_signed_decision(loaded):
    announced = Agency.objects.filter(qms_state__in=[QmsState.ANNOUNCED, QmsState.MAINTAINING])
    assert announced.exists()
    for agency in announced:
        latest = agency.announcements.order_by("-decision_date", "-id").first()
        assert latest is not None, agency.code
        assert latest.scope_codes
        assert latest.signed_file.name and latest.signed_file.storage.exists(latest.signed_file.name)
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


def test_five_users_one_per_role(loaded):
    users = {u.username: u for u in User.objects.select_related("agency")}
    assert set(users) == set(catalogue.DEMO_USERNAMES)
    # The demo is one province; the ministry's and province followers' roles belong to `generate --national`.
    province_roles = set(Role.values) - {Role.NATIONAL_VIEWER, Role.PROVINCE_VIEWER}
    assert Counter(u.role for u in users.values()) == {role: 1 for role in province_roles}
    assert users["lead"].role == Role.PROVINCE_ADMIN and users["lead"].agency.code == "SKHCN"
    # They work for their present agency: Xã Càng Long, successor of district 844's township.
    assert users["secretary"].agency.code == users["head"].agency.code == "29266"
    assert users["inspector"].agency.code == "SKHCN.CCTDC"
    assert users["viewer"].agency.code == "SNV"
    for spec in catalogue.DEMO_USERS:
        assert users[spec.username].check_password(spec.password)
        assert users[spec.username].date_joined.date() == dt.date(2019, 1, 2)


def test_names_are_nfc(loaded):
    texts = [
        *Agency.objects.values_list("name", flat=True),
        *Agency.objects.values_list("iso_secretary", flat=True),
        *Procedure.objects.values_list("name", flat=True),
        *User.objects.values_list("full_name", flat=True),
        *Announcement.objects.values_list("signer", flat=True),
    ]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_running_again_adds_nothing(loaded):
    assert loaded.after_first["agencies"] == 293
    assert loaded.after_second == loaded.after_first
    assert loaded.after_if_empty == loaded.after_first
    assert "already loaded" in loaded.second
    assert "not loaded" in loaded.if_empty


def test_every_run_prints_the_logins_and_the_first_its_progress(loaded):
    for output in (loaded.first, loaded.second, loaded.if_empty):
        for spec in catalogue.DEMO_USERS:
            assert spec.username in output and spec.password in output
    assert "Demo loaded in" in loaded.first and "115 merged on 01/07/2025" in loaded.first
    for step in ("registry 2019", "qms 2019–2025", "reorganisation 01/07/2025", "programme", "inspections"):
        assert f"  {step}: " in loaded.first


def test_procedure_catalogue(loaded):
    rows = catalogue.procedure_rows()
    assert Procedure.objects.count() == len(rows) == len({r["code"] for r in rows})
    known = set(Agency.objects.values_list("code", flat=True)) | catalogue.GENERIC_TARGETS
    for row in rows:
        assert set(row["applies_to"].split("|")) <= known, row["code"]


@pytest.mark.parametrize("year", [2020, 2025, TODAY.year])
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


def test_training_follows_the_story(loaded):
    """Trà Vinh's agencies trained in 2020 (the seed plan's activity 2), Vĩnh Long's in 2026; every trainee's
    agency was alive on its session's days, and the dashboard of 31/12/2020 counts agencies covered."""
    from isogov.dashboard.figures import province_figures
    from isogov.training.models import Session, Trainee

    trainees = list(Trainee.objects.select_related("agency", "session"))
    by_year = Counter(t.session.start_date.year for t in trainees)
    assert by_year[2020] > 0 and by_year[2026] > 0
    assert max(s.end_date for s in Session.objects.all()) <= TODAY
    for t in trainees:
        a, s = t.agency, t.session
        assert (a.active_from is None or a.active_from <= s.start_date) and (
            a.ended_on is None or a.ended_on > s.end_date), (a.code, s.start_date)
    # 2020: the old districts and communes (ended 30/06/2025) and the provincial bodies, none formed in 2025.
    of_2020 = [t.agency for t in trainees if t.session.start_date.year == 2020]
    assert any(a.ended_on == LAST_DAY_BEFORE for a in of_2020)
    assert not any(a.active_from == REORGANISED_ON for a in of_2020)
    # 2026: Vĩnh Long's new communes and provincial bodies, none of Trà Vinh's ended agencies.
    of_2026 = [t.agency for t in trainees if t.session.start_date.year == 2026]
    assert any(a.active_from == REORGANISED_ON for a in of_2026)
    assert all(a.ended_on is None for a in of_2026)
    # Nobody from an agency that had not started its QMS by the session's day.
    for t in trainees:
        before = (Transition.objects.filter(agency=t.agency, at__date__lte=t.session.start_date)
                  .order_by("-at", "-pk").values_list("to_state", flat=True).first())
        assert before not in (None, QmsState.NOT_STARTED), (t.agency.code, t.session.start_date)
    assert province_figures(user=None, as_of=dt.date(2020, 12, 31)).total.trained > 0
