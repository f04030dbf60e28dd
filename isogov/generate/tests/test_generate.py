import datetime as dt
import hashlib

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from isogov.accounts.models import User
from isogov.documents.models import Document
from isogov.generate.services import generate
from isogov.objectives.models import Objective
from isogov.registry.models import Agency

TODAY = dt.date(2026, 11, 20)
# Every model the generator promises rows in.
MODELS = [
    "registry.agency", "accounts.user", "qms.procedure", "qms.transition", "qms.announcement", "qms.scopeitem",
    "qms.qmsfact", "documents.document", "documents.version", "objectives.objective", "objectives.measurement",
    "risks.risk", "risks.riskaction", "audits.auditprogramme", "audits.audit", "audits.finding",
    "capa.nonconformity", "capa.correctiveaction", "capa.step", "reviews.review", "reviews.reviewaction",
    "feedback.complaint", "feedback.satisfactionsurvey", "training.course", "training.session", "training.trainee",
    "programme.plan", "programme.activity", "programme.budgetline", "programme.disbursement", "events.event",
    "events.attendee", "inspections.inspectionplan", "inspections.inspection", "inspections.answer",
    "inspections.finding", "inspections.recordscheck", "portal.news", "portal.visitday", "accounts.apitoken",
    "search.searchentry", "audit.auditevent",
]


def fingerprint() -> tuple[dict, str]:
    """Row counts per model, and a checksum of key columns (natural keys only: ids differ between databases)."""
    counts = {label: apps.get_model(label).objects.count() for label in MODELS}
    digest = hashlib.sha256()
    for row in Agency.objects.order_by("code").values_list("code", "path", "qms_state", "tier__code"):
        digest.update(repr(row).encode())
    for row in Document.objects.order_by("agency__code", "code").values_list(
            "agency__code", "code", "kind", "legal_effective_on", "incorporated_on", "legal_due_on"):
        digest.update(repr(row).encode())
    for row in Objective.objects.order_by("agency__code", "title").values_list(
            "agency__code", "title", "year_value", "periods_measured"):
        digest.update(repr(row).encode())
    for row in apps.get_model("capa.nonconformity").objects.order_by("agency__code", "number").values_list(
            "agency__code", "number", "state", "detected_on"):
        digest.update(repr(row).encode())
    return counts, digest.hexdigest()


def generated(seed: int) -> tuple[dict, str]:
    """Generate, fingerprint, and roll the rows back so the next run starts from an empty database again."""
    with transaction.atomic():
        generate(agencies=30, years=1, seed=seed, today=TODAY)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_in_every_model():
    counts, checksum = generated(seed=7)
    assert all(counts[label] > 0 for label in MODELS), [label for label in MODELS if not counts[label]]
    assert counts["registry.agency"] == 30 and counts["accounts.user"] == 31  # the lead and 30 secretaries
    assert generated(seed=7) == (counts, checksum)
    assert generated(seed=8)[1] != checksum


@pytest.mark.django_db
def test_derived_fields_are_kept_as_the_services_keep_them():
    generate(agencies=30, years=1, seed=3, today=TODAY)
    for agency in Agency.objects.select_related("parent"):
        assert agency.path == (agency.parent.path if agency.parent else "/") + agency.code + "/"
    legal = Document.objects.filter(kind="external").first()
    assert legal.legal_due_on is not None and legal.legal_due_on > legal.legal_effective_on
    numbers = list(apps.get_model("capa.nonconformity").objects.filter(agency=legal.agency)
                   .order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.django_db
def test_a_database_with_agencies_is_refused(capsys):
    call_command("generate", agencies=30, seed=1, today=TODAY)
    before = Agency.objects.count()
    with pytest.raises(CommandError, match="empty database"):
        call_command("generate", agencies=30, seed=1, today=TODAY)
    assert Agency.objects.count() == before


@pytest.mark.django_db
def test_the_lead_and_a_secretary_can_read_the_generated_pages(client):
    generate(agencies=30, years=1, seed=1, today=dt.date.today())
    lead = User.objects.get(username="lead")
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    agency = Agency.objects.filter(tier__code="district").order_by("code").first()
    plan = apps.get_model("programme.plan").objects.get()
    for url in ["/compliance/", "/training/", "/documents/overdue-legal/", "/agencies/", f"/agencies/{agency.code}/",
                f"/programme/plans/{plan.pk}/", f"/programme/plans/{plan.pk}/budget/", "/audit/", "/dashboard/",
                f"/reports/annual/{dt.date.today().year}/", "/agencies/export/?format=csv",
                "/inspections/", f"/inspections/{apps.get_model('inspections.inspectionplan').objects.get().pk}/",
                "/scoring/", "/search/?q=xa"]:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(agency=agency), backend="django.contrib.auth.backends.ModelBackend")
    code = agency.code
    for url in [f"/agencies/{code}/todo/", f"/agencies/{code}/documents/", f"/agencies/{code}/compliance/", "/audit/"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_national_puts_every_province_under_the_ministry(client):
    """A ministry's registry: the ministry on the national tier is the root and leads; each province's committee sits
    under it with its own agencies; the ministry's viewer reads the pages and the data are as reproducible."""
    generate(agencies=330, years=1, seed=2, today=dt.date.today(), national=True)
    ministry = Agency.objects.get(parent__isnull=True)
    assert (ministry.code, ministry.tier.code, ministry.tier.rank, ministry.is_programme_lead) == (
        "BKHCN", "national", 0, True)
    assert Agency.objects.count() == 330 and Agency.objects.filter(is_programme_lead=True).count() == 1
    committees = Agency.objects.filter(parent=ministry)
    assert {a.tier.code for a in committees} == {"province"} and committees.count() == 2
    assert not Agency.objects.exclude(path__startswith="/BKHCN/").exists()
    for committee in committees:  # each province holds its departments, districts and communes
        tiers = set(Agency.objects.filter(path__startswith=committee.path).values_list("tier__code", flat=True))
        assert tiers == {"province", "district", "commune"}
    assert User.objects.get(username="lead").agency == ministry
    viewer = User.objects.get(username="ministry")
    assert viewer.role == "national_viewer"
    # Training and events are per province, run by each committee for its own agencies.
    courses = apps.get_model("training.course").objects.all()
    assert {c.organiser_id for c in courses} == {c.pk for c in committees}
    client.force_login(viewer, backend="django.contrib.auth.backends.ModelBackend")
    for url in ["/dashboard/", f"/reports/annual/{dt.date.today().year}/", "/agencies/", "/compliance/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/agencies/new/").status_code == 403
