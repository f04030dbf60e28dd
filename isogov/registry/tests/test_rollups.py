"""Roll-ups: each agency counted once, under the topmost agency of the tier on its path."""
from isogov.registry import rollups
from isogov.registry.models import Agency, AgencyKind, Tier
from isogov.registry.services import agency_create


def _rows(**flags_by_code):
    return [(a.path, {"total": 1, "ok": int(flags_by_code.get(a.code, False))})
            for a in Agency.objects.order_by("path")]


def test_a_district_roll_up_counts_its_communes_and_leaves_the_departments_outside(province):
    groups = rollups.roll_up_counts(_rows(**{"29242": True, "842": True}), "district")
    assert [(g.head.code if g.head else None, g.counts) for g in groups] == [
        ("842", {"total": 3, "ok": 2}),
        ("844", {"total": 2, "ok": 0}),
        (None, {"total": 2, "ok": 0}),  # SKHCN and STP: provincial, in no district
    ]
    assert groups[0].share("ok") == 67 and groups[1].share("ok") == 0


def test_levels_offer_the_province_only_under_a_national_tier(province):
    assert rollups.levels() == ["district"]
    Tier.objects.create(code="national", name_vi="Trung ương", name_en="National", rank=0)
    assert rollups.levels() == ["province", "district"]


def test_a_province_roll_up_groups_under_each_provincial_committee(province):
    tiers = {t.code: t for t in Tier.objects.all()}
    committees = [agency_create(actor=None, code=f"T{i}", name=f"UBND tỉnh {i}", tier=tiers["province"],
                                kind=AgencyKind.OTHER) for i in (1, 2)]
    agency_create(actor=None, code="T1.S1", name="Sở 1", tier=tiers["province"], kind=AgencyKind.DEPARTMENT,
                  parent=committees[0])
    district = agency_create(actor=None, code="T2.H1", name="Huyện 1", tier=tiers["district"],
                             kind=AgencyKind.DISTRICT_COMMITTEE, parent=committees[1])
    agency_create(actor=None, code="T2.H1.X1", name="Xã 1", tier=tiers["commune"],
                  kind=AgencyKind.COMMUNE_COMMITTEE, parent=district)
    rows = [(a.path, {"total": 1}) for a in Agency.objects.filter(code__startswith="T")]
    groups = rollups.roll_up_counts(rows, "province")
    assert [(g.head.code, g.counts["total"]) for g in groups] == [("T1", 2), ("T2", 3)]
