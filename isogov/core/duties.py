"""A dated duty of an agency: the one shape every area hands to the home page (and to reminders, issue 11).

Each area that has due dates provides `isogov/<area>/duties.py` with
`duties(*, agency_ids: Collection[int] | None, today: date) -> list[Duty]` (None: every agency), issuing a fixed
number of queries whatever the number of agencies or rows, and computing each date with the area's own rule.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Who acts on a duty: the accounts' roles (accounts.Role values), named here as text so that core imports nothing.
HEAD, SECRETARY, ADMIN, INSPECTOR = "head", "secretary", "admin", "inspector"


@dataclass(frozen=True)
class Duty:
    key: str  # stable across runs, e.g. "documents.approve:123": a reminder is sent once per key
    kind: str  # e.g. "documents.approve"
    agency_id: int
    title: str
    due: dt.date | None  # None: to be done now, no deadline of its own
    url: str
    actor: str  # the role that acts: "head", "secretary", "admin", "inspector"

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


def agency_filter(agency_ids, field: str = "agency_id") -> dict:
    """The keyword filter of an area's query: every agency when `agency_ids` is None."""
    return {} if agency_ids is None else {f"{field}__in": list(agency_ids)}


class UrlTemplates:
    """Links for many rows without resolving the URL configuration once per row."""

    def __init__(self):
        self._templates: dict[str, str] = {}

    def __call__(self, name: str, *args) -> str:
        from django.urls import reverse

        if name not in self._templates:
            # Digits fit every path converter (str and int alike) and no real code or id is this long.
            self._templates[name] = reverse(name, args=[self._mark(i) for i in range(len(args))])
        url = self._templates[name]
        for i, arg in enumerate(args):
            url = url.replace(self._mark(i), str(arg), 1)
        return url

    @staticmethod
    def _mark(i: int) -> str:
        return f"9876543210{i}"
