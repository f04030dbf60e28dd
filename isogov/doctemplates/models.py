"""Who replaced a document's template, and when. The file itself is kept through the default storage under
official-templates/<key>.docx (core.official reads it there), so object storage works as well as a disk."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Replacement(models.Model):
    key = models.CharField(_("document"), max_length=64, unique=True)
    file_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("file size"))
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("replaced by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    replaced_at = models.DateTimeField(_("replaced on"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("replaced document template")
        verbose_name_plural = _("replaced document templates")

    def __str__(self) -> str:
        return f"{self.key} ({self.file_name})"
