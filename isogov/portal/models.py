"""The portal's own rows: the programme's news, and the visit counts by day.

VisitDay holds two numbers per day and nothing about anyone: no address, no browser, no cookie id
(isogov/portal/visits.py counts distinct visitors with a salted hash kept only in the cache).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from isogov.core.models import Validated


class NewsKind(models.TextChoices):
    # "Announcement" alone is the announcement of conformity (công bố); a news item's kind is a notice (thông báo).
    NEWS = "news", pgettext_lazy("news kind", "News")
    ANNOUNCEMENT = "announcement", pgettext_lazy("news kind", "Announcement")


def news_upload_to(instance: "News", filename: str) -> str:
    return f"portal/news/{filename}"


class News(Validated):
    """An item the programme lead writes for the public: shown on the portal once published, never as a draft."""

    kind = models.CharField(_("kind"), max_length=16, choices=NewsKind.choices, default=NewsKind.NEWS)
    title = models.CharField(_("title"), max_length=255)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    # Plain text: paragraphs are blank lines; the page escapes it (no HTML from anyone reaches the portal).
    body = models.TextField(_("content"), blank=True)
    attachment = models.FileField(_("file"), upload_to=news_upload_to, max_length=300, blank=True)
    attachment_name = models.CharField(max_length=160, blank=True, editable=False)
    attachment_type = models.CharField(max_length=100, blank=True, editable=False)
    is_public = models.BooleanField(_("published"), default=False, editable=False)
    # When it was first published: the public order ("newest first") does not change with a correction.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["is_public", "published_at"])]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self) -> str:
        return self.title


class VisitDay(models.Model):
    """Page views and distinct visitors of the public portal on one day (Asia/Ho_Chi_Minh)."""

    # Written only by the counter (portal/visits.py), never typed.
    day = models.DateField(_("day"), unique=True, editable=False)
    views = models.PositiveIntegerField(_("page views"), default=0, editable=False)
    visitors = models.PositiveIntegerField(_("visitors"), default=0, editable=False)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("visits of a day")
        verbose_name_plural = _("visits by day")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}"
