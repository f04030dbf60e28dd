"""Loads a framework file (JSON) into Framework and Clause rows; loading the same file again changes nothing."""
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

BUILTIN_DIR = Path(__file__).parent / "data"


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.json"))


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def read_framework(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(_("Cannot read the framework file: %(error)s") % {"error": exc}) from exc
    problems = []
    for key in ("code", "name_vi", "name_en", "clauses"):
        if key not in data:
            problems.append(_("The framework file has no “%(key)s”.") % {"key": key})
    numbers = set()
    for clause in data.get("clauses", []):
        number = str(clause.get("number", ""))
        if not number or not all(p.isdigit() for p in number.split(".")):
            problems.append(_("“%(number)s” is not a clause number like 8.5.1.") % {"number": number})
            continue
        if number in numbers:
            problems.append(_("Clause %(number)s appears twice.") % {"number": number})
        numbers.add(number)
        if not clause.get("title_vi") or not clause.get("title_en"):
            problems.append(_("Clause %(number)s needs a Vietnamese and an English title.") % {"number": number})
    for number in numbers:
        parent = number.rsplit(".", 1)[0] if "." in number else None
        if parent and parent not in numbers:
            problems.append(_("Clause %(number)s has no parent clause %(parent)s.")
                            % {"number": number, "parent": parent})
    if problems:
        raise ValidationError(problems)
    return data


@transaction.atomic
def load_framework(path: Path, *, framework_model=None, clause_model=None) -> tuple[object, int]:
    """Create or update the framework and its clauses. Models may be historical ones (from a migration)."""
    if framework_model is None:
        from isogov.clauses.models import Clause, Framework

        framework_model, clause_model = Framework, Clause
    data = read_framework(path)
    framework, _created = framework_model.objects.update_or_create(
        code=data["code"],
        defaults={"name_vi": data["name_vi"], "name_en": data["name_en"], "note": data.get("note", "")},
    )
    rows = sorted(data["clauses"], key=lambda c: _number_key(str(c["number"])))
    by_number = {}
    for position, row in enumerate(rows, start=1):
        number = str(row["number"])
        parent_number = number.rsplit(".", 1)[0] if "." in number else None
        clause, _created = clause_model.objects.update_or_create(
            framework=framework, number=number,
            defaults={
                "title_vi": row["title_vi"], "title_en": row["title_en"], "position": position,
                "parent": by_number.get(parent_number), "auditable": row.get("auditable", True),
            },
        )
        by_number[number] = clause
    return framework, len(rows)
