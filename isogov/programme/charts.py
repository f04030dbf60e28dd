"""Geometry for the inline SVG charts, computed here so that templates only place ready-made numbers.

Coordinates are strings ("%.1f") on purpose: the pages localise numbers ("12,5" in Vietnamese),
which an SVG attribute would not understand.
"""
import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.core.dates import add_days, add_months
from isogov.programme.models import Activity, Plan
from isogov.programme.money import format_dong

LABEL_W, CHART_W, ROW_H, TOP = 300, 680, 26, 34


def _f(x: float) -> str:
    return f"{x:.1f}"


def _ticks(start: dt.date, end: dt.date, x_of) -> list[dict]:
    ticks = []
    monthly = (end - start).days <= 800
    # About twenty yearly labels at most: a date stored before dates were checked may lie in year 1 or 9999.
    every = max(1, (end.year - start.year) // 20)
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start and (monthly or (day.month == 1 and day.year % every == 0)):
            label = day.strftime("%m/%Y") if monthly else str(day.year)
            ticks.append({"x": _f(x_of(day)), "label": label, "major": day.month == 1})
        if day.year == dt.MAXYEAR and (day.month == 12 or not monthly):
            break
        day = add_months(day, 1) if monthly else dt.date(day.year + 1, 1, 1)
    return ticks


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline(*, plan: Plan, activities: list[Activity], today: dt.date) -> dict:
    """A Gantt-like chart: one bar per activity, its progress filled in, and today's line."""
    start = min([dt.date(plan.start_year, 1, 1)] + [a.start_date for a in activities])
    end = max([dt.date(plan.end_year, 12, 31)] + [a.end_date for a in activities])
    span = (end - start).days + 1

    def x_of(day: dt.date) -> float:
        return LABEL_W + CHART_W * (day - start).days / span

    bars = []
    for i, a in enumerate(activities):
        x0, x1 = x_of(a.start_date), x_of(add_days(a.end_date, 1))
        width = max(x1 - x0, 3.0)
        y = TOP + i * ROW_H
        bars.append({
            "activity": a, "x": _f(x0), "y": _f(y + 5), "w": _f(width), "h": _f(ROW_H - 10),
            "done_w": _f(width * a.progress / 100), "label_y": _f(y + ROW_H / 2 + 4),
            "label": _short(f"({a.number}) {a.title}", 42),
            "css": "late" if getattr(a, "overdue", False) else a.status,
            "title": _("%(title)s: %(start)s–%(end)s, %(progress)s%%") % {
                "title": a.title, "start": a.start_date.strftime("%d/%m/%Y"),
                "end": a.end_date.strftime("%d/%m/%Y"), "progress": a.progress},
        })
    height = TOP + max(len(activities), 1) * ROW_H + 8
    today_x = _f(x_of(today)) if start <= today <= end else None
    return {"width": str(LABEL_W + CHART_W + 10), "height": str(height), "bars": bars,
            "ticks": _ticks(start, end, x_of),
            "today_x": today_x, "today": today, "chart_x": str(LABEL_W), "chart_right": str(LABEL_W + CHART_W),
            "grid_bottom": str(height - 4)}


BAR_LABELS = {"estimate": gettext_lazy("Estimate"), "allocated": gettext_lazy("Allocated"),
              "committed": gettext_lazy("Committed"), "disbursed": gettext_lazy("Disbursed")}


def budget_bars(figures: dict[str, int]) -> dict:
    """Horizontal bars for estimate / allocated / committed / disbursed, on one scale."""
    label_w, bar_w, row_h = 110, 330, 30
    top = max(max(figures.values(), default=0), 1)
    rows = []
    for i, key in enumerate(("estimate", "allocated", "committed", "disbursed")):
        value = figures.get(key, 0)
        rows.append({"key": key, "label": str(BAR_LABELS[key]), "value": format_dong(value),
                     "y": _f(8 + i * row_h), "w": _f(max(bar_w * value / top, 0 if not value else 1.5)),
                     "text_y": _f(8 + i * row_h + 15), "text_x": _f(label_w + bar_w * value / top + 6)})
    return {"width": str(label_w + bar_w + 140), "height": str(8 + 4 * row_h), "x": str(label_w), "rows": rows}

