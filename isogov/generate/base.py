"""The generator's shared state: one seeded random source, a fixed "today", batched inserts and the trail.

Services are not used: at 10,000 agencies they would take hours. Every derived field the services keep
(paths, search texts, legal due dates, numbering, objective results) is computed the same way here.
"""
import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils import timezone

from isogov.audit.models import Action, AuditEvent
from isogov.audit.services import object_name

BATCH = 2000
COLUMNS = ("at", "actor", "actor_name", "action", "object_type", "object_id", "object_repr", "agency", "changes",
           "note")


@dataclass
class Context:
    rng: random.Random
    today: dt.date
    years: list[int]
    counts: dict[str, int] = field(default_factory=dict)
    trail: list[AuditEvent] = field(default_factory=list)
    lead_user: object = None
    secretaries: dict[int, object] = field(default_factory=dict)  # agency id -> user

    def day(self, back_from: int, back_to: int = 0) -> dt.date:
        """A day between `back_from` and `back_to` days before today."""
        return self.today - dt.timedelta(days=self.rng.randint(back_to, back_from))

    def moment(self, day: dt.date) -> dt.datetime:
        # Office hours; today's records just after midnight, so that hardly any lies ahead of the clock.
        hour, minute = (self.rng.randint(7, 16) if day < self.today else 0), self.rng.randint(0, 59)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    def save(self, model: type[models.Model], objs: list, *, trail_of=None) -> list:
        """bulk_create in batches; `trail_of(obj) -> (agency_id, actor, day)` adds a create event per row."""
        if not objs:
            return objs
        for start in range(0, len(objs), BATCH):
            model.objects.bulk_create(objs[start:start + BATCH], batch_size=BATCH)
        label = model._meta.label_lower
        self.counts[label] = self.counts.get(label, 0) + len(objs)
        if trail_of is not None:
            for obj in objs:
                agency_id, actor, day = trail_of(obj)
                self.trail.append(AuditEvent(
                    at=self.moment(day), actor=actor, actor_name=str(actor) if actor else "", action=Action.CREATE,
                    object_type=label, object_id=str(obj.pk), object_repr=object_name(obj), agency_id=agency_id))
        return objs

    def flush_trail(self) -> None:
        """The trail is half of all rows: written by executemany, each value prepared as its field prepares it
        (what bulk_create does, without building its statement per batch), which halves the generator's time."""
        events, self.trail = self.trail, []
        if not events:
            return
        fields = [AuditEvent._meta.get_field(name) for name in COLUMNS]
        changes = fields[-2].get_db_prep_save({}, connection)
        at = fields[0]
        rows = [(at.get_db_prep_save(e.at, connection), e.actor_id, e.actor_name, e.action, e.object_type,
                 e.object_id, e.object_repr, e.agency_id, changes, "") for e in events]
        sql = (f"INSERT INTO {AuditEvent._meta.db_table} ({', '.join(f.column for f in fields)}) "
               f"VALUES ({', '.join(['%s'] * len(fields))})")
        with connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start:start + BATCH])
        label = AuditEvent._meta.label_lower
        self.counts[label] = self.counts.get(label, 0) + len(rows)
