"""The province's procedure list from a spreadsheet: read and check every row, then plan the change against the
catalogue as it stands (added, changed, withdrawn procedures and the agencies whose scopes they touch).

The file is the whole list a publication decision publishes: a procedure of the catalogue missing from it is
withdrawn. Reading the file (size, rows, decompression bombs) is the registry's reader, io_read.read_table.
"""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from isogov.catalogue.models import CatalogueEntry, Level
from isogov.core.text import clean_text, fold
from isogov.core.validators import normalise_procedure_code, validate_procedure_code
from isogov.qms.models import ScopeItem
from isogov.registry.importing import kind_key, kind_matcher
from isogov.registry.io_read import UnreadableFile, read_table
from isogov.registry.models import Agency, AgencyKind, AgencyStatus

COLUMNS = (
    ("code", "Mã TTHC", ("code", "mã thủ tục", "mã số", "mã")),
    ("name", "Tên thủ tục hành chính", ("name", "tên thủ tục", "tên")),
    ("field", "Lĩnh vực", ("field",)),
    ("level", "Cấp thực hiện", ("level", "cấp")),
    ("kinds", "Cơ quan thực hiện", ("kinds", "agency kinds", "loại cơ quan")),
)
REQUIRED = ("code", "name", "level", "kinds")
LEVELS = {
    **dict.fromkeys(("tinh", "cap tinh", "province"), Level.PROVINCE),
    **dict.fromkeys(("huyen", "cap huyen", "district"), Level.DISTRICT),
    **dict.fromkeys(("xa", "cap xa", "commune"), Level.COMMUNE),
}


class CatalogueRejected(ValidationError):
    """The file or some of its rows are refused: nothing is written; the messages name the rows."""


@dataclass
class AgencyChange:
    agency: Agency
    added: list[str] = field(default_factory=list)  # codes the agency's kind now handles, not in its scope
    removed: list[str] = field(default_factory=list)  # withdrawn codes its scope holds


@dataclass
class Plan:
    added: list[dict] = field(default_factory=list)  # rows new to the catalogue (or published again)
    changed: list[tuple[dict, list[tuple[str, str, str]]]] = field(default_factory=list)  # row, (what, before, after)
    removed: list[CatalogueEntry] = field(default_factory=list)
    unchanged: int = 0
    agencies: list[AgencyChange] = field(default_factory=list)
    # The first list loaded sets the catalogue up: the province's procedures existed before isogov knew them, so no
    # agency's scope changes by it (each is proposed its scope instead).
    baseline: bool = False

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def read_rows(*, data: bytes, filename: str) -> list[dict]:
    """Every row checked, as plain values; CatalogueRejected naming each bad row (and nothing else is done)."""
    try:
        table = read_table(data=data, filename=filename, columns=COLUMNS)
    except UnreadableFile as exc:
        raise CatalogueRejected([str(exc)]) from exc
    headers = {name: header for name, header, _aliases in COLUMNS}
    missing = [headers[name] for name in REQUIRED if name not in table.headers]
    if missing:
        raise CatalogueRejected([_("The file has no column “%(column)s”.") % {"column": c} for c in missing])
    kinds_of = kind_matcher()
    errors, rows, seen = [], [], {}
    for number, cells in table.rows:
        problems = []
        code = normalise_procedure_code(clean_text(cells.get("code", "")))
        try:
            validate_procedure_code(code)
        except ValidationError as exc:
            problems.extend(exc.messages)
        if code in seen:
            problems.append(_("Code %(code)s is already on row %(row)s.") % {"code": code, "row": seen[code]})
        seen.setdefault(code, number)
        name = clean_text(cells.get("name", ""))
        if not name:
            problems.append(_("The procedure has no name."))
        level = LEVELS.get(fold(cells.get("level", "")).strip())
        if level is None:
            problems.append(_("“%(value)s” is not a level: write tỉnh, huyện or xã.") % {"value": cells.get("level")})
        kinds, unknown = [], []
        for part in cells.get("kinds", "").replace(";", ",").split(","):
            if part.strip():
                (kinds.append(kinds_of[kind_key(part)]) if kind_key(part) in kinds_of else unknown.append(part))
        if unknown or not kinds:
            problems.append(_("Name the kinds of agency that handle it, e.g. “UBND xã, chi cục” (not understood: "
                              "%(value)s).") % {"value": ", ".join(p.strip() for p in unknown) or "—"})
        if problems:
            errors.extend(_("Row %(row)s (%(code)s): %(problem)s") % {"row": number, "code": code or "—", "problem": p}
                          for p in problems)
            continue
        rows.append({"row": number, "code": code, "name": name[:500], "field": clean_text(cells.get("field", ""))[:200],
                     "level": level, "kinds": sorted(set(kinds))})
    if errors:
        raise CatalogueRejected(errors)
    if not rows:
        raise CatalogueRejected([_("The file lists no procedure.")])
    return rows


def build_plan(rows: list[dict]) -> Plan:
    """What applying `rows` would change, against the catalogue as it is now. A fixed number of queries."""
    plan = Plan()
    active = {e.procedure.code: e for e in CatalogueEntry.objects.filter(withdrawn_by__isnull=True)
              .select_related("procedure")}
    listed = {row["code"] for row in rows}
    for row in rows:
        entry = active.get(row["code"])
        if entry is None:
            plan.added.append({**row, "level_label": Level(row["level"]).label,
                               "kind_labels": [AgencyKind(k).label for k in row["kinds"]]})
            continue
        changes = [(what, before, after) for what, before, after in (
            (_("name"), entry.procedure.name, row["name"]),
            (_("field"), entry.procedure.field, row["field"]),
            (_("level"), Level(entry.level).label, Level(row["level"]).label),
            (_("handled by"), ", ".join(entry.kinds), ", ".join(row["kinds"])),
        ) if str(before) != str(after)]
        if changes:
            plan.changed.append((row, changes))
        else:
            plan.unchanged += 1
    plan.removed = sorted((e for code, e in active.items() if code not in listed), key=lambda e: e.procedure.code)
    plan.baseline = not CatalogueEntry.objects.exists()
    plan.agencies = [] if plan.baseline else _agencies_touched(plan)
    return plan


def _agencies_touched(plan: Plan) -> list[AgencyChange]:
    """Agencies whose kind handles an added procedure not yet in their scope, and those whose scope holds a
    withdrawn one. Three queries."""
    changes: dict[int, AgencyChange] = {}
    removed = [e.procedure_id for e in plan.removed]
    for item in (ScopeItem.objects.filter(procedure_id__in=removed, agency__status=AgencyStatus.ACTIVE)
                 .select_related("agency", "procedure").order_by("agency__path", "procedure__code")):
        changes.setdefault(item.agency_id, AgencyChange(item.agency)).removed.append(item.procedure.code)
    by_kind: dict[str, list[str]] = {}
    for row in plan.added:
        for kind in row["kinds"]:
            by_kind.setdefault(kind, []).append(row["code"])
    if by_kind:
        in_scope = set(ScopeItem.objects.filter(procedure__code__in=[r["code"] for r in plan.added])
                       .values_list("agency_id", "procedure__code"))
        for agency in Agency.objects.filter(status=AgencyStatus.ACTIVE, kind__in=list(by_kind)).order_by("path"):
            codes = [c for c in by_kind[agency.kind] if (agency.pk, c) not in in_scope]
            if codes:
                changes.setdefault(agency.pk, AgencyChange(agency)).added.extend(sorted(codes))
    return sorted(changes.values(), key=lambda c: c.agency.path)
