"""Agency import: validate a spreadsheet against the registry and plan the change, all or nothing.

preview_import() never writes; import_agencies() plans and applies in one transaction and refuses the
whole file when any row is bad. Reading the file is io_read.py, writing the plan io_apply.py.
"""
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isogov.audit.services import diff
from isogov.core.text import fold
from isogov.registry.io_apply import apply_plan
from isogov.registry.io_read import COLUMNS, HEADER_OF, REQUIRED_FIELDS, Table, UnreadableFile, read_table
from isogov.registry.models import Agency, AgencyKind, Tier, code_validator
from isogov.registry.services import agency_snapshot
from isogov.registry.tiers import tier_matcher

# Short spellings people use in listings; the first is the one the export writes.
KIND_SPELLINGS = {
    AgencyKind.DEPARTMENT: ("sở, ban, ngành", "sở", "ban", "ngành", "sở ngành", "cơ quan chuyên môn", "department"),
    AgencyKind.SUB_DEPARTMENT: ("chi cục", "sub-department"),
    AgencyKind.DISTRICT_COMMITTEE: ("UBND huyện", "UBND cấp huyện", "UBND quận", "UBND thị xã", "UBND thành phố",
                                    "Ủy ban nhân dân huyện", "Ủy ban nhân dân cấp huyện"),
    AgencyKind.COMMUNE_COMMITTEE: ("UBND xã", "UBND cấp xã", "UBND phường", "UBND thị trấn",
                                   "Ủy ban nhân dân xã", "Ủy ban nhân dân cấp xã"),
    AgencyKind.PUBLIC_SERVICE_UNIT: ("đơn vị sự nghiệp", "sự nghiệp", "đơn vị sự nghiệp công lập",
                                     "public service unit"),
    AgencyKind.OTHER: ("khác", "other"),
}
YES = {"co", "x", "yes", "y", "true", "1", "bat buoc"}
NO = {"", "khong", "no", "n", "false", "0", "khuyen khich"}
TEXT_FIELDS = ("iso_secretary", "email", "phone")
COLUMN_ORDER = {name: index for index, (name, _header, _aliases) in enumerate(COLUMNS)}


def kind_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]|_", " ", fold(text)).split())


def kind_matcher() -> dict[str, str]:
    names: dict[str, str] = {}
    languages = [code for code, _name in settings.LANGUAGES]
    for kind in AgencyKind:
        spellings = [kind.value, *KIND_SPELLINGS.get(kind, ())]
        for language in languages:
            with translation.override(language):
                spellings.append(str(kind.label))
        for s in spellings:
            names.setdefault(kind_key(s), kind.value)
    return names


@dataclass
class RowError:
    row: int | None  # spreadsheet row number, the header being row 1; None when the whole file is unreadable
    column: str  # the header as written in the file
    message: str
    field: str = ""  # which of our columns, to list a row's errors in column order

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


@dataclass
class RowPlan:
    row: int
    code: str
    values: dict = field(default_factory=dict)  # "tier" is a Tier, "parent" a code or None
    agency: Agency | None = None  # the agency already in the registry, if any
    changes: dict = field(default_factory=dict)  # {field: [before, after]}, as the audit trail records them
    display: list = field(default_factory=list)  # (label, before, after) as the preview shows them


@dataclass
class Plan:
    filename: str
    errors: list[RowError] = field(default_factory=list)
    creates: list[RowPlan] = field(default_factory=list)
    updates: list[RowPlan] = field(default_factory=list)
    unchanged: int = 0
    paths: dict[str, str] = field(default_factory=dict)  # new path of each agency created or moved
    existing: dict[str, Agency] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates or self.paths)


class ImportRejected(ValidationError):
    def __init__(self, plan: Plan):
        super().__init__([str(e) for e in plan.errors])
        self.plan = plan


def field_label(name: str) -> str:
    return capfirst(Agency._meta.get_field(name).verbose_name)


def describe(name: str, value, tier_names: dict[str, str]) -> str:
    """A snapshot value as a person reads it in the preview."""
    if value is None or value == "":
        return "—"
    if name == "mandatory":
        return _("Yes") if value else _("No")
    if name == "kind" and value in AgencyKind.values:
        return str(AgencyKind(value).label)
    if name == "tier":
        return tier_names.get(value, str(value))
    return str(value)


def preview_import(*, data: bytes, filename: str) -> Plan:
    """What importing this file would change, or why it cannot be imported. Writes nothing."""
    try:
        table = read_table(data=data, filename=filename)
    except UnreadableFile as exc:
        return Plan(filename=filename, errors=[RowError(None, "", str(exc))])
    return build_plan(table=table, filename=filename)


@transaction.atomic
def import_agencies(*, actor, data: bytes, filename: str, progress=None) -> Plan:
    """Apply the file to the registry in one transaction; raises ImportRejected, changing nothing, on any error.
    `progress(done, total, message)`, when given, hears how far it is (a background job's page): reading and
    checking count for the rows read, writing for each agency created or updated."""
    report = progress or (lambda done, total=None, message=None: None)
    report(0, None, _("Reading and checking the file"))
    plan = preview_import(data=data, filename=filename)
    if plan.errors:
        raise ImportRejected(plan)
    rows = len(plan.creates) + len(plan.updates) + plan.unchanged
    total = rows + len(plan.creates) + len(plan.updates)
    report(rows, total, _("Writing the agencies"))
    apply_plan(actor=actor, plan=plan,
               progress=lambda written, message=None: report(rows + written, total, message))
    return plan


def build_plan(*, table: Table, filename: str) -> Plan:
    plan = Plan(filename=filename)
    for name in REQUIRED_FIELDS:
        if name not in table.headers:
            plan.errors.append(RowError(1, HEADER_OF[name], _("This required column is missing.")))
    for header in table.duplicate_headers:
        plan.errors.append(RowError(1, header, _("This column appears more than once.")))
    if plan.errors:
        return plan
    if not table.rows:
        plan.errors.append(RowError(None, "", _("The file has a header row but no agency rows.")))
        return plan
    plan.existing = _load_existing()
    rows = _read_rows(table, plan)
    all_paths = _check_tree(table, rows, plan)
    if not plan.errors:
        _plan_changes(table, rows, all_paths, plan)
    plan.errors.sort(key=lambda e: (e.row or 0, COLUMN_ORDER.get(e.field, 0)))
    return plan


def _load_existing() -> dict[str, Agency]:
    # One query for the whole registry; parents are linked in memory rather than joined.
    agencies = list(Agency.objects.select_related("tier"))
    by_pk = {a.pk: a for a in agencies}
    for a in agencies:
        if a.parent_id:
            a.parent = by_pk[a.parent_id]
        if a.merged_into_id:
            a.merged_into = by_pk[a.merged_into_id]
    return {a.code: a for a in agencies}


def _refusals(name: str, value: str) -> list[str]:
    """The model's own checks of one field (its length, an email's form), for a cell of the file."""
    try:
        Agency._meta.get_field(name).run_validators(value)
    except ValidationError as exc:
        # A list of rows names the bad address, where a form shows it in the field.
        return [_("“%(value)s” is not a valid email address.") % {"value": value} if e.code == "invalid" else m
                for e in exc.error_list for m in e.messages]
    return []


def _read_rows(table: Table, plan: Plan) -> dict[str, RowPlan]:
    """Each row's values, checked one by one in column order; rows whose code is unusable are left out."""
    tiers = tier_matcher(Tier.objects.all())
    kinds = kind_matcher()
    header = table.headers
    file_codes = {cells["code"] for _number, cells in table.rows}
    rows: dict[str, RowPlan] = {}
    for number, cells in table.rows:
        def error(name: str, message: str, number: int = number) -> None:
            plan.errors.append(RowError(number, header[name], message, name))

        for name in ("code", "name", "tier"):
            if not cells[name]:
                error(name, _("A value is required."))
        code = cells["code"]
        if code:
            try:
                code_validator(code)
            except ValidationError as exc:
                error("code", _("“%(code)s” is not a valid code. %(rule)s") % {"code": code, "rule": exc.messages[0]})
                code = ""
        if code and code in rows:
            error("code", _("The code %(code)s is already used on row %(row)s.")
                  % {"code": code, "row": rows[code].row})
            code = ""
        values: dict = {"name": cells["name"]}
        if cells["tier"]:
            values["tier"] = tiers.get(fold(cells["tier"]))
            if values["tier"] is None:
                error("tier", _("Unknown tier “%(value)s”.") % {"value": cells["tier"]})
        if "parent_code" in header:
            values["parent"] = cells["parent_code"] or None
            if values["parent"] and values["parent"] not in file_codes and values["parent"] not in plan.existing:
                error("parent_code", _("No agency has the code %(code)s, in this file or in the registry.")
                      % {"code": values["parent"]})
        if "kind" in header:
            values["kind"] = kinds.get(kind_key(cells["kind"])) if cells["kind"] else AgencyKind.OTHER
            if values["kind"] is None:
                error("kind", _("Unknown kind of agency “%(value)s”.") % {"value": cells["kind"]})
        if "mandatory" in header:
            answer = fold(cells["mandatory"])
            values["mandatory"] = True if answer in YES else False if answer in NO else None
            if values["mandatory"] is None:
                error("mandatory", _("“%(value)s” is not a yes/no answer; use Có or Không (yes or no, x or blank).")
                      % {"value": cells["mandatory"]})
        for name in TEXT_FIELDS:
            if name in header:
                values[name] = cells[name]
        for name in ("name", *TEXT_FIELDS):
            for message in _refusals(name, cells.get(name, "")):
                error(name, message)
        if code:
            rows[code] = RowPlan(row=number, code=code, values=values, agency=plan.existing.get(code))
    return rows


def _check_tree(table: Table, rows: dict[str, RowPlan], plan: Plan) -> dict[str, str]:
    """Cycles (through the registry too) and parents on a lower tier than their child.

    Returns every agency's path after the import, once the tree is known to be sound.
    """
    parent_header = table.headers.get("parent_code", "")
    parent_of = {code: (a.parent.code if a.parent_id else None) for code, a in plan.existing.items()}
    rank_of = {code: a.tier.rank for code, a in plan.existing.items()}
    for code, r in rows.items():
        if "parent" in r.values:
            parent = r.values["parent"]
            # An unknown parent, or one on a row whose code is unusable, was reported already.
            parent_of[code] = parent if parent in rows or parent in plan.existing else None
        else:
            parent_of.setdefault(code, None)
        if r.values.get("tier") is not None:
            rank_of[code] = r.values["tier"].rank
        else:
            rank_of.pop(code, None)
    _check_cycles(rows, parent_of, parent_header, plan)
    for code, r in rows.items():
        parent = parent_of[code]
        if parent is not None and parent in rank_of and code in rank_of and rank_of[parent] > rank_of[code]:
            plan.errors.append(RowError(r.row, parent_header or table.headers["tier"],
                                        _("The parent %(parent)s is on a lower tier than this agency.")
                                        % {"parent": parent}, "parent_code" if parent_header else "tier"))
    for code, a in plan.existing.items():
        parent = parent_of.get(code)
        if code not in rows and parent in rows and parent in rank_of and rank_of[parent] > rank_of[code]:
            plan.errors.append(RowError(rows[parent].row, table.headers["tier"],
                                        _("%(name)s (%(code)s) sits under this agency on a higher tier; "
                                          "change that agency's tier or parent too.") % {"name": a.name, "code": code},
                                        "tier"))
    return {} if plan.errors else _paths(parent_of)


def _check_cycles(rows: dict[str, RowPlan], parent_of: dict, header: str, plan: Plan) -> None:
    done: set[str] = set()
    for start in rows:
        walk: list[str] = []
        on_walk: dict[str, int] = {}
        node = start
        while node is not None and node not in done and node not in on_walk:
            on_walk[node] = len(walk)
            walk.append(node)
            node = parent_of.get(node)
        if node is not None and node in on_walk:
            cycle = walk[on_walk[node]:]
            for code in cycle:
                if code not in rows:
                    continue
                if len(cycle) == 1:
                    message = _("An agency cannot be its own parent.")
                else:
                    turn = cycle.index(code)
                    loop = " → ".join([*cycle[turn:], *cycle[:turn], code])
                    message = _("The parents form a cycle: %(cycle)s.") % {"cycle": loop}
                plan.errors.append(RowError(rows[code].row, header, message, "parent_code"))
        done.update(walk)


def _paths(parent_of: dict[str, str | None]) -> dict[str, str]:
    paths: dict[str, str] = {}
    for code in parent_of:
        chain = []
        node = code
        while node is not None and node not in paths:
            chain.append(node)
            node = parent_of.get(node)
        prefix = paths[node] if node is not None else "/"
        for node in reversed(chain):
            prefix = f"{prefix}{node}/"
            paths[node] = prefix
    return paths


def _plan_changes(table: Table, rows: dict[str, RowPlan], all_paths: dict[str, str], plan: Plan) -> None:
    tier_names = {t.code: str(t) for t in Tier.objects.all()}
    path_limit = Agency._meta.get_field("path").max_length
    for code, r in rows.items():
        if len(all_paths[code]) > path_limit:
            plan.errors.append(RowError(r.row, table.headers.get("parent_code", table.headers["code"]),
                                        _("The agency sits too deep in the tree (its path is over %(limit)s "
                                          "characters).") % {"limit": path_limit}, "parent_code"))
        if r.agency is None:
            tier = r.values["tier"]
            r.values = {"kind": AgencyKind.OTHER, "mandatory": tier.mandatory_by_default, "parent": None,
                        **{f: "" for f in TEXT_FIELDS}, **r.values}
            plan.creates.append(r)
            plan.paths[code] = all_paths[code]
            continue
        before = agency_snapshot(r.agency)
        wanted = {k: (v.code if k == "tier" else v) for k, v in r.values.items()}
        r.changes = diff(before, {**before, **wanted})
        if r.changes:
            r.display = [(field_label(f), describe(f, old, tier_names), describe(f, new, tier_names))
                         for f, (old, new) in r.changes.items()]
            plan.updates.append(r)
        else:
            plan.unchanged += 1
    for code, agency in plan.existing.items():
        if all_paths[code] != agency.path:
            plan.paths[code] = all_paths[code]
    if plan.errors:
        plan.creates, plan.updates, plan.paths, plan.unchanged = [], [], {}, 0
