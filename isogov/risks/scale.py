"""The rating scale of the register: likelihood × impact, each from 1 to ISOGOV["RISK_SCALE"] [assumed],
banded low / medium / high by the thresholds ISOGOV["RISK_BANDS"] (a rating at or above a threshold is in
that band). Without RISK_BANDS the thresholds follow the scale: a fifth and about half of its largest rating."""
import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LOW, MEDIUM, HIGH = "low", "medium", "high"
BAND_LABELS = {LOW: _("Low"), MEDIUM: _("Medium"), HIGH: _("High")}


def size() -> int:
    return max(2, settings.ISOGOV["RISK_SCALE"])


def validate_on_scale(value: int | None) -> None:
    """A likelihood or impact: from 1 to the scale's size, read when checked (the setting may change)."""
    if value is not None and not 1 <= value <= size():
        raise ValidationError(_("Give a value from 1 to %(top)s.") % {"top": size()}, code="off_scale")


def choices() -> list[tuple[int, str]]:
    return [(i, str(i)) for i in range(1, size() + 1)]


def thresholds() -> dict[str, int]:
    configured = settings.ISOGOV.get("RISK_BANDS")
    if configured:
        return {MEDIUM: int(configured["medium"]), HIGH: int(configured["high"])}
    top = size() ** 2
    return {MEDIUM: math.ceil(top * 0.2), HIGH: math.ceil(top * 0.48)}


def band(rating: int | None) -> str | None:
    if rating is None:
        return None
    limits = thresholds()
    if rating >= limits[HIGH]:
        return HIGH
    if rating >= limits[MEDIUM]:
        return MEDIUM
    return LOW


def band_range(name: str) -> tuple[int, int]:
    """Inclusive (lowest, highest) rating of a band, for filtering in SQL."""
    limits, top = thresholds(), size() ** 2
    if name == HIGH:
        return limits[HIGH], top
    if name == MEDIUM:
        return limits[MEDIUM], limits[HIGH] - 1
    return 1, limits[MEDIUM] - 1
