"""Who issues a document, and under whom: Decree 30's issuing body for each kind of agency."""
import pytest
from django.conf import settings

from isogov.doctemplates.letterhead import letterhead
from isogov.registry.models import Agency, AgencyKind

pytestmark = pytest.mark.django_db


def test_each_kind_of_agency_issues_under_its_own_superior(province):
    committee = f"Ủy ban nhân dân tỉnh {settings.ISOGOV['PROVINCE_NAME']}"
    department = letterhead(province.skhcn)
    assert (department.issuer, department.superior, department.initials) == (
        "Sở Khoa học và Công nghệ", committee, "SKHCN")
    district = letterhead(province.d842)
    assert (district.issuer, district.superior, district.initials) == (
        "Ủy ban nhân dân thành phố Trà Vinh", "", "UBND")
    assert letterhead(province.c29242).issuer == "Ủy ban nhân dân phường 4"
    sub = Agency(code="CCTDC", name="Chi cục Tiêu chuẩn Đo lường Chất lượng", tier=province.tiers["province"],
                 kind=AgencyKind.SUB_DEPARTMENT, parent=province.skhcn)
    assert (letterhead(sub).superior, letterhead(sub).initials) == ("Sở Khoa học và Công nghệ", "CCTCĐLCL")
    named = Agency(code="X", name="UBND xã Long Đức", tier=province.tiers["commune"],
                   kind=AgencyKind.COMMUNE_COMMITTEE)
    assert letterhead(named).issuer == "UBND xã Long Đức"
