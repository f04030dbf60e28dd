"""The one-stop shop's dossiers pushed by program (objectives/apis_onestop.py): stored as rows, idempotent by dossier
number, all or nothing, and counted into a quality objective's on-time rates by the CSV import's own rules
(onestop.check_row, onestop.count, services.measurements_import)."""
import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record_many, diff
from isogov.core.db import lock, unique_errors
from isogov.core.text import clean_text
from isogov.objectives import onestop
from isogov.objectives.models import Dossier, Measurement, Objective
from isogov.objectives.services import measurements_import
from isogov.registry.models import Agency

FIELDS = ("procedure", "received", "due", "done")
# The CSV columns' names (onestop.COLUMNS) → the API's fields.
FIELD_OF_COLUMN = {"procedure": "procedure", "file_id": "number", "received": "received", "due": "due",
                   "returned": "done"}


@dataclass
class Record:
    number: str
    procedure: str
    received: dt.date
    due: dt.date
    done: dt.date | None = None


@dataclass
class Pushed:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    measurements: list[Measurement] = field(default_factory=list)


def normalise_number(number: str) -> str:
    return clean_text(number or "").strip().upper()


def check(records: list[Record], *, today: dt.date) -> dict[str, list[str]]:
    """{"records.<index>.<field>": ["<dossier number>: message"]} for every problem of the batch; empty when good.
    Each record passes the CSV import's row check, plus the national dossier number's shape."""
    errors: dict[str, list[str]] = {}
    pattern = re.compile(settings.ISOGOV["ONESTOP_DOSSIER_PATTERN"])
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        result = onestop.OnestopResult(filename="")
        cells = {"procedure": record.procedure, "file_id": record.number, "received": record.received.isoformat(),
                 "due": record.due.isoformat(), "returned": record.done.isoformat() if record.done else ""}
        onestop.check_row(index, cells, seen, today, result)
        problems = [(FIELD_OF_COLUMN[_field_of_header(e.column)], e.message) for e in result.errors]
        if record.number and not pattern.match(record.number):
            problems.append(("number", _("This is not a dossier number in the national format (such as "
                                         "000.00.12.H05-260115-0001).")))
        for name, message in problems:
            errors.setdefault(f"records.{index}.{name}", []).append(f"{record.number}: {message}")
    return errors


def _field_of_header(header: str) -> str:
    return next(name for name, shown in onestop.HEADER_OF.items() if shown == header)


@transaction.atomic
def dossiers_push(*, agency: Agency, actor, records: list[Record], objective: Objective | None = None) -> Pushed:
    """Store the batch: a new number is created, a known one updated when a value differs, left alone otherwise.
    Then, when something changed and an objective is named, its periods' on-time rates are recounted from every
    dossier of the agency. One bad record and nothing is written (ValidationError naming it)."""
    limit = settings.ISOGOV["ONESTOP_BATCH_MAX"]
    if len(records) > limit:
        raise ValidationError({"records": [_("At most %(n)s records per request.") % {"n": limit}]})
    if not records:
        raise ValidationError({"records": [_("The batch holds no record.")]})
    if objective is not None and objective.agency_id != agency.pk:
        raise ValidationError({"objective": [_("This objective is not the agency's.")]})
    for record in records:
        record.number = normalise_number(record.number)
        record.procedure = onestop.normalise_procedure_code(record.procedure)
    today = timezone.localdate()
    if errors := check(records, today=today):
        raise ValidationError(errors)
    # One push per agency at a time: a second identical batch waits, then finds every number there.
    lock(agency)
    existing = {d.number: d for d in Dossier.objects.filter(agency=agency, number__in=[r.number for r in records])}
    pushed, entries, new = Pushed(), [], []
    for record in records:
        values = {name: getattr(record, name) for name in FIELDS}
        found = existing.get(record.number)
        if found is None:
            new.append(Dossier(agency=agency, number=record.number, **values))
            continue
        changes = diff({name: getattr(found, name) for name in FIELDS}, values)
        if not changes:
            pushed.unchanged += 1
            continue
        for name, value in values.items():
            setattr(found, name, value)
        found.save()
        pushed.updated += 1
        entries.append(Entry(Action.UPDATE, found, agency, changes))
    with unique_errors(Dossier, {"unique_dossier_number": ("records", _(
            "Another request stored one of these dossiers at the same moment: send the batch again."))}):
        created = Dossier.objects.bulk_create(new)
    pushed.created = len(created)
    entries += [Entry(Action.CREATE, d, agency, {"number": d.number, **{n: getattr(d, n) for n in FIELDS}})
                for d in created]
    audit_record_many(actor=actor, entries=entries)
    if objective is not None and entries:
        pushed.measurements = measurements_import(objective=objective, actor=actor,
                                                  result=agency_result(agency=agency, objective=objective, today=today))
    return pushed


def agency_result(*, agency: Agency, objective: Objective, today: dt.date) -> onestop.OnestopResult:
    """Every stored dossier of the agency counted for the objective's year and period."""
    rows = list(Dossier.objects.filter(agency=agency).order_by("id").values_list("procedure", "due", "done"))
    result = onestop.OnestopResult(filename=_("one-stop-shop system"))
    return onestop.count(result, rows, year=objective.year, period=objective.period, today=today)
