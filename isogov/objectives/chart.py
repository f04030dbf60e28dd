"""The trend of an objective as an inline SVG line chart with its target line, drawn on the server.

Coordinates are formatted here as plain strings: the templates localise numbers, and "12,5" is not a
coordinate SVG understands.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from isogov.objectives.models import Objective, Unit, format_value

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28
SHORT_LABEL = {"monthly": "{n}", "quarterly": "Q{n}", "yearly": "{year}"}


@dataclass
class Point:
    x: str
    y: str
    label: str
    value: str
    achieved: bool


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    points: list[Point] = field(default_factory=list)
    polyline: str = ""
    target_y: str = ""
    target_label: str = ""
    x_labels: list[tuple[str, str]] = field(default_factory=list)  # (x, label)
    y_ticks: list[tuple[str, str]] = field(default_factory=list)  # (y, label)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM


def _num(value: float) -> str:
    return f"{value:.1f}"


def line_chart(objective: Objective, values: dict[int, Decimal]) -> Chart:
    """`values`: period index → value, for the periods measured."""
    n = objective.periods_per_year
    chart = Chart()
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    target = float(objective.target)
    numbers = [float(v) for v in values.values()] + [target]
    low, high = min(numbers), max(numbers)
    pad = (high - low) * 0.15 or max(abs(high) * 0.1, 1.0)
    low, high = max(0.0, low - pad), high + pad
    if objective.unit == Unit.PERCENT:
        high = min(high, 100.0) if max(numbers) < 100 else 100.0
        if high <= low:
            low = max(0.0, high - 10)

    def x_of(index: int) -> float:
        return LEFT + (span_x / 2 if n == 1 else span_x * (index - 1) / (n - 1))

    def y_of(value: float) -> float:
        return TOP + span_y * (1 - (value - low) / (high - low))

    template = SHORT_LABEL[objective.period]
    chart.x_labels = [(_num(x_of(i)), template.format(n=i, year=objective.year)) for i in range(1, n + 1)]
    for k in range(5):
        value = low + (high - low) * k / 4
        chart.y_ticks.append((_num(y_of(value)), format_value(Decimal(str(round(value, 1))), "")))
    chart.target_y = _num(y_of(target))
    chart.target_label = objective.target_display
    for index in sorted(values):
        value = values[index]
        chart.points.append(Point(_num(x_of(index)), _num(y_of(float(value))),
                                  template.format(n=index, year=objective.year),
                                  format_value(value, objective.unit), objective.meets(value)))
    chart.polyline = " ".join(f"{p.x},{p.y}" for p in chart.points)
    return chart
