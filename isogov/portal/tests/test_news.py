"""The news desk: the programme lead writes, publishes and takes off items; the services validate and leave
an audit trail; province-wide readers see the desk, agency staff do not know it exists (404), and a reader
who may not write gets 403."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from isogov.audit.models import AuditEvent
from isogov.conftest import login
from isogov.core.tests.files import pdf, upload
from isogov.portal import rules, services
from isogov.portal.models import News
from isogov.portal.tests.factories import NewsFactory

pytestmark = pytest.mark.django_db


def test_a_draft_is_not_public_until_published_and_publication_keeps_its_first_time(province):
    news = NewsFactory(actor=province.admin)
    assert not news.is_public and news.published_at is None
    assert list(rules.public_news()) == []
    news = services.news_publish(actor=province.admin, news=news)
    first = news.published_at
    assert list(rules.public_news()) == [news]
    services.news_unpublish(actor=province.admin, news=news)
    assert list(rules.public_news()) == []
    again = services.news_publish(actor=province.admin, news=news)
    assert again.published_at == first


def test_services_refuse_what_would_make_no_sense(province):
    with pytest.raises(ValidationError) as blank:
        services.news_create(actor=province.admin, kind="news", title="   ")
    assert "title" in blank.value.message_dict
    with pytest.raises(ValidationError) as kind:
        services.news_create(actor=province.admin, kind="rumour", title="Tin")
    assert "kind" in kind.value.message_dict
    empty = services.news_create(actor=province.admin, kind="news", title="Chưa có nội dung", summary="", body="")
    with pytest.raises(ValidationError, match="summary or a text"):
        services.news_publish(actor=province.admin, news=empty)
    published = NewsFactory(actor=province.admin, publish=True)
    with pytest.raises(ValidationError, match="already published"):
        services.news_publish(actor=province.admin, news=published)
    with pytest.raises(ValidationError, match="not published"):
        services.news_unpublish(actor=province.admin, news=empty)
    with pytest.raises(ValidationError) as emptied:
        services.news_update(actor=province.admin, news=published, kind="news", title="Tin", summary="", body="")
    assert "body" in emptied.value.message_dict
    with pytest.raises(ValidationError) as html:
        services.news_create(actor=province.admin, kind="news", title="Tệp",
                             attachment=upload("trang.pdf", b"<html><script>alert(1)</script></html>"))
    assert "attachment" in html.value.message_dict
    assert News.objects.count() == 2


def test_every_write_is_in_the_audit_trail(province):
    news = services.news_create(actor=province.admin, kind="announcement", title="Thông báo\x00 tập huấn",
                                summary="Lớp tập huấn", body="Dòng một\r\n\r\nDòng hai", attachment=pdf("tb.pdf"))
    assert news.title == "Thông báo tập huấn" and news.attachment_name == "tb.pdf"
    services.news_update(actor=province.admin, news=news, kind="announcement", title="Thông báo tập huấn 2026",
                         summary="Lớp tập huấn", body="Dòng một", attachment=pdf("tb-2.pdf"))
    services.news_publish(actor=province.admin, news=news)
    services.news_unpublish(actor=province.admin, news=news)
    trail = list(AuditEvent.objects.filter(object_type="portal.news", object_id=str(news.pk)).order_by("id"))
    assert [e.action for e in trail] == ["create", "update", "update", "update"]
    assert trail[0].changes["attachment"]["name"] == "tb.pdf"
    assert trail[1].changes["title"] == ["Thông báo tập huấn", "Thông báo tập huấn 2026"]
    assert [f["name"] for f in trail[1].changes["attachment"]] == ["tb.pdf", "tb-2.pdf"]
    assert trail[2].changes == {"is_public": [False, True]} and trail[3].changes == {"is_public": [True, False]}
    assert {e.actor_id for e in trail} == {province.admin.pk}


def _desk_answers(client, user, news):
    login(client, user)
    return {
        "desk": client.get(reverse("portal:news_desk")).status_code,
        "create": client.get(reverse("portal:news_create")).status_code,
        "edit": client.get(reverse("portal:news_edit", args=[news.pk])).status_code,
        "publish": client.post(reverse("portal:news_publish", args=[news.pk])).status_code,
    }


def test_who_may_read_and_write_the_news_desk(client, province):
    news = NewsFactory(actor=province.admin, title="Bản nháp riêng")
    # Agency staff do not know the desk exists; province-wide readers read it and are refused its forms.
    for outsider in (province.alice, province.bob, province.charlie):
        assert _desk_answers(client, outsider, news) == {"desk": 404, "create": 404, "edit": 404, "publish": 404}
    for reader in (province.inspector, province.viewer):
        assert _desk_answers(client, reader, news) == {"desk": 200, "create": 403, "edit": 403, "publish": 403}
    assert not News.objects.get(pk=news.pk).is_public
    client.logout()
    assert client.get(reverse("portal:news_desk"))["Location"].startswith(reverse("login"))
    answers = _desk_answers(client, province.admin, news)
    assert answers == {"desk": 200, "create": 200, "edit": 200, "publish": 302}
    assert News.objects.get(pk=news.pk).is_public
    assert client.get(reverse("portal:news_desk")).content.decode().count("Bản nháp riêng") == 1


def test_the_lead_writes_an_item_through_the_form(client, province):
    login(client, province.admin)
    response = client.post(reverse("portal:news_create"), {"kind": "news", "title": "", "summary": "x", "body": ""})
    assert response.status_code == 400 and b"x" in response.content  # what was typed is shown again
    response = client.post(reverse("portal:news_create"), {
        "kind": "news", "title": "Hội nghị triển khai", "summary": "Sáng 05/11", "body": "<b>Đậm</b>\n\nHai",
        "attachment": pdf("giay-moi.pdf")})
    news = News.objects.get()
    assert response.status_code == 302 and not news.is_public and news.attachment_name == "giay-moi.pdf"
    client.post(reverse("portal:news_publish", args=[news.pk]))
    client.logout()
    page = client.get(reverse("public:news_detail", args=[news.pk]), headers={"user-agent": "Mozilla/5.0"})
    assert b"&lt;b&gt;\xc4\x90\xe1\xba\xadm&lt;/b&gt;" in page.content  # the body is text, never HTML
    assert b"<p>Hai</p>" in page.content
    file = client.get(reverse("public:news_attachment", args=[news.pk]))
    assert file.status_code == 200 and file["Content-Disposition"].startswith("attachment")
