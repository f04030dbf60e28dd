"""Management-system frameworks as data: clause numbers with our own short titles.

ISO's text is copyrighted, so only numbers and titles we wrote ourselves are stored.
A framework (ISO 9001:2015, the 2008 version, a province's own checklist) loads from a file.
"""
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi


class Clause(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="clauses")
    number = models.CharField(_("clause"), max_length=20)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    title_vi = models.CharField(_("Vietnamese title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200)
    # Position in the framework's reading order: "8.5.1" after "8.5" and before "8.10".
    position = models.PositiveIntegerField(default=0)
    # Clauses an agency's audit checklist asks about; headings only group them.
    auditable = models.BooleanField(default=True)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="unique_clause_number")]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "vi").startswith("en") else self.title_vi

    @property
    def depth(self) -> int:
        return self.number.count(".")
