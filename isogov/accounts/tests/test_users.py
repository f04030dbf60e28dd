"""Account management by the programme lead; everyone else is refused and nothing changes."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from isogov.accounts import services
from isogov.accounts.models import Role, User
from isogov.audit.models import Action, AuditEvent
from isogov.conftest import PASSWORD
from isogov.registry.models import AgencyStatus

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "tra-vinh-quality-2020"


def _new_account(**overrides):
    data = {"username": "dung", "full_name": "Phạm Thị Dung", "email": "dung@travinh.gov.vn",
            "phone": "0294 3862 000", "role": "secretary", "agency": "29242",
            "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    data.update(overrides)
    return data


def _user_events():
    return AuditEvent.objects.filter(object_type="accounts.user")


def test_lead_lists_accounts_with_role_agency_status_and_last_login(province, as_user):
    html = as_user(province.admin).get(reverse("accounts:user_list")).content.decode()
    for username in ("lead", "alice", "alice_head", "bob", "charlie", "inspector", "viewer"):
        assert f">{username}</a>" in html
    assert "Agency ISO secretary" in html and "Thành phố Trà Vinh" in html and "Active" in html


def test_user_list_filters_by_role_agency_status_and_folded_text(province, as_user):
    User.objects.filter(pk=province.bob.pk).update(is_active=False, full_name="Nguyễn Văn Bình")
    client = as_user(province.admin)
    url = reverse("accounts:user_list")
    html = client.get(url, {"role": "head"}).content.decode()
    assert ">alice_head</a>" in html and ">alice</a>" not in html
    html = client.get(url, {"agency": "842"}).content.decode()
    assert ">alice</a>" in html and ">alice_head</a>" in html and ">bob</a>" not in html
    html = client.get(url, {"active": "no"}).content.decode()
    assert ">bob</a>" in html and ">alice</a>" not in html
    html = client.get(url, {"q": "nguyen van BINH"}).content.decode()
    assert ">bob</a>" in html and ">alice</a>" not in html
    html = client.get(url, {"q": "ALICE", "role": "secretary"}).content.decode()
    assert ">alice</a>" in html and ">alice_head</a>" not in html


def test_lead_creates_an_account_audited_without_the_password(province, as_user):
    response = as_user(province.admin).post(reverse("accounts:user_create"), _new_account())
    user = User.objects.get(username="dung")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:user_edit", args=[user.pk])
    assert user.role == Role.SECRETARY and user.agency == province.c29242 and user.full_name == "Phạm Thị Dung"
    assert user.check_password(NEW_PASSWORD) and user.password.startswith("argon2")
    event = _user_events().get()
    assert event.action == Action.CREATE and event.actor == province.admin and event.agency == province.c29242
    assert event.changes["agency"] == "29242" and event.changes["role"] == "secretary"
    assert NEW_PASSWORD not in str(event.changes) and "argon2" not in str(event.changes)
    assert "password" not in event.changes


def test_inspector_and_viewer_may_have_no_agency(province, as_user):
    client = as_user(province.admin)
    client.post(reverse("accounts:user_create"), _new_account(username="ins2", role="inspector", agency=""))
    client.post(reverse("accounts:user_create"), _new_account(username="view2", role="viewer", agency="STP"))
    assert User.objects.get(username="ins2").agency is None
    assert User.objects.get(username="view2").agency == province.stp


@pytest.mark.parametrize("overrides, field, message", [
    ({"role": "secretary", "agency": ""}, "agency", "must belong to an agency"),
    ({"role": "head", "agency": ""}, "agency", "must belong to an agency"),
    ({"username": "ALICE"}, "username", "already taken"),
    ({"password": "12345678", "password_confirm": "12345678"}, "password", "too short"),
    ({"password": "password123", "password_confirm": "password123"}, "password", "too common"),
    ({"agency": "99999"}, "agency", "No agency you may choose has the code 99999"),
    ({"password_confirm": "something-else-entirely"}, "password_confirm", "differ"),
    ({"username": "bad name!"}, "username", "Enter a valid username"),
    ({"email": "not-an-email"}, "email", "valid email"),
])
def test_create_form_reshows_typed_values_with_the_error_beside_the_field(province, as_user, overrides, field,
                                                                          message):
    data = _new_account(**overrides)
    response = as_user(province.admin).post(reverse("accounts:user_create"), data)
    html = response.content.decode()
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    for key in ("username", "full_name", "email", "phone"):
        assert f'value="{data[key]}"' in html
    if data["agency"] and field != "agency":  # the agency is chosen from a list: a refused code is no option
        assert f'<option value="{data["agency"]}" selected>' in html
    assert f'<option value="{data["role"]}" selected>' in html
    assert User.objects.count() == 7 and not _user_events().exists()


def test_cannot_place_a_new_account_in_a_merged_agency(province):
    province.c29245.status = AgencyStatus.MERGED
    province.c29245.save()
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=province.admin, username="dung", password=NEW_PASSWORD, role=Role.SECRETARY,
                             agency=province.c29245)
    assert "agency" in exc.value.message_dict


def test_lead_edits_role_agency_and_contact_with_before_and_after_audited(province, as_user):
    client = as_user(province.admin)
    url = reverse("accounts:user_edit", args=[province.alice.pk])
    assert 'value="842"' in client.get(url).content.decode()
    response = client.post(url, {"full_name": "Alice Nguyễn", "email": "alice@travinh.gov.vn", "phone": "",
                                 "role": "head", "agency": "29242"})
    assert response.status_code == 302
    alice = User.objects.get(pk=province.alice.pk)
    assert (alice.role, alice.agency, alice.full_name) == (Role.HEAD, province.c29242, "Alice Nguyễn")
    event = _user_events().get()
    assert event.action == Action.UPDATE and event.agency == province.c29242
    assert event.changes == {"full_name": ["Alice", "Alice Nguyễn"], "email": ["", "alice@travinh.gov.vn"],
                             "role": ["secretary", "head"], "agency": ["842", "29242"]}


def test_edit_form_reshows_typed_values_when_refused(province, as_user):
    client = as_user(province.admin)
    response = client.post(reverse("accounts:user_edit", args=[province.bob.pk]), {
        "full_name": "Bob Trần", "email": "bob@x.vn", "phone": "0123", "role": "head", "agency": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "must belong to an agency" in html
    assert 'value="Bob Trần"' in html and 'value="bob@x.vn"' in html and 'value="0123"' in html
    bob = User.objects.get(pk=province.bob.pk)
    assert (bob.role, bob.agency, bob.full_name) == (Role.SECRETARY, province.d844, "Bob")
    assert not _user_events().exists()


def test_lead_cannot_change_own_role(province, as_user):
    response = as_user(province.admin).post(reverse("accounts:user_edit", args=[province.admin.pk]), {
        "full_name": "Lead", "email": "", "phone": "", "role": "viewer", "agency": "SKHCN"})
    assert response.status_code == 400 and "your own role" in response.content.decode()
    assert User.objects.get(pk=province.admin.pk).role == Role.PROVINCE_ADMIN


def test_deactivate_and_reactivate_but_never_oneself(province, as_user, client):
    lead = as_user(province.admin)
    url = reverse("accounts:user_set_active", args=[province.bob.pk])
    assert lead.post(url, {"active": "0"}).status_code == 302
    assert not User.objects.get(pk=province.bob.pk).is_active
    event = _user_events().get()
    assert event.changes == {"is_active": [True, False]} and event.agency == province.d844
    lead.post(url, {"active": "1"})
    assert User.objects.get(pk=province.bob.pk).is_active and _user_events().count() == 2
    response = lead.post(reverse("accounts:user_set_active", args=[province.admin.pk]), {"active": "0"}, follow=True)
    assert "cannot deactivate your own account" in response.content.decode()
    assert User.objects.get(pk=province.admin.pk).is_active and _user_events().count() == 2


def test_a_deactivated_person_can_no_longer_sign_in(province, client):
    services.user_set_active(actor=province.admin, user=province.bob, active=False)
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_lead_resets_a_password_validated_and_noted_in_the_trail(province, as_user):
    client = as_user(province.admin)
    url = reverse("accounts:user_password", args=[province.alice.pk])
    response = client.post(url, {"password": "alice", "password_confirm": "alice"})
    assert response.status_code == 400 and "too short" in response.content.decode()
    assert User.objects.get(pk=province.alice.pk).check_password(PASSWORD)
    assert client.post(url, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}).status_code == 302
    assert User.objects.get(pk=province.alice.pk).check_password(NEW_PASSWORD)
    event = _user_events().get()
    assert event.note == "Password reset" and event.changes == {} and event.agency == province.d842


def _management_requests(province):
    target = province.charlie.pk
    return [
        ("get", reverse("accounts:user_list"), {}),
        ("get", reverse("accounts:user_create"), {}),
        ("post", reverse("accounts:user_create"), _new_account()),
        ("get", reverse("accounts:user_edit", args=[target]), {}),
        ("post", reverse("accounts:user_edit", args=[target]),
         {"full_name": "X", "email": "", "phone": "", "role": "admin", "agency": "STP"}),
        ("post", reverse("accounts:user_set_active", args=[target]), {"active": "0"}),
        ("get", reverse("accounts:user_password", args=[target]), {}),
        ("post", reverse("accounts:user_password", args=[target]),
         {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}),
    ]


@pytest.mark.parametrize("who", ["alice", "alice_head", "bob", "charlie", "inspector", "viewer"])
def test_everyone_but_the_lead_is_refused_and_nothing_changes(province, as_user, who):
    client = as_user(getattr(province, who))
    for method, url, data in _management_requests(province):
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    charlie = User.objects.get(pk=province.charlie.pk)
    assert (charlie.role, charlie.full_name, charlie.is_active) == (Role.SECRETARY, "Charlie", True)
    assert charlie.check_password(PASSWORD)
    assert not User.objects.filter(username="dung").exists() and not _user_events().exists()


def test_anonymous_is_sent_to_login(client, province):
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_accounts_link_shows_only_for_the_lead(province, as_user):
    page = as_user(province.admin).get(reverse("registry:agency_list")).content.decode()
    assert reverse("accounts:user_list") in page
    assert reverse("accounts:user_list") not in as_user(province.alice).get(
        reverse("registry:agency_list")).content.decode()
