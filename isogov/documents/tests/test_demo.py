import datetime as dt
import random
import time

import pytest
from django.utils import timezone

from isogov.audit.models import AuditEvent
from isogov.documents.demo import load_demo
from isogov.documents.models import Document, DocumentKind, Version
from isogov.documents.models import VersionStatus as VS
from isogov.documents.selectors import compliance_facts
from isogov.qms.models import ScopeItem
from isogov.qms.states import QmsState
from isogov.qms.tests.helpers import procedure
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(province, iso2015):
    wanted = {"SKHCN": QmsState.MAINTAINING, "STP": QmsState.ANNOUNCED, "842": QmsState.REANNOUNCE_DUE,
              "29242": QmsState.BUILDING, "29245": QmsState.APPLYING, "844": QmsState.MAINTAINING}
    for code, state in wanted.items():
        Agency.objects.filter(code=code).update(qms_state=state)
    for agency in Agency.objects.exclude(qms_state=QmsState.NOT_STARTED):
        for i, name in enumerate(["Đăng ký khai sinh", "Chứng thực bản sao", "Cấp giấy phép xây dựng"]):
            ScopeItem.objects.create(agency=agency, procedure=procedure(code=f"1.00000{i}", name=name))
    return wanted


def test_demo_documents_follow_each_agencys_state(province, states, storage):
    today = timezone.localdate()
    year_ago = today - dt.timedelta(days=366)
    started = time.monotonic()
    counts = load_demo(actor=province.admin, rng=random.Random(7))
    assert time.monotonic() - started < 10
    assert counts["documents"] == Document.objects.count() > 0
    assert counts["versions"] == Version.objects.count()
    events = AuditEvent.objects.filter(object_type__startswith="documents.")
    assert counts["audit_events"] == events.count()
    assert all(year_ago <= timezone.localtime(at).date() <= today for at in events.values_list("at", flat=True))
    assert not Document.objects.filter(agency__code="29278").exists()  # not started
    building = Document.objects.filter(agency__code="29242").exclude(kind=DocumentKind.EXTERNAL)
    assert building.exists() and not Version.objects.filter(document__in=building, status=VS.PUBLISHED).exists()
    for code in ("SKHCN", "844", "STP", "29245"):
        policy = Document.objects.get(agency__code=code, code="CS-01")
        assert policy.versions.filter(status=VS.PUBLISHED).count() == 1
        assert Document.objects.filter(agency__code=code, kind=DocumentKind.PROCESS).count() == 3
    assert Version.objects.filter(document__agency__code__in=["SKHCN", "844"], status=VS.SUPERSEDED).exists()
    # A reannouncement is due: the scope document is being revised.
    assert Document.objects.get(agency__code="842", code="PV-01").versions.filter(status=VS.DRAFT).exists()
    for v in Version.objects.select_related("document"):
        assert year_ago <= v.created_at.date() <= today
        if v.status != VS.DRAFT:
            assert v.file and v.file.storage.exists(v.file.name) and v.file_type == "pdf"
            with v.file.open("rb") as fh:
                assert fh.read(5) == b"%PDF-"
        if v.number > 1:
            assert v.change_summary
    facts = compliance_facts(agencies=Agency.objects.all(), today=today)
    assert sum(f["legal_overdue"] for f in facts.values()) >= 1
    assert all(d.search_text for d in Document.objects.all())
    assert load_demo(actor=province.admin, rng=random.Random(7)) == {
        "documents": 0, "versions": 0, "files": 0, "audit_events": 0}
    assert Document.objects.count() == counts["documents"]
