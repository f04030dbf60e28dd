"""A ministry's registry: the national tier above the provinces (the `national` preset layer), the ministry agency
its root and each province's People's Committee under it, by import, by the form and by the services."""
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from isogov.registry import rollups
from isogov.registry.importing import import_agencies
from isogov.registry.models import Agency, AgencyKind, Tier
from isogov.registry.services import agency_create
from isogov.registry.tests.import_helpers import csv_bytes
from isogov.registry.tiers import load_preset, preset_names, read_preset

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Loại hình"]


@pytest.fixture
def national(db):
    load_preset(Tier, "three-tier+national")
    return {t.code: t for t in Tier.objects.all()}


def test_the_layer_goes_on_top_of_either_tier_set():
    assert "national" in preset_names()
    assert [(r["code"], r["rank"]) for r in read_preset("three-tier+national")] == [
        ("national", 0), ("province", 1), ("district", 2), ("commune", 3)]
    assert [r["code"] for r in read_preset("two-tier+national")] == ["national", "province", "commune"]
    with pytest.raises(ValueError, match="Unknown tier preset “nation”"):
        read_preset("three-tier+nation")


def test_the_layer_alone_is_refused_on_an_empty_registry_and_added_to_a_full_one(db):
    Tier.objects.all().delete()
    with pytest.raises(ValueError, match="goes on top of a tier set"):
        load_preset(Tier, "national")
    assert not Tier.objects.exists()
    load_preset(Tier, "three-tier")
    call_command("tiers", "--load", "national", stdout=io.StringIO())
    assert list(Tier.objects.values_list("code", "rank")) == [
        ("national", 0), ("province", 1), ("district", 2), ("commune", 3)]
    assert rollups.levels() == ["province", "district"]


def test_the_tiers_command_says_what_is_wrong(db):
    Tier.objects.all().delete()
    with pytest.raises(CommandError, match="three-tier\\+national"):
        call_command("tiers", "--load", "national", stdout=io.StringIO())


def test_an_import_builds_the_ministry_over_its_provinces(national):
    rows = [
        ["BKHCN", "Bộ Khoa học và Công nghệ", "Trung ương", "", "Khác"],
        ["TV", "UBND tỉnh Trà Vinh", "Cấp tỉnh", "BKHCN", "Khác"],
        ["TV.SNV", "Sở Nội vụ", "tỉnh", "TV", "sở"],
        ["TV.842", "Thành phố Trà Vinh", "Cấp huyện", "TV", "UBND huyện"],
        ["VL", "UBND tỉnh Vĩnh Long", "cấp tỉnh", "BKHCN", "Khác"],
        ["MIN2", "Cục Tiêu chuẩn", "national", "BKHCN", "Khác"],
    ]
    plan = import_agencies(actor=None, data=csv_bytes(rows, HEADER), filename="quoc-gia.csv")
    assert len(plan.creates) == 6
    assert Agency.objects.get(code="BKHCN").tier.code == "national"
    assert Agency.objects.get(code="TV.842").path == "/BKHCN/TV/TV.842/"
    assert Agency.objects.get(code="MIN2").tier.code == "national"  # the ministry's own units


def test_a_province_cannot_hold_the_national_level(national):
    province = agency_create(actor=None, code="TV", name="UBND tỉnh Trà Vinh", tier=national["province"],
                             kind=AgencyKind.OTHER)
    with pytest.raises(ValidationError, match="lower tier"):
        agency_create(actor=None, code="BO", name="Bộ", tier=national["national"], parent=province,
                      kind=AgencyKind.OTHER)


def test_the_form_creates_a_province_under_the_ministry(national, client, django_user_model):
    lead = django_user_model.objects.create_user("lead", password="x", role="admin")
    client.force_login(lead)
    agency_create(actor=None, code="BKHCN", name="Bộ Khoa học và Công nghệ", tier=national["national"],
                  kind=AgencyKind.OTHER)
    response = client.post(reverse("registry:agency_create"), {
        "code": "TV", "name": "UBND tỉnh Trà Vinh", "tier": "province", "parent": "BKHCN", "kind": "khac",
        "mandatory": ""})
    assert response.status_code == 302, response.content[:500]
    assert Agency.objects.get(code="TV").path == "/BKHCN/TV/"
