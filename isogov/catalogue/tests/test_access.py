"""Who may do what: the lead records province texts and decisions; agency staff read and accept their own agency's
proposal; another agency's pages do not exist for them (404); province pages refuse agency staff (403)."""
import datetime as dt

import pytest
from django.urls import reverse

from isogov.catalogue.models import LegalText
from isogov.catalogue.tests.factories import LegalTextFactory, PublicationFactory
from isogov.qms import services as qms

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth(province):
    procedure = qms.procedure_create(actor=province.admin, code="1.001193", name="Đăng ký khai sinh", field="Hộ tịch")
    qms.scope_add(agency=province.c29242, actor=province.admin, procedure=procedure)
    return procedure


def _text_form():
    return {"legal_number": "12/2026/QĐ-UBND", "title": "Quyết định", "issuing_body": "UBND tỉnh",
            "issued_on": "05/01/2026", "effective_on": "15/01/2026", "codes": "1.001193"}


def test_a_secretary_cannot_record_a_province_text(province, birth, client, as_user):
    as_user(province.alice)
    assert client.get(reverse("catalogue:legal_create")).status_code == 403
    assert client.post(reverse("catalogue:legal_create"), _text_form()).status_code == 403
    assert not LegalText.objects.exists()
    assert client.get(reverse("catalogue:legal_index")).status_code == 403
    assert client.get(reverse("catalogue:publication_upload")).status_code == 403


def test_the_lead_records_a_province_text(province, birth, client, as_user):
    as_user(province.admin)
    response = client.post(reverse("catalogue:legal_create"), _text_form())
    assert response.status_code == 302
    assert LegalText.objects.get().notices.get().agency == province.c29242


def test_a_foreign_agencys_pages_are_404(province, client, as_user):
    as_user(province.bob)  # 844's secretary; 29242 is 842's commune
    for name in ("catalogue:proposal", "catalogue:edition"):
        assert client.get(reverse(name, args=["29242"])).status_code == 404
        assert client.post(reverse(name, args=["29242"]), {}).status_code == 404
    assert client.get(reverse("catalogue:proposal", args=["29278"])).status_code == 200  # his own commune


def test_a_province_reader_sees_but_does_not_change_an_agencys_proposal(province, client, as_user):
    as_user(province.viewer)
    url = reverse("catalogue:proposal", args=["29242"])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403


def test_decisions_are_the_leads(province, client, as_user):
    pub = PublicationFactory(actor=province.admin)
    for user in (province.alice, province.viewer):
        as_user(user)
        assert client.get(reverse("catalogue:publication", args=[pub.pk])).status_code == 403
        assert client.post(reverse("catalogue:publication_apply", args=[pub.pk])).status_code == 403


def test_the_legal_text_page_is_province_wide(province, birth, client, as_user):
    text = LegalTextFactory(actor=province.admin, procedures=[birth], effective_on=dt.date(2026, 1, 15))
    as_user(province.inspector)
    assert client.get(reverse("catalogue:legal_detail", args=[text.pk])).status_code == 200
    as_user(province.alice)
    assert client.get(reverse("catalogue:legal_detail", args=[text.pk])).status_code == 403
