"""Attendance import: a session's trainees from a spreadsheet, all or nothing, like the agency import.

A row is matched to a trainee already on the session by (agency, folded name), so importing the same
file twice changes nothing the second time. preview_import() never writes; import_attendance() plans and
applies in one transaction and refuses the whole file when any row is bad.
"""
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record_many, diff, snapshot
from isogov.core.text import fold
from isogov.registry.importing import ImportRejected, RowError
from isogov.registry.models import Agency
from isogov.training.io_read import (
    COLUMNS,
    HEADER_OF,
    REQUIRED_FIELDS,
    Table,
    UnreadableFile,
    read_table,
)
from isogov.training.models import Session, Trainee
from isogov.training.services import TRAINEE_FIELDS

YES = {"co", "x", "yes", "y", "true", "1", "dat", "da hoan thanh", "hoan thanh"}
NO = {"", "khong", "no", "n", "false", "0", "khong dat", "chua hoan thanh"}
FLAGS = ("is_iso_secretary", "completed")
TEXT_FIELDS = ("position", "certificate_number")
COLUMN_ORDER = {name: index for index, (name, _header, _aliases) in enumerate(COLUMNS)}
BATCH_SIZE = 500

__all__ = ["AttendancePlan", "ImportRejected", "import_attendance", "preview_import"]


@dataclass
class RowPlan:
    row: int
    agency: Agency
    values: dict
    trainee: Trainee | None = None
    changes: dict = field(default_factory=dict)
    display: list = field(default_factory=list)  # (label, before, after)


@dataclass
class AttendancePlan:
    filename: str
    session: Session
    errors: list[RowError] = field(default_factory=list)
    creates: list[RowPlan] = field(default_factory=list)
    updates: list[RowPlan] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates)


def preview_import(*, session: Session, data: bytes, filename: str) -> AttendancePlan:
    """What importing this file into `session` would change, or why it cannot be imported. Writes nothing."""
    plan = AttendancePlan(filename=filename, session=session)
    try:
        table = read_table(data=data, filename=filename)
    except UnreadableFile as exc:
        plan.errors.append(RowError(None, "", str(exc)))
        return plan
    _build(table, plan)
    plan.errors.sort(key=lambda e: (e.row or 0, COLUMN_ORDER.get(e.field, 0)))
    if plan.errors:
        plan.creates, plan.updates, plan.unchanged = [], [], 0
    return plan


@transaction.atomic
def import_attendance(*, actor, session: Session, data: bytes, filename: str) -> AttendancePlan:
    """Apply the file to the session in one transaction; raises ImportRejected, changing nothing, on any error."""
    session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
    plan = preview_import(session=session, data=data, filename=filename)
    if plan.errors:
        raise ImportRejected(plan)
    _apply(actor, plan)
    return plan


def yes_no(text: str) -> bool | None:
    answer = fold(text)
    return True if answer in YES else False if answer in NO else None


def _build(table: Table, plan: AttendancePlan) -> None:
    for name in REQUIRED_FIELDS:
        if name not in table.headers:
            plan.errors.append(RowError(1, HEADER_OF[name], _("This required column is missing."), name))
    for header in table.duplicate_headers:
        plan.errors.append(RowError(1, header, _("This column appears more than once.")))
    if plan.errors:
        return
    if not table.rows:
        plan.errors.append(RowError(None, "", _("The file has a header row but no trainee rows.")))
        return
    rows = _read_rows(table, plan)
    _check_certificates(table, rows, plan)
    if not plan.errors:
        _plan_changes(rows, plan)


def _read_rows(table: Table, plan: AttendancePlan) -> list[RowPlan]:
    header = table.headers
    codes = {cells["agency_code"] for _n, cells in table.rows if cells["agency_code"]}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    existing = {(t.agency_id, t.name_key): t for t in Trainee.objects.filter(session=plan.session)}
    limits = {f: Trainee._meta.get_field(f).max_length for f in ("full_name", *TEXT_FIELDS)}
    seen: dict[tuple[int, str], int] = {}
    rows = []
    for number, cells in table.rows:
        def error(name: str, message: str, number: int = number) -> None:
            plan.errors.append(RowError(number, header[name], message, name))

        full_name = " ".join(cells["full_name"].split())
        if not full_name:
            error("full_name", _("A value is required."))
        code = cells["agency_code"]
        agency = agencies.get(code)
        if not code:
            error("agency_code", _("A value is required."))
        elif agency is None:
            error("agency_code", _("No agency has the code %(code)s.") % {"code": code})
        values: dict = {"full_name": full_name}
        for name in FLAGS:
            if name in header:
                values[name] = yes_no(cells[name])
                if values[name] is None:
                    error(name, _("“%(value)s” is not a yes/no answer; use Có or Không (yes or no, x or blank).")
                          % {"value": cells[name]})
        for name in TEXT_FIELDS:
            if name in header:
                values[name] = cells[name]
        for name, limit in limits.items():
            if len(values.get(name, "")) > limit:
                error(name, _("This is %(length)s characters long; at most %(limit)s are allowed.")
                      % {"length": len(values[name]), "limit": limit})
        if not (full_name and agency):
            continue
        key = (agency.pk, fold(full_name))
        if key in seen:
            error("full_name", _("%(name)s of %(code)s is already on row %(row)s.")
                  % {"name": full_name, "code": code, "row": seen[key]})
            continue
        seen[key] = number
        rows.append(RowPlan(row=number, agency=agency, values=values, trainee=existing.get(key)))
    return rows


def _final_number(r: RowPlan) -> str:
    if "certificate_number" in r.values:
        return r.values["certificate_number"]
    return r.trainee.certificate_number if r.trainee else ""


def _check_certificates(table: Table, rows: list[RowPlan], plan: AttendancePlan) -> None:
    """Numbers are unique in the course once the file is applied, counting the trainees the file does not touch."""
    header = table.headers.get("certificate_number")
    touched = {r.trainee.pk for r in rows if r.trainee}
    held = {
        number: (name, start)
        for pk, number, name, start in Trainee.objects.filter(course_id=plan.session.course_id)
        .exclude(certificate_number="").values_list("pk", "certificate_number", "full_name", "session__start_date")
        if pk not in touched
    }
    used: dict[str, int] = {}
    for r in rows:
        number = _final_number(r)
        if not number:
            continue
        completed = r.values.get("completed", r.trainee.completed if r.trainee else False)
        if not completed:
            column = "certificate_number" if header else "completed"
            plan.errors.append(RowError(r.row, table.headers.get(column, HEADER_OF[column]), _(
                "A certificate (%(number)s) is given only to a trainee who completed the course.")
                % {"number": number}, column))
        if number in used:
            plan.errors.append(RowError(r.row, header, _("The certificate number %(number)s is already used on row "
                                                         "%(row)s.") % {"number": number, "row": used[number]},
                                        "certificate_number"))
        elif number in held:
            name, start = held[number]
            plan.errors.append(RowError(r.row, header, _(
                "Certificate %(number)s of this course was already given to %(name)s (session of %(date)s).")
                % {"number": number, "name": name, "date": start.strftime("%d/%m/%Y")}, "certificate_number"))
        used.setdefault(number, r.row)


def _label(name: str) -> str:
    return str(capfirst(Trainee._meta.get_field(name).verbose_name))


def _describe(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Agency):
        return value.code
    return str(value) if value not in (None, "") else "—"


def _plan_changes(rows: list[RowPlan], plan: AttendancePlan) -> None:
    for r in rows:
        if r.trainee is None:
            r.values = {"position": "", "certificate_number": "", "is_iso_secretary": False, "completed": False,
                        **r.values, "agency": r.agency}
            plan.creates.append(r)
            continue
        before = snapshot(r.trainee, TRAINEE_FIELDS)
        r.changes = diff(before, {**before, **r.values})
        if r.changes:
            after = {**before, **r.values}
            r.display = [(_label(f), _describe(before[f]), _describe(after[f])) for f in r.changes]
            plan.updates.append(r)
        else:
            plan.unchanged += 1


def _apply(actor, plan: AttendancePlan) -> None:
    session = plan.session
    new = [Trainee(session=session, course_id=session.course_id, name_key=fold(r.values["full_name"]), **r.values)
           for r in plan.creates]
    Trainee.objects.bulk_create(new, batch_size=BATCH_SIZE)
    if any(t.pk is None for t in new):  # databases that do not return ids from a bulk insert
        ids = {(a, k): pk for pk, a, k in Trainee.objects.filter(session=session)
               .values_list("pk", "agency_id", "name_key")}
        for t in new:
            t.pk = ids[(t.agency_id, t.name_key)]
    changed = []
    for r in plan.updates:
        for key, value in r.values.items():
            setattr(r.trainee, key, value)
        r.trainee.name_key = fold(r.trainee.full_name)
        changed.append(r.trainee)
    # Numbers may move between trainees of the file; clear the moving ones first so that no intermediate
    # state breaks the one-number-per-course constraint.
    moving = [r.trainee.pk for r in plan.updates if "certificate_number" in r.changes]
    if moving:
        Trainee.objects.filter(pk__in=moving).update(certificate_number="")
    Trainee.objects.bulk_update(changed, ["full_name", "name_key", *FLAGS, *TEXT_FIELDS], batch_size=BATCH_SIZE)
    note = _("Imported from %(file)s") % {"file": plan.filename}
    entries = [Entry(Action.CREATE, t, agency=t.agency, changes={"session": session, **snapshot(t, TRAINEE_FIELDS)},
                     note=note) for t in new]
    entries += [Entry(Action.UPDATE, r.trainee, agency=r.agency, changes=r.changes, note=note) for r in plan.updates]
    audit_record_many(actor=actor, entries=entries, batch_size=BATCH_SIZE)
