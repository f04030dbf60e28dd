"""The inspection's checklist, as data (Circular 26/2014/TT-BKHCN, art. 36): 13 points in two groups for an
on-site inspection, and a short list for the records-only check of the other mandatory agencies."""
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

FILE = Path(__file__).parent / "data" / "circular-26-art36.json"


@dataclass(frozen=True)
class Point:
    code: str
    group: str
    title_vi: str
    title_en: str

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "vi").startswith("en") else self.title_vi

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


@cache
def _data() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8"))


def groups() -> list[dict]:
    return _data()["groups"]


def group_title(code: str) -> str:
    group = next(g for g in groups() if g["code"] == code)
    return group["title_en"] if (get_language() or "vi").startswith("en") else group["title_vi"]


def points() -> list[Point]:
    return [Point(p["code"], p["group"], p["title_vi"], p["title_en"]) for p in _data()["points"]]


def records_points() -> list[Point]:
    return [Point(p["code"], "records", p["title_vi"], p["title_en"]) for p in _data()["records_points"]]


def point(code: str) -> Point | None:
    return next((p for p in [*points(), *records_points()] if p.code == code), None)


def choices() -> list[tuple[str, str]]:
    return [(p.code, str(p)) for p in points()]


def basis() -> str:
    return _data()["basis"]
