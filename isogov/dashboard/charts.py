"""The charts' data, handed to the page as a JSON data block (json_script) that static/dashboard/dashboard.js draws
with Chart.js. Each bar carries its text (the number as the page writes it, drawn on the bar) and, for a count of
agencies, the link to them; each dataset names a fill pattern, so that no series is told apart by colour alone.
The same numbers are in the page's tables, which are what a reader without script sees."""
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from isogov.dashboard.dated import figure_label
from isogov.programme.money import format_dong

# Colour and pattern per series; the colours are the site's (isogov.css) and readable in grey print too.
STYLES = {
    "announced": ("#067647", "solid"),
    "building": ("#b54708", "stripes"),
    "not_started": ("#667085", "dots"),
    "maintaining": ("#0b5cad", "stripes"),
    "money": ("#0b5cad", "solid"),
    "spent": ("#067647", "stripes"),
    "score": ("#0b5cad", "solid"),
}


def _pct(value: Decimal | int | None) -> str:
    return "—" if value is None else f"{number_format(value, decimal_pos=0 if isinstance(value, int) else 1)} %"


def _dataset(label, style, values, texts, urls=None) -> dict:
    colour, pattern = STYLES[style]
    return {"label": str(label), "colour": colour, "pattern": pattern,
            "data": [float(v) if v is not None else None for v in values], "texts": texts, "urls": urls or []}


def _states(f) -> dict:
    rows = f.tiers
    return {
        "title": _("Agencies by tier and QMS state"), "stacked": True, "unit": "",
        "labels": [r.name for r in rows],
        "datasets": [_dataset(figure_label(key), key, [getattr(r, key) for r in rows],
                              [str(getattr(r, key)) for r in rows], [r.urls[key] for r in rows])
                     for key in ("announced", "building", "not_started")],
    }


def _rates(f) -> dict:
    rows = [*f.tiers, f.total]
    labels = [r.name for r in f.tiers] + [_("Province")]
    return {
        "title": _("Announced and maintaining, in %% of the agencies that must apply (target: %(target)s)")
        % {"target": "100 %"},
        "stacked": False, "unit": "%", "max": 100,
        "labels": labels,
        "datasets": [
            _dataset(_("Announced"), "announced", [r.announced_rate for r in rows],
                     [_pct(r.announced_rate) for r in rows], [r.urls["announced_must"] for r in rows]),
            _dataset(_("Maintaining"), "maintaining", [r.maintaining_rate for r in rows],
                     [_pct(r.maintaining_rate) for r in rows], [r.urls["maintaining_must"] for r in rows]),
        ],
    }


def _budget(f) -> dict:
    b = f.budget
    labels = [_("Estimate"), _("Allocated"), _("Disbursed")]
    values = [b.estimate, b.allocated, b.disbursed]
    return {
        "title": _("Budget %(year)s: disbursed up to %(date)s (đồng)") % {
            "year": f.as_of.year, "date": f.as_of.strftime("%d/%m/%Y")}, "stacked": False, "unit": "đ",
        "labels": labels,
        "datasets": [_dataset(_("đồng"), "money", values, [f"{format_dong(v)} đ" for v in values])],
    }


def _score(f) -> dict:
    rows = f.score.tiers + ([f.score.province] if f.score.province else [])
    labels = [r.name for r in f.score.tiers] + ([_("Province")] if f.score.province else [])
    return {
        "title": _("Administrative reform score, ISO component, %(year)s (%% of the points)") % {"year": f.score.year},
        "stacked": False, "unit": "%", "max": 100, "labels": labels,
        "datasets": [_dataset(_("Score"), "score", [r.percent for r in rows], [_pct(r.percent) for r in rows])],
    }


def chart_data(figures) -> dict:
    data = {"states": _states(figures), "rates": _rates(figures)}
    if figures.budget.plans:
        data["budget"] = _budget(figures)
    if figures.score.tiers:
        data["score"] = _score(figures)
    return data
