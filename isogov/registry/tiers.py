"""Tier sets are data files, so the two-tier shape of 1 July 2025 is a setting, not a code change.

A preset marked `"layer": true` (national.json: the ministry's level above the provinces) adds tiers to a full
set rather than being one: a ministry's registry names both, "three-tier+national" (ISOGOV_TIER_PRESET,
`isogov tiers --load`), or loads the layer alone onto the tiers it already has."""
import json
from pathlib import Path

from django.utils.translation import gettext as _

from isogov.core.text import fold

PRESET_DIR = Path(__file__).parent / "data" / "tiers"


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.json"))


def _read(name: str) -> dict:
    path = PRESET_DIR / f"{name}.json"
    if not name or not path.exists():
        raise ValueError(_("Unknown tier preset “%(name)s”; known: %(known)s")
                         % {"name": name, "known": ", ".join(preset_names())})
    return json.loads(path.read_text(encoding="utf-8"))


def is_layer_only(name: str) -> bool:
    """True when `name` names layers only (national), which go on top of a full tier set."""
    return all(_read(part).get("layer", False) for part in name.split("+"))


def read_preset(name: str) -> list[dict]:
    """The tiers of a preset, or of presets joined by "+" (three-tier+national), top first."""
    rows = [row for part in name.split("+") for row in _read(part)["tiers"]]
    return sorted(rows, key=lambda row: row["rank"])


def load_preset(tier_model, name: str) -> int:
    """Create or update the preset's tiers; tiers already used by agencies are never removed. Returns rows written.
    A layer alone (national) is refused on an empty registry: it would leave it with no provinces."""
    rows = read_preset(name)
    if is_layer_only(name) and not tier_model.objects.exists():
        raise ValueError(_("The tier preset “%(name)s” goes on top of a tier set: load e.g. three-tier+%(name)s")
                         % {"name": name})
    for row in rows:
        tier_model.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})
    return len(rows)


def tier_matcher(tiers) -> dict[str, object]:
    """Every accepted spelling of each tier, folded: "Xã", "cấp xã", "xa" and "commune" all find the commune tier."""
    names: dict[str, object] = {}
    for tier in tiers:
        spellings = [tier.code, tier.name_vi, tier.name_en, *filter(None, tier.aliases.split("|"))]
        for s in spellings:
            key = fold(s)
            names.setdefault(key, tier)
            names.setdefault(f"cap {key}", tier)
    return names
