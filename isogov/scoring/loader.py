"""Loads a scoring ruleset file (JSON) into a Ruleset row; loading the same file again changes nothing."""
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff
from isogov.scoring.rules import parse_ruleset

BUILTIN_DIR = Path(__file__).parent / "data"
MAX_BYTES = 1 << 20  # a ruleset is a few kilobytes; a megabyte is no ruleset


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.json"))


def read_ruleset(path: Path, *, tier_codes: set[str] | None = None) -> dict:
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise ValidationError(_("The ruleset file is larger than 1 MB."))
        data = json.loads(Path(path).read_text(encoding="utf-8"),
                          object_pairs_hook=_no_duplicate_keys)
    except (OSError, ValueError) as exc:
        raise ValidationError(_("Cannot read the ruleset file: %(error)s") % {"error": exc}) from exc
    return parse_ruleset(data, tier_codes=tier_codes)


def _no_duplicate_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(_("the key “%(key)s” appears twice") % {"key": key})
        seen[key] = value
    return seen


def _fields(data: dict, source: str) -> dict:
    return {"name_vi": data["name_vi"], "name_en": data["name_en"], "first_year": data["first_year"],
            "last_year": data.get("last_year"), "basis": data.get("basis", ""), "criteria": data["criteria"],
            "source": source}


@transaction.atomic
def load_ruleset(path: Path, *, actor=None, ruleset_model=None, tier_model=None):
    """Create or replace the ruleset of the file's code. Models may be historical ones (from a migration)."""
    if ruleset_model is None:
        from isogov.registry.models import Tier
        from isogov.scoring.models import Ruleset

        ruleset_model, tier_model = Ruleset, Tier
    tier_codes = set(tier_model.objects.values_list("code", flat=True)) if tier_model is not None else None
    data = read_ruleset(path, tier_codes=tier_codes)
    fields = _fields(data, Path(path).name)
    ruleset = ruleset_model.objects.filter(code=data["code"]).first()
    if ruleset is None:
        ruleset = ruleset_model.objects.create(code=data["code"], **fields)
        if actor is not False:
            audit_record(actor=actor, action=Action.CREATE, obj=ruleset, changes=fields)
        return ruleset, True
    before = {k: getattr(ruleset, k) for k in fields}
    changes = diff(before, fields)
    if changes:
        for key, value in fields.items():
            setattr(ruleset, key, value)
        ruleset.save()
        if actor is not False:
            audit_record(actor=actor, action=Action.UPDATE, obj=ruleset, changes=changes)
    return ruleset, False
