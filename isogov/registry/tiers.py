"""Tier sets are data files, so the two-tier shape of 1 July 2025 is a setting, not a code change."""
import json
from pathlib import Path

from django.utils.translation import gettext as _

from isogov.core.text import fold

PRESET_DIR = Path(__file__).parent / "data" / "tiers"


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.json"))


def read_preset(name: str) -> list[dict]:
    path = PRESET_DIR / f"{name}.json"
    if not path.exists():
        raise ValueError(_("Unknown tier preset “%(name)s”; known: %(known)s")
                         % {"name": name, "known": ", ".join(preset_names())})
    return json.loads(path.read_text(encoding="utf-8"))["tiers"]


def load_preset(tier_model, name: str) -> int:
    """Create or update the preset's tiers; tiers already used by agencies are never removed. Returns rows written."""
    rows = read_preset(name)
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
