"""After the load: every acknowledged write is in the database once. `python bench/load/check.py RUN ACKS.jsonl`

Reads the acknowledgement log the locustfile wrote (marks.AckLog) and the database the server wrote to, and
reports per kind of write:

- lost: acknowledged (2xx, or a 302 not to the login page) but its marker is nowhere in the database;
- duplicated: its marker is on more than one row (a write applied twice);
- unacknowledged: in the database but not acknowledged (the client gave up or was answered an error after the
  commit): not a loss, but shown, since the load expects every write to be answered;
- for measurements, whose row is rewritten when its period is measured again, each write is found by its
  audit event (written in the same transaction), and each period's row must hold the last acknowledged value;
- for exports, the background job must have run to the end (the worker's part).

Exits 1 when anything is lost, duplicated, stale or unfinished. The suite's test (isogov/core/tests/
test_load_check.py) deletes a written row and checks that this notices.
"""
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from marks import KINDS, MARKER, Ack, read_acks  # noqa: E402


def _markers(texts) -> Counter:
    found = Counter()
    for text in texts:
        found.update(MARKER.findall(str(text)))
    return found


def _written_note(changes: dict) -> str:
    """The note a measurement's audit event wrote: the value of a create, the new side of an update's pair (its
    old side is the previous write's marker)."""
    note = changes.get("note", "")
    return str(note[1] if isinstance(note, list) else note)


def found_in_database(run: str) -> dict[str, Counter]:
    """For each kind of write, how many rows (or audit events) carry each of this run's markers."""
    from isogov.accounts.models import ApiToken
    from isogov.audit.models import AuditEvent
    from isogov.capa.models import Nonconformity
    from isogov.documents.models import Document
    from isogov.jobs.models import Job
    from isogov.objectives.models import Measurement
    from isogov.risks.models import Risk

    prefix = f"LT{run}-"
    events = AuditEvent.objects.filter(object_type=Measurement._meta.label_lower, changes__icontains=prefix)
    return {
        "risk": _markers(Risk.objects.filter(description__contains=prefix).values_list("description", flat=True)),
        "nonconformity": _markers(Nonconformity.objects.filter(description__contains=prefix)
                                  .values_list("description", flat=True)),
        "document": _markers(Document.objects.filter(code__startswith=prefix).values_list("code", flat=True)),
        # One audit event per write, created or updated: the row itself keeps only the period's last value.
        "measurement": _markers(_written_note(changes) for changes in events.values_list("changes", flat=True)),
        "token": _markers(ApiToken.objects.filter(name__startswith=prefix).values_list("name", flat=True)),
        "export": _markers(Job.objects.filter(params__query__icontains=prefix).values_list("params", flat=True)),
    }


def measurement_rows(run: str) -> dict[tuple[int, int], str]:
    """(objective id, period) → the marker in the row's note, for the rows this run wrote last."""
    from isogov.objectives.models import Measurement

    rows = Measurement.objects.filter(note__contains=f"LT{run}-").values_list("objective_id", "period_index", "note")
    return {(o, p): (MARKER.findall(note) or [""])[0] for o, p, note in rows}


def unfinished_exports(run: str) -> list[str]:
    from isogov.jobs.models import Job, Status

    jobs = Job.objects.filter(params__query__icontains=f"LT{run}-").exclude(status=Status.DONE)
    return [f"{j.pk} {j.status} {j.error[:200]}" for j in jobs]


@dataclass
class Report:
    acknowledged: Counter = field(default_factory=Counter)
    lost: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    duplicated: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unacknowledged: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    stale: list[str] = field(default_factory=list)  # measurement periods not holding their last write
    unfinished: list[str] = field(default_factory=list)  # export jobs the worker did not finish

    @property
    def ok(self) -> bool:
        return not (any(self.lost.values()) or any(self.duplicated.values()) or self.stale or self.unfinished)

    def lines(self) -> list[str]:
        out = []
        for kind in KINDS:
            lost, dup, extra = len(self.lost[kind]), len(self.duplicated[kind]), len(self.unacknowledged[kind])
            out.append(f"  {kind:<14} acknowledged {self.acknowledged[kind]:>5}   lost {lost:>3}   "
                       f"duplicated {dup:>3}   unacknowledged {extra:>3}")
        total = sum(self.acknowledged.values())
        lost = sum(len(v) for v in self.lost.values())
        dup = sum(len(v) for v in self.duplicated.values())
        out.append(f"  {'all writes':<14} acknowledged {total:>5}   lost {lost:>3}   duplicated {dup:>3}")
        for kind in KINDS:
            if self.lost[kind]:
                out.append(f"LOST {kind}: {', '.join(self.lost[kind][:10])}")
            if self.duplicated[kind]:
                out.append(f"DUPLICATED {kind}: {', '.join(self.duplicated[kind][:10])}")
        out += [f"STALE measurement: {s}" for s in self.stale[:10]]
        out += [f"UNFINISHED export job: {s}" for s in self.unfinished[:10]]
        return out


def verify(acks: list[Ack], found: dict[str, Counter], rows: dict[tuple[int, int], str] | None = None,
           unfinished: list[str] | None = None) -> Report:
    """Compare the acknowledgements with what the database holds (pure: the queries are the callers')."""
    report = Report(unfinished=list(unfinished or []))
    acked: dict[str, set[str]] = defaultdict(set)
    last: dict[tuple[int, int], str] = {}
    for ack in acks:
        report.acknowledged[ack.kind] += 1
        if ack.marker in acked[ack.kind]:
            raise ValueError(f"one marker acknowledged twice: {ack.marker} (the load reused a marker)")
        acked[ack.kind].add(ack.marker)
        if ack.kind == "measurement":
            last[(ack.extra["objective"], ack.extra["period"])] = ack.marker
    for kind in KINDS:
        counts = found.get(kind, Counter())
        report.lost[kind] = sorted(m for m in acked[kind] if counts[m] == 0)
        report.duplicated[kind] = sorted(m for m, n in counts.items() if n > 1)
        report.unacknowledged[kind] = sorted(m for m in counts if m not in acked[kind])
    if rows is not None:
        for key, want in sorted(last.items()):
            if rows.get(key) != want:
                report.stale.append(f"objective {key[0]} period {key[1]}: row holds {rows.get(key) or 'nothing'}, "
                                    f"last acknowledged {want}")
    return report


def check(run: str, acks_path: Path) -> Report:
    return verify(read_acks(acks_path), found_in_database(run), measurement_rows(run), unfinished_exports(run))


def main() -> int:
    sys.path.insert(0, str(HERE.parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    import django

    django.setup()
    report = check(sys.argv[1], Path(sys.argv[2]))
    print("\n".join(report.lines()))
    print("writes: OK, none lost or duplicated" if report.ok else "writes: FAIL")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
