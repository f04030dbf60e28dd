"""Is every record of the demo dated where it belongs in the story? Used by the demo's tests.

A record belongs to an agency through a foreign key to it (or to a model that has one, such as a
document's version). Each of its dates must lie inside the agency's life (active_from..ended_on); nothing
that happened is dated after today. (The programme sits above this package: the demo's tests check that
activities and payments lie inside their plan's period.) Dates that look
ahead (a due date, a planned audit, the next review) may be after today but not after the agency's end.
"""
import datetime as dt
from collections import Counter

from django.apps import apps
from django.db import models
from django.utils import timezone

from isogov.registry.models import Agency

# Dates a person sets for the future: allowed after today, still inside the agency's life.
AHEAD = {"due_date", "due_on", "planned_on", "review_date", "next_review", "next_review_on", "end_date",
         "start_date", "period_end", "valid_until", "expires_on", "deadline", "legal_due_on"}
# A planned review is dated on the day it is planned for.
AHEAD_IN = {("reviews.Review", "date")}
# Dates of a law, not of the agency: a national text took effect (and set its deadline) before a commune
# formed in 2025 began; the commune's own date is when it brought the text in (incorporated_on).
LAW_DATES = {("documents.Document", "legal_effective_on"), ("documents.Document", "legal_due_on"),
             ("documents.Version", "effective_on")}
# An account's agency is where its holder works today; the account itself is older (the demo secretary and
# head worked for district 844 before 1 July 2025).
SKIPPED = {"accounts.User"}
# Kept by the machinery, not by the story: when the row was written (checked against today only).
WRITTEN = {"created_at", "updated_at", "uploaded_at"}


def _agency_path(model) -> str | None:
    """The lookup from `model` to its agency: "agency", or one hop further ("document__agency")."""
    fks = [f for f in model._meta.get_fields() if isinstance(f, models.ForeignKey)]
    for f in fks:
        if f.related_model is Agency and f.name == "agency":
            return "agency"
    for f in fks:
        if f.related_model is not Agency and f.related_model is not model and any(
                g.name == "agency" and g.related_model is Agency for g in f.related_model._meta.get_fields()
                if isinstance(g, models.ForeignKey)):
            return f"{f.name}__agency"
    return None


def _day(value) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def misdated(today: dt.date) -> Counter:
    """(model label, field, problem) -> count of records dated outside the story."""
    found: Counter = Counter()
    for model in apps.get_models():
        if model is Agency or not model.__module__.startswith("isogov.") or model._meta.label in SKIPPED:
            continue
        path = _agency_path(model)
        dates = [f.name for f in model._meta.get_fields()
                 if isinstance(f, (models.DateField, models.DateTimeField)) and f.concrete]
        if path is None or not dates:
            continue
        rows = model.objects.values_list(f"{path}__active_from", f"{path}__ended_on", *dates)
        for start, end, *values in rows.iterator(chunk_size=5000):
            for name, value in zip(dates, values):
                if value is None:
                    continue
                day, key = _day(value), (model._meta.label, name)
                if name not in AHEAD and key not in AHEAD_IN and day > today:
                    found[(*key, "after today")] += 1
                if name in WRITTEN or key in LAW_DATES:
                    continue
                if start and day < start:
                    found[(*key, "before the agency began")] += 1
                # The trail records a merger on the day it took effect, the day after the old unit's last.
                if end and day > end + dt.timedelta(days=key == ("audit.AuditEvent", "at")):
                    found[(*key, "after the agency ended")] += 1
    return found

