"""The registry under the two-tier preset of 1 July 2025: commune spellings import, district ones are refused."""
import io

import pytest
from django.core.management import call_command

from isogov.audit.models import Action, AuditEvent
from isogov.registry.importing import ImportRejected, import_agencies
from isogov.registry.models import Agency, AgencyKind, Tier
from isogov.registry.tests.import_helpers import csv_bytes, registry_state
from isogov.registry.tiers import load_preset, read_preset

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Loại hình"]


@pytest.fixture
def two_tier(db):
    # The test database has the migration's three-tier preset; no agency uses its district tier yet.
    codes = [row["code"] for row in read_preset("two-tier")]
    Tier.objects.exclude(code__in=codes).delete()
    load_preset(Tier, "two-tier")
    return {t.code: t for t in Tier.objects.all()}


def test_the_preset_has_two_tiers_and_communes_are_mandatory(two_tier):
    assert [(t.code, t.rank) for t in Tier.objects.all()] == [("province", 1), ("commune", 2)]
    assert two_tier["commune"].mandatory_by_default is True


def test_commune_spellings_import_onto_the_commune_tier(two_tier):
    rows = [
        ["SNV", "Sở Nội vụ", "Cấp tỉnh", "", "sở"],
        ["29266", "Xã Càng Long", "Cấp xã", "", "UBND xã"],
        ["29431", "Xã Vinh Kim", "Xã", "", "UBND xã"],
        ["29242", "Phường Trà Vinh", "phường", "", "UBND phường"],
    ]
    plan = import_agencies(actor=None, data=csv_bytes(rows, HEADER), filename="xa-phuong-2025.csv")
    assert len(plan.creates) == 4
    communes = Agency.objects.filter(code__in=["29266", "29431", "29242"])
    assert {(a.tier.code, a.kind, a.mandatory, a.parent_id) for a in communes} == {
        ("commune", AgencyKind.COMMUNE_COMMITTEE, True, None)}
    assert Agency.objects.get(code="SNV").tier.code == "province"


def test_the_district_tier_is_unknown(two_tier):
    rows = [
        ["29266", "Xã Càng Long", "Cấp xã", "", "UBND xã"],
        ["844", "Huyện Càng Long", "Cấp huyện", "", "UBND huyện"],
    ]
    before = registry_state()
    with pytest.raises(ImportRejected) as caught:
        import_agencies(actor=None, data=csv_bytes(rows, HEADER), filename="cap-huyen.csv")
    errors = caught.value.plan.errors
    assert [(e.row, e.column) for e in errors] == [(3, "Cấp")]
    assert "Unknown tier “Cấp huyện”" in str(errors[0])
    assert registry_state() == before


def test_loading_a_preset_from_the_command_line_is_in_the_audit_trail(db):
    call_command("tiers", "--load", "two-tier", stdout=io.StringIO())
    events = AuditEvent.objects.filter(object_type="registry.tier")
    # The three-tier preset of the migration had communes on rank 3 and encouraged; two-tier changes both.
    commune = events.get(object_id=str(Tier.objects.get(code="commune").pk))
    assert commune.action == Action.UPDATE and commune.actor_name == "system"
    assert commune.changes["rank"] == [3, 2] and commune.changes["mandatory_by_default"] == [False, True]
    assert not events.filter(object_id=str(Tier.objects.get(code="province").pk)).exists()  # unchanged
    call_command("tiers", "--load", "two-tier", stdout=io.StringIO())
    assert events.count() == 1  # loading it again changes nothing and records nothing
