"""The province's procedure list: preview shows exactly the changes, a bad row refuses the whole file, a decision
withdrawing a procedure marks exactly the scopes that held it, and 5 working days skip the weekend."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.catalogue import importing, rules, services
from isogov.catalogue.duties import duties
from isogov.catalogue.models import CatalogueEntry, Publication, PublicationState, ScopeReview
from isogov.catalogue.tests.factories import BIRTH, DEATH, MARRIAGE, PublicationFactory, csv_file
from isogov.qms.models import Procedure, ScopeItem
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

pytestmark = pytest.mark.django_db


def _applied(p, *rows, number="100/QĐ-UBND", decided_on=dt.date(2026, 11, 6)):
    pub = PublicationFactory(actor=p.admin, number=number, decided_on=decided_on, data=csv_file(*rows))
    return services.publication_apply(actor=p.admin, publication=pub)


def _announced(agency):
    Agency.objects.filter(pk=agency.pk).update(qms_state=QmsState.ANNOUNCED)


def test_five_working_days_across_a_weekend():
    friday = dt.date(2026, 11, 6)
    # Mon 9, Tue 10, Wed 11, Thu 12, Fri 13: the weekend of 7-8 is skipped.
    assert rules.add_working_days(friday, 5, off=frozenset()) == dt.date(2026, 11, 13)
    wednesday = dt.date(2026, 11, 4)
    # Thu 5, Fri 6, (weekend), Mon 9, Tue 10, Wed 11.
    assert rules.add_working_days(wednesday, 5, off=frozenset()) == dt.date(2026, 11, 11)
    # A holiday on Monday 9 moves it one day on.
    assert rules.add_working_days(friday, 5, off=frozenset({dt.date(2026, 11, 9)})) == dt.date(2026, 11, 16)


def test_national_day_is_a_holiday_in_the_default_list():
    # Mon 31/8/2026 + 5 working days: 1/9 and 2/9 are holidays, so Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
    assert rules.list_update_due(dt.date(2026, 8, 31)) == dt.date(2026, 9, 9)


def test_the_first_list_sets_the_catalogue_up_and_touches_no_agency(province):
    plan = _applied(province, BIRTH, MARRIAGE)
    assert plan.baseline and plan.agencies == []
    assert CatalogueEntry.objects.count() == 2 and not ScopeReview.objects.exists()


def test_preview_shows_exactly_the_changes_and_writes_nothing(province):
    p = province
    _applied(p, BIRTH, MARRIAGE)
    changed_marriage = "1.000894,Đăng ký kết hôn (sửa đổi),Hộ tịch,xã,UBND xã\n"
    pub = PublicationFactory(actor=p.admin, number="200/QĐ-UBND", data=csv_file(changed_marriage, DEATH))
    plan = importing.build_plan(pub.rows)
    assert [r["code"] for r in plan.added] == ["1.000656"]
    assert [(r["code"], [c[0] for c in changes]) for r, changes in plan.changed] == [("1.000894", ["name"])]
    assert [e.procedure.code for e in plan.removed] == ["1.001193"]
    assert plan.unchanged == 0
    # The three communes' kind handles the new death registration: each is touched.
    assert sorted(c.agency.code for c in plan.agencies) == ["29242", "29245", "29278"]
    assert pub.state == PublicationState.PENDING
    assert not Procedure.objects.filter(code="1.000656").exists()


def test_one_bad_row_refuses_the_file_and_names_the_row(province):
    p = province
    bad = "1.00119,Đăng ký sai mã,Hộ tịch,xã,UBND xã\n"
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        PublicationFactory(actor=p.admin, data=csv_file(BIRTH, bad, MARRIAGE))
    assert len(exc.value.messages) == 1
    assert exc.value.messages[0].startswith("Row 3 (1.00119)")
    assert not Publication.objects.exists() and not CatalogueEntry.objects.exists()
    assert AuditEvent.objects.count() == before


def test_unknown_kind_and_level_are_named(province):
    with pytest.raises(ValidationError) as exc:
        PublicationFactory(actor=province.admin, data=csv_file("1.001193,Khai sinh,Hộ tịch,ấp,UBND ấp\n"))
    assert len(exc.value.messages) == 2 and all(m.startswith("Row 2 ") for m in exc.value.messages)


def test_a_withdrawal_marks_exactly_the_scopes_that_held_it(province):
    p = province
    _applied(p, BIRTH, MARRIAGE)
    birth = Procedure.objects.get(code="1.001193")
    marriage = Procedure.objects.get(code="1.000894")
    for agency in (p.c29242, p.d844):  # 844 is a district, not a commune: it holds it by its own choice
        services_scope(agency, birth, p)
    for agency in (p.c29245, p.c29278):
        services_scope(agency, marriage, p)
    for agency in (p.c29242, p.d844, p.c29245):
        _announced(agency)
    plan = _applied(p, MARRIAGE, number="300/QĐ-UBND")  # birth registration withdrawn
    assert [e.procedure.code for e in plan.removed] == ["1.001193"]
    reviews = ScopeReview.objects.filter(publication__number="300/QĐ-UBND").select_related("agency")
    assert sorted((r.agency.code, r.removed, r.added) for r in reviews) == [
        ("29242", ["1.001193"], []), ("844", ["1.001193"], [])]
    assert {r.due_on for r in reviews} == {dt.date(2026, 11, 13)}
    states = dict(Agency.objects.filter(code__in=["29242", "844", "29245"]).values_list("code", "qms_state"))
    assert states == {"29242": QmsState.REANNOUNCE_DUE, "844": QmsState.REANNOUNCE_DUE, "29245": QmsState.ANNOUNCED}
    # Withdrawn, it has left the two scopes that held it; the others are as they were.
    assert not ScopeItem.objects.filter(procedure=birth).exists()
    assert sorted(ScopeItem.objects.filter(procedure=marriage).values_list("agency__code", flat=True)) == [
        "29245", "29278"]
    assert CatalogueEntry.objects.get(procedure=birth).withdrawn_by.number == "300/QĐ-UBND"
    got = sorted((d.agency_id, d.due) for d in duties(agency_ids=None, today=dt.date(2026, 11, 10))
                 if d.kind == "catalogue.procedure_list")
    assert got == sorted([(p.c29242.pk, dt.date(2026, 11, 13)), (p.d844.pk, dt.date(2026, 11, 13))])


def services_scope(agency, procedure, p):
    from isogov.qms import services as qms

    qms.scope_add(agency=agency, actor=p.admin, procedure=procedure)


def test_an_addition_waits_for_the_agency_to_accept_it(province):
    p = province
    _applied(p, DEATH, number="90/QĐ-UBND")
    _announced(p.c29242)
    _applied(p, DEATH, BIRTH)
    assert Agency.objects.get(pk=p.c29242.pk).qms_state == QmsState.ANNOUNCED  # its scope has not changed yet
    assert ScopeReview.objects.get(agency=p.c29242, publication__number="100/QĐ-UBND").added == ["1.001193"]
    services.scope_proposal_accept(agency=p.c29242, actor=p.alice, add=[Procedure.objects.get(code="1.001193")])
    assert Agency.objects.get(pk=p.c29242.pk).qms_state == QmsState.REANNOUNCE_DUE


def test_accepting_the_proposal_updates_the_scope_and_closes_the_list_update(province, client, as_user):
    p = province
    _applied(p, DEATH, number="90/QĐ-UBND")
    _applied(p, DEATH, BIRTH, MARRIAGE)
    assert ScopeReview.objects.filter(agency=p.c29242, done_on__isnull=True).count() == 1
    as_user(p.alice)  # 842's secretary: 29242 is in her district
    url = reverse("catalogue:proposal", args=["29242"])
    page = client.get(url)
    assert [str(x) for x in page.context["proposal"]["add"]] == ["1.000656 — Đăng ký khai tử",
                                                                   "1.000894 — Đăng ký kết hôn",
                                                                   "1.001193 — Đăng ký khai sinh"]
    birth = Procedure.objects.get(code="1.001193")
    response = client.post(url, {"add": [birth.pk]})  # marriage unticked: not handled here
    assert response.status_code == 302
    assert list(ScopeItem.objects.filter(agency=p.c29242).values_list("procedure__code", flat=True)) == ["1.001193"]
    assert not ScopeReview.objects.filter(agency=p.c29242, done_on__isnull=True).exists()


def test_the_preview_page_and_applying(province, client, as_user):
    p = province
    as_user(p.admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("catalogue:publication_upload"), {
        "number": "100/QĐ-UBND", "decided_on": "06/11/2026",
        "file": SimpleUploadedFile("danh-muc.csv", csv_file(BIRTH, MARRIAGE))})
    assert response.status_code == 302, response.content.decode()[:2000]
    pub = Publication.objects.get()
    page = client.get(reverse("catalogue:publication", args=[pub.pk]))
    assert page.context["plan"] is not None and len(page.context["plan"].added) == 2
    assert client.post(reverse("catalogue:publication_apply", args=[pub.pk])).status_code == 302
    assert CatalogueEntry.objects.count() == 2
    pub.refresh_from_db()
    assert pub.state == PublicationState.APPLIED
    # Applied once: a second confirmation changes nothing.
    assert client.post(reverse("catalogue:publication_apply", args=[pub.pk])).status_code == 302
    assert CatalogueEntry.objects.count() == 2 and Publication.objects.get().applied_at == pub.applied_at
