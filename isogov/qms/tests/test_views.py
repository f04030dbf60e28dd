import pytest
from django.urls import reverse

from isogov.core.tests.files import PDF_BYTES, pdf
from isogov.qms.models import Announcement, Procedure, QmsFact, ScopeItem, Transition
from isogov.qms.states import QmsState
from isogov.qms.tests.helpers import procedure, walk_to_confirmed

pytestmark = pytest.mark.django_db


def test_secretary_moves_own_agency_and_sees_history(province, as_user):
    client = as_user(province.alice)
    response = client.post(reverse("qms:transition", args=["842"]), {"to_state": "building"})
    assert response.status_code == 302
    html = client.get(reverse("registry:agency_detail", args=["842"])).content.decode()
    assert "alice" in html.lower() and 'data-testid="qms-state"' in html
    assert Transition.objects.get().to_state == "building"


def test_refused_transition_reshows_the_page_with_reason_and_note(province, as_user):
    client = as_user(province.alice)
    client.post(reverse("qms:transition", args=["842"]), {"to_state": "building"})
    response = client.post(reverse("qms:transition", args=["842"]), {"to_state": "not_started", "note": ""})
    assert response.status_code == 400
    assert "Say why" in response.content.decode()
    response = client.post(reverse("qms:transition", args=["842"]), {"to_state": "applying"})
    assert response.status_code == 400 and "scope" in response.content.decode()
    assert Transition.objects.count() == 1


def test_outsiders_cannot_touch_the_lifecycle(province, as_user):
    for user, expected in ((province.bob, 404), (province.charlie, 404), (province.viewer, 403),
                           (province.inspector, 403)):
        client = as_user(user)
        assert client.post(reverse("qms:transition", args=["842"]), {"to_state": "building"}).status_code == expected
        assert client.post(reverse("qms:fact_create", args=["842"]),
                           {"kind": "internal_audit", "date": "02/03/2020"}).status_code == expected
        assert client.get(reverse("qms:announce", args=["842"])).status_code == expected
        assert client.post(reverse("qms:scope", args=["842"]), {"procedure": procedure().code}).status_code == expected
    assert not Transition.objects.exists() and not QmsFact.objects.exists() and not ScopeItem.objects.exists()


def test_fact_form_accepts_ddmmyyyy_and_reshows_errors(province, as_user):
    client = as_user(province.alice)
    assert client.post(reverse("qms:fact_create", args=["842"]),
                       {"kind": "internal_audit", "date": "02/03/2020", "note": "Đợt 1"}).status_code == 302
    assert QmsFact.objects.get().date.isoformat() == "2020-03-02"
    response = client.post(reverse("qms:fact_create", args=["842"]),
                           {"kind": "management_review", "date": "31/02/2020", "note": "Họp xem xét"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Họp xem xét" in html and "31/02/2020" in html
    assert QmsFact.objects.count() == 1


def test_announce_form_records_announcement(province, as_user):
    walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    client = as_user(province.alice)
    response = client.post(reverse("qms:announce", args=["842"]), {
        "decision_number": "15/QĐ-UBND", "decision_date": "04/05/2020", "signer": "Nguyễn Văn Bình",
        "signed_file": pdf(), "notified_on": "10/05/2020",
    })
    assert response.status_code == 302
    a = Announcement.objects.get()
    assert a.decision_date.isoformat() == "2020-05-04" and a.notified_on.isoformat() == "2020-05-10"
    file_response = client.get(reverse("qms:announcement_file", args=["842", a.pk]))
    assert b"".join(file_response.streaming_content) == PDF_BYTES
    # Served as a download the browser does not sniff: a polyglot never runs in the site's origin.
    assert file_response["Content-Disposition"].startswith("attachment")
    assert file_response["Content-Type"] == "application/pdf" and file_response["X-Content-Type-Options"] == "nosniff"
    assert as_user(province.bob).get(reverse("qms:announcement_file", args=["842", a.pk])).status_code == 404


def test_announce_form_keeps_input_on_error(province, as_user):
    walk_to_confirmed(province.d842, secretary=province.alice, head=province.alice_head)
    client = as_user(province.alice)
    response = client.post(reverse("qms:announce", args=["842"]), {
        "decision_number": "15/QĐ-UBND", "decision_date": "04/05/2020", "signer": "Nguyễn Văn Bình",
        "signed_file": pdf(name="fake.pdf", content=b"GIF89a not a pdf"),
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "not a PDF" in html and "15/QĐ-UBND" in html and "Nguyễn Văn Bình" in html
    assert not Announcement.objects.exists()
    province.d842.refresh_from_db()
    assert province.d842.qms_state == QmsState.CONFIRMED


def test_scope_page_add_and_remove(province, as_user):
    p = procedure()
    client = as_user(province.alice)
    assert client.post(reverse("qms:scope", args=["29242"]), {"procedure": p.code}).status_code == 302
    assert ScopeItem.objects.filter(agency=province.c29242).count() == 1
    response = client.post(reverse("qms:scope", args=["29242"]), {"procedure": "9.999999"})
    assert response.status_code == 400 and "No procedure has this code" in response.content.decode()
    html = client.get(reverse("qms:scope", args=["29242"]), {"q": "khai sinh"}).content.decode()
    assert p.name in html
    assert client.post(reverse("qms:scope_remove", args=["29242", p.pk])).status_code == 302
    assert not ScopeItem.objects.exists()


def test_procedure_catalogue_admin_only(province, as_user):
    assert as_user(province.alice).post(reverse("qms:procedures"),
                                        {"code": "1.2", "name": "X"}).status_code == 403
    client = as_user(province.admin)
    assert client.post(reverse("qms:procedures"), {"code": "1.000656", "name": "Đăng ký khai tử",
                                                  "field": "Hộ tịch"}).status_code == 302
    html = client.get(reverse("qms:procedures"), {"q": "khai tu"}).content.decode()
    assert "Đăng ký khai tử" in html


def test_scope_form_takes_a_typed_code_and_gives_a_wrong_one_back(province, as_user):
    # Before, the form rendered the whole catalogue as a <select>, and a wrong code was lost.
    p = procedure()
    Procedure.objects.bulk_create(Procedure(code=f"9.{i:06d}", name=f"Thủ tục số {i}") for i in range(300))
    client = as_user(province.alice)
    html = client.get(reverse("qms:scope", args=["29242"])).content.decode()
    assert '<input type="text" name="procedure"' in html and "<option" not in html
    response = client.post(reverse("qms:scope", args=["29242"]), {"procedure": "1.234567"})
    html = response.content.decode()
    assert response.status_code == 400 and "No procedure has this code" in html and 'value="1.234567"' in html
    assert client.post(reverse("qms:scope", args=["29242"]), {"procedure": f" {p.code} "}).status_code == 302
    assert ScopeItem.objects.get(agency=province.c29242).procedure == p
