"""The library's rules: which sections a kind of template has, when agencies must bring a new version in, and
where an adoption stands against its template's newest version.

A version made to bring in a legal text is due within ISOGOV["LEGAL_UPDATE_MONTHS"] (3 months, [law]: a new
legal document is brought into the QMS within 3 months); any other within ISOGOV["TEMPLATE_UPDATE_MONTHS"]
([assumed]). The date is stored on the version when it is published, so that lists and counts filter in SQL.
"""
import datetime as dt
import difflib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from isogov.core.dates import add_months
from isogov.library.models import TemplateKind

# The framework model's layout: the sections each kind of template shows, in order.
PROCEDURE_SECTIONS = ("purpose", "scope", "references", "definitions", "steps", "forms", "records")
SECTIONS = {
    TemplateKind.MANUAL: ("purpose", "scope", "references", "definitions", "body"),
    TemplateKind.POLICY: ("purpose", "scope", "body"),
    TemplateKind.PROCEDURE: PROCEDURE_SECTIONS,
    TemplateKind.PROCESS: PROCEDURE_SECTIONS,
}
ALL_SECTIONS = ("purpose", "scope", "references", "definitions", "body", "steps", "forms", "records")
STEP_COLUMNS = (_("Step"), _("What is done"), _("Who"), _("When"), _("Records"))


def sections_of(kind: str) -> tuple[str, ...]:
    return SECTIONS.get(kind, ALL_SECTIONS)


def update_months(legal_basis: str) -> int:
    return settings.ISOGOV["LEGAL_UPDATE_MONTHS" if legal_basis else "TEMPLATE_UPDATE_MONTHS"]


def due_on(published_on: dt.date, legal_basis: str) -> dt.date:
    return add_months(published_on, update_months(legal_basis))


class Standing:
    CURRENT = "current"  # on the newest version
    BEHIND = "behind"  # a newer version is out, its due date not passed
    LATE = "late"  # a newer version is out and its due date has passed


STANDING_LABELS = {
    Standing.CURRENT: _("Up to date"),
    Standing.BEHIND: _("Update due"),
    Standing.LATE: _("Update late"),
}


def behind_q(prefix: str = "") -> Q:
    """Adoptions (or, through `prefix`, rows of them) whose template has a newer version than theirs."""
    return Q(**{f"{prefix}version__number__lt": F(f"{prefix}template__latest__number")})


def late_q(today: dt.date, prefix: str = "") -> Q:
    return behind_q(prefix) & Q(**{f"{prefix}template__latest__due_on__lt": today})


def standing(adoption, today: dt.date) -> str:
    latest = adoption.template.latest
    if latest is None or adoption.version.number >= latest.number:
        return Standing.CURRENT
    return Standing.LATE if latest.due_on < today else Standing.BEHIND


def steps_rows(text: str) -> list[list[str]]:
    """The steps section as table rows: one step a line, its cells separated by "|" (missing cells blank)."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")][: len(STEP_COLUMNS)]
        rows.append(cells + [""] * (len(STEP_COLUMNS) - len(cells)))
    return rows


@dataclass(frozen=True)
class SectionDiff:
    name: str
    label: str
    lines: list[tuple[str, str]]  # ("same" | "added" | "removed", text)

    @property
    def changed(self) -> bool:
        return any(op != "same" for op, _text in self.lines)


def section_label(name: str) -> str:
    from isogov.library.models import TemplateVersion

    return str(TemplateVersion._meta.get_field(name).verbose_name)


def diff(old, new, kind: str) -> list[SectionDiff]:
    """Section by section, line by line: what a newer version removed and added (only the sections that changed)."""
    out = []
    for name in sections_of(kind):
        before = (getattr(old, name) if old is not None else "").splitlines()
        after = getattr(new, name).splitlines()
        lines = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
            if op == "equal":
                lines += [("same", line) for line in before[i1:i2]]
                continue
            lines += [("removed", line) for line in before[i1:i2]]
            lines += [("added", line) for line in after[j1:j2]]
        section = SectionDiff(name, section_label(name), lines)
        if section.changed:
            out.append(section)
    return out
