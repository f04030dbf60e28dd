"""What the load test's three parts share: the write markers, the log of acknowledged writes, the request groups.

The locustfile (the load), check.py (the database afterwards) and run.py (the summary) import it; it imports
neither locust nor Django, so the test suite can use it without either's side effects.

Every write the load makes carries a marker of its own, `LT<run>-<person>-<n>`, in a field the checker reads
back (a risk's or a nonconformity's description, a document's code, a measurement's note, a token's name, an
export job's query). Each write the server acknowledged (2xx, or a 302 that is not to the login page) is
appended to the acknowledgement log, one JSON object a line, before the next request: a write is lost when its
marker is in the log and not in the database.
"""
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

# The kinds of write, each with the field its marker goes in (check.py reads them back).
KINDS = ("risk", "nonconformity", "document", "measurement", "token", "export")
MARKER = re.compile(r"LT[0-9a-f]{6}-\d{2}-\d{4}")

# Request names start with their group (`group: what`); the summary gives percentiles per group.
GROUPS = {
    "login": "log in (GET the form, POST it)",
    "page": "pages (GET)",
    "api": "API lists and records (GET)",
    "form": "writes through forms (GET the form, POST it)",
    "api-write": "writes through the API (POST)",
}


def marker(run: str, person: int, n: int) -> str:
    return f"LT{run}-{person:02d}-{n:04d}"


def group_of(name: str) -> str:
    return name.split(":", 1)[0]


@dataclass
class Ack:
    """One acknowledged write: what it was, its marker, the answer, and where it went."""

    kind: str
    marker: str
    status: int
    username: str
    agency: str = ""
    extra: dict = field(default_factory=dict)  # a measurement's objective and period, a job's id

    def line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


class AckLog:
    """Appended to as the load runs; flushed each line, so a crash of the load loses no acknowledgement."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("a", encoding="utf-8")

    def add(self, ack: Ack) -> None:
        if ack.kind not in KINDS or not MARKER.fullmatch(ack.marker):
            raise ValueError(f"not a write the checker knows: {ack}")
        self.handle.write(ack.line() + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def read_acks(path: Path) -> list[Ack]:
    path = Path(path)
    if not path.exists():
        return []
    return [Ack(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
