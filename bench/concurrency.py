"""Load test: 50 people log in at once and then write at once, against a real server.

Run with `.venv/bin/python bench/concurrency.py` (SQLite, the embedded default) or with
`--postgres postgres://user@host:port/db` (a fresh database is created next to `db` and dropped afterwards).
It migrates a fresh database in a temporary directory, creates agencies and one ISO secretary per person,
starts `django-admin runserver --noreload` (threaded, as `make run` serves) and fires four rounds, each
released at once by a barrier:

1. every person logs in;
2. every person creates a document with a code of their own (every one must be there afterwards);
3. the people of each agency (five per agency) create a document with the same code at the same moment
   (one per agency must win, the others must get the form's error);
4. every person logs in again in a new session, half of them with a wrong password (axes records those).

It prints the answers' status codes and times, checks the rows written, counts tracebacks in the server's
log, and exits non-zero on any 500, any request without an answer, or any lost or duplicated write.
"""
import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-a-long-passphrase-2025"
PER_AGENCY = 5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres(url: str) -> tuple[str, callable]:
    """A new database on the server of `url`, and a function that drops it."""
    import psycopg

    name = f"isogov_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(url)

    def drop():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), drop


def seed(people: int) -> list[tuple[str, str]]:
    """Agencies and their secretaries; (username, agency code) per person."""
    from django.contrib.auth.hashers import make_password

    from isogov.accounts.models import Role, User
    from isogov.registry.models import AgencyKind, Tier
    from isogov.registry.services import agency_create

    tier = Tier.objects.order_by("-rank").first()
    hashed = make_password(PASSWORD)
    agencies = [agency_create(actor=None, code=f"9{n:04d}", name=f"Xã thử tải {n}", tier=tier,
                              kind=AgencyKind.COMMUNE_COMMITTEE) for n in range((people + PER_AGENCY - 1) // PER_AGENCY)]
    users = [User(username=f"tai{i:03d}", password=hashed, role=Role.SECRETARY, agency=agencies[i // PER_AGENCY],
                  full_name=f"Người thử tải {i}") for i in range(people)]
    User.objects.bulk_create(users)
    return [(u.username, agencies[i // PER_AGENCY].code) for i, u in enumerate(users)]


def peak_memory(pid: int) -> str:
    """The server process's peak resident memory (Linux), e.g. "412 MiB"."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return f"{int(line.split()[1]) // 1024} MiB"
    except OSError:
        pass
    return "unknown"


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not start; see {log}")


def document(visitor, agency: str, code: str, title: str):
    return lambda: visitor.write(f"/agencies/{agency}/documents/new/", {
        "code": code, "title": title, "kind": "procedure", "owner_name": "Văn phòng"})


def run_rounds(base: str, people: list[tuple[str, str]]) -> tuple[list, list[str]]:
    from load import Visitor, at_once
    from isogov.documents.models import Document

    problems: list[str] = []
    visitors = [Visitor(base) for _ in people]
    for v in visitors:
        v.open_login()
    rounds = [at_once(f"{len(people)} logins",
                      [lambda v=v, u=u: v.login(u, PASSWORD) for v, (u, _a) in zip(visitors, people)])]
    rounds.append(at_once(f"{len(people)} documents, one each", [
        document(v, a, f"TAI-{u}", f"Quy trình của {u}") for v, (u, a) in zip(visitors, people)]))
    rounds.append(at_once(f"{len(people)} documents, {PER_AGENCY} per agency, same code", [
        document(v, a, "TRUNG-01", f"Tài liệu trùng mã của {u}") for v, (u, a) in zip(visitors, people)]))
    fresh = [Visitor(base) for _ in people]
    for v in fresh:
        v.open_login()
    rounds.append(at_once(f"{len(people)} logins, half with a wrong password", [
        lambda v=v, u=u, i=i: v.login(u, PASSWORD if i % 2 else "wrong-password-0000")
        for i, (v, (u, _a)) in enumerate(zip(fresh, people))]))

    agencies = sorted({a for _u, a in people})
    expected = [({"302": len(people)}, rounds[0]), ({"302": len(people)}, rounds[1]),
                ({"302": len(agencies), "400": len(people) - len(agencies)}, rounds[2]),
                ({"302": len(people) // 2, "200": len(people) - len(people) // 2}, rounds[3])]
    for want, got in expected:
        if dict(got.statuses) != want:
            problems.append(f"{got.name}: expected {want}, got {dict(got.statuses)}")
    errors = [e for v in visitors + fresh for e in v.errors]
    if errors:
        problems.append(f"{len(errors)} requests without an answer, e.g. {errors[:3]}")
    own = Document.objects.filter(code__startswith="TAI-").count()
    if own != len(people):
        problems.append(f"documents written one each: {own} of {len(people)} are in the database")
    shared = list(Document.objects.filter(code="TRUNG-01").values_list("agency__code", flat=True))
    if sorted(shared) != agencies:
        problems.append(f"same-code documents: {len(shared)} in the database for {len(agencies)} agencies")
    return rounds, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to use instead of SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (server.log)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="isogov-concurrency-"))
    drop = None
    env = {**os.environ, "ISOGOV_VAR_DIR": str(work), "MEDIA_ROOT": str(work / "media"), "DEBUG": "0",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "DJANGO_SETTINGS_MODULE": "isogov.settings", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"], drop = fresh_postgres(args.postgres)
    os.environ.clear()
    os.environ.update(env)
    server = None
    try:
        import django
        from django.core.management import call_command
        from django.db import connection, connections

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        people = seed(args.people)
        from django.contrib.auth.hashers import make_password

        hashing = time.perf_counter()
        make_password(PASSWORD)
        hashing = time.perf_counter() - hashing
        database = (f"SQLite {connection.Database.sqlite_version} (WAL)" if connection.vendor == "sqlite" else
                    "PostgreSQL {0}.{1}".format(*divmod(connection.cursor().connection.info.server_version, 10000)))
        connections.close_all()
        port, log = free_port(), work / "server.log"
        server = start_server(env, port, log)
        started = time.perf_counter()
        rounds, problems = run_rounds(f"http://127.0.0.1:{port}", people)
        elapsed = time.perf_counter() - started
        peak = peak_memory(server.pid)
        server.terminate()
        server.wait(10)
        text = log.read_text(errors="replace")
        tracebacks = text.count("Traceback (most recent call last)")
        if tracebacks:
            last = text.rindex("Traceback")
            problems.append(f"{tracebacks} tracebacks in the server log; the last one ends with: "
                            + text[last:].split("\n\n")[-1][:500])
        print(f"isogov concurrency bench: {len(people)} people, {database}, runserver (threaded), "
              f"{os.cpu_count()} CPUs; one Argon2 hash alone takes {hashing:.2f} s here")
        for r in rounds:
            print("  " + r.line())
        print(f"  all rounds {elapsed:.1f} s; server's peak memory {peak}; tracebacks in the server log: {tracebacks}")
        for p in problems:
            print("PROBLEM: " + p)
        print("OK: no 500, no request unanswered, no write lost" if not problems else "FAIL")
        return 1 if problems else 0
    finally:
        if server is not None and server.poll() is None:
            server.kill()
        if drop is not None:
            from django.db import connections

            connections.close_all()
            drop()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
