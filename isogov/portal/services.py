"""Writes to the programme's news. Who may call them is the views' business (access.access_news: the programme
lead writes). A news item is a draft until published; only published items reach the public portal."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, plain, snapshot, uploaded
from isogov.core.files import safe_name, validate_office_or_image
from isogov.portal.models import News

FIELDS = ("kind", "title", "summary", "body")


def _attach(news: News, upload: UploadedFile) -> None:
    try:
        content_type = validate_office_or_image(upload, settings.ISOGOV["NEWS_ATTACHMENT_MAX_BYTES"])
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.messages}) from exc
    news.attachment_name = safe_name(upload.name, content_type)
    news.attachment_type = content_type
    news.attachment.save(news.attachment_name, upload, save=False)


def _save(news: News, upload: UploadedFile | None) -> None:
    news.full_clean(exclude=["attachment"])
    if upload is not None:
        _attach(news, upload)
    # The file reaches storage before the row: if the row fails, the file goes too.
    try:
        news.save()
    except Exception:
        if upload is not None:
            news.attachment.delete(save=False)
        raise


@transaction.atomic
def news_create(*, actor, kind: str, title: str, summary: str = "", body: str = "",
                attachment: UploadedFile | None = None) -> News:
    """A draft: nobody outside sees it until news_publish."""
    news = News(kind=kind, title=title, summary=summary, body=body,
                created_by=actor if getattr(actor, "pk", None) else None)
    _save(news, attachment)
    changes = snapshot(news, FIELDS)
    if attachment is not None:
        changes["attachment"] = uploaded(news.attachment, attachment)
    audit_record(actor=actor, action=Action.CREATE, obj=news, changes=changes)
    return news


@transaction.atomic
def news_update(*, actor, news: News, kind: str, title: str, summary: str = "", body: str = "",
                attachment: UploadedFile | None = None, remove_attachment: bool = False) -> News:
    news = News.objects.select_for_update().get(pk=news.pk)
    # The file frozen now: storing a new one renames the same FieldFile in place.
    before = {**snapshot(news, FIELDS), "attachment": plain(news.attachment)}
    old_file = news.attachment.name
    news.kind, news.title, news.summary, news.body = kind, title, summary, body
    if remove_attachment and attachment is None:
        news.attachment, news.attachment_name, news.attachment_type = "", "", ""
    if news.is_public and not _has_text(news):
        raise ValidationError({"body": [_("A published item needs a summary or a text.")]})
    _save(news, attachment)
    changes = diff(before, {**snapshot(news, FIELDS), "attachment": news.attachment})
    if attachment is not None:
        changes["attachment"] = [before["attachment"], uploaded(news.attachment, attachment)]
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=news, changes=changes)
    if old_file and old_file != news.attachment.name:
        # Replaced or removed: the old file is nobody's once the transaction holds.
        storage, name = news.attachment.storage, old_file
        transaction.on_commit(lambda: storage.delete(name))
    return news


def _has_text(news: News) -> bool:
    return bool(news.summary.strip() or news.body.strip())


@transaction.atomic
def news_publish(*, actor, news: News) -> News:
    """Shows the item on the portal; its first publication's time orders the list and stays on a re-publication."""
    news = News.objects.select_for_update().get(pk=news.pk)
    if news.is_public:
        raise ValidationError(_("This item is already published."))
    if not _has_text(news):
        raise ValidationError({"body": [_("Write a summary or a text before publishing.")]})
    news.is_public = True
    news.published_at = news.published_at or timezone.now()
    news.save(update_fields=["is_public", "published_at", "updated_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=news, changes={"is_public": [False, True]},
                 note=_("Published on the public portal"))
    return news


@transaction.atomic
def news_unpublish(*, actor, news: News) -> News:
    news = News.objects.select_for_update().get(pk=news.pk)
    if not news.is_public:
        raise ValidationError(_("This item is not published."))
    news.is_public = False
    news.save(update_fields=["is_public", "updated_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=news, changes={"is_public": [True, False]},
                 note=_("Taken off the public portal"))
    return news
