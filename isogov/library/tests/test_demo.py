"""The library's demo on the conftest province: the templates are published, communes adopt, the marriage process's
version 02 (from a legal text) is due 3 months after it, and exactly its adopters owe it, one having brought it in."""
import datetime as dt
import random

import pytest
from django.utils import timezone

from isogov.library import demo, duties, rules
from isogov.library.models import Adoption, Template
from isogov.qms.services import procedure_create
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_the_demo_library(province):
    for code, name in (("1.000894", "Đăng ký kết hôn"), ("1.001193", "Đăng ký khai sinh")):
        procedure_create(actor=province.admin, code=code, name=name, field="Hộ tịch")
    Agency.objects.filter(code__in=["29242", "29245", "29278"]).update(qms_state=QmsState.BUILDING)
    counts = demo.load_demo(actor=province.admin, rng=random.Random(3))
    assert counts["templates"] == Template.objects.count() == 4
    marriage = Template.objects.select_related("latest").get(code="QT-HT-KH")
    today = timezone.localdate()
    assert marriage.latest.number == 2 and marriage.latest.legal_basis
    assert marriage.latest.due_on == rules.due_on(today - dt.timedelta(days=100), "Nghị định 118/2025/NĐ-CP")
    adopters = set(Adoption.objects.filter(template=marriage).values_list("agency__code", flat=True))
    assert adopters == {"29242", "29245", "29278"}  # the three communes building their QMS
    owing = {d.agency_id for d in duties.duties(agency_ids=None, today=today)}
    assert len(owing) == 2  # three adopted, one brought it in
    assert owing < set(Adoption.objects.filter(template=marriage).values_list("agency_id", flat=True))
    assert demo.load_demo(actor=province.admin, rng=random.Random(3)) == {"templates": 0, "adoptions": 0}
