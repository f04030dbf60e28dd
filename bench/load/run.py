"""The load test, start to end: `make load` (SQLite) or `make load-pg` (a throwaway PostgreSQL, bench/pg.sh).

1. A fresh database: without DATABASE_URL a SQLite file (WAL, as settings.py configures it) in a new folder
   under var/load/; with it, a new database beside the one named, dropped at the end. Migrated, then the demo
   (`isogov demo`, two-tier, as `make run`), then the fifty people (prepare.py).
2. gunicorn as deployed (deploy/systemd/isogov-web.service: LOAD_WORKERS=2 processes of LOAD_THREADS=4 threads,
   DEBUG off) and the background worker (`isogov worker`).
3. locust, headless: LOAD_USERS=50 people, LOAD_SPAWN_RATE=10 a second, for LOAD_SECONDS=60 (locustfile.py),
   with its CSV and JSON statistics in the run's folder.
4. Once the export jobs asked for are done (at most 120 s), gunicorn and the worker are stopped; then every
   acknowledged write is looked for in the database (check.py) and the servers' logs for tracebacks.
5. The summary: p50/p95/p99 per group of requests and overall, requests a second, failures, lost and
   duplicated writes, the machine's load average during the run; written to summary.txt and summary.json too.

Exits 1 on any failed request, lost or duplicated write, unfinished job or traceback in the servers' logs.
LOAD_DEMO_FROM saves loading the demo again (2–8 minutes here) when trying the load out: on SQLite a folder holding
a demo's isogov.sqlite3 and media/ (e.g. a run's kept with LOAD_KEEP=1, before prepare.py ran there), on
PostgreSQL the name of a database on the same server holding the demo, copied as a template. LOAD_KEEP=1 keeps
the SQLite database and uploads in the run's folder afterwards.
"""
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from marks import GROUPS, group_of, read_acks  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS", "50"))
SPAWN_RATE = int(os.environ.get("LOAD_SPAWN_RATE", "10"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "2"))
THREADS = int(os.environ.get("LOAD_THREADS", "4"))
JOB_WAIT_SECONDS = 120
# In production nginx holds the browsers' connections (keepalive_timeout 75 s by default) and gunicorn sees only
# nginx's. Here locust talks to gunicorn directly, so gunicorn stands in for nginx's side: with its own default
# (2 s), a connection left idle through a 1-3 s pause was closed just as the person sent the next request on it
# (a reset, no answer: the write never reached the server). Browsers and nginx keep connections longer.
KEEP_ALIVE_SECONDS = 75
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def fresh_postgres(url: str, template: str = "") -> tuple[str, callable]:
    """A new database on the server of `url` (a copy of `template` when named), and the function that drops it."""
    import psycopg

    name = f"isogov_load_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))

    def drop():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}")), drop


def manage(env: dict, *args: str, log: Path) -> float:
    started = time.perf_counter()
    with log.open("ab") as out:
        done = subprocess.run([sys.executable, "-m", "django", *args], cwd=ROOT, env=env, stdout=out,
                              stderr=subprocess.STDOUT)
    if done.returncode:
        raise SystemExit(f"`{' '.join(args)}` failed; see {log}")
    return time.perf_counter() - started


def wait_for(url: str, seconds: float, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped at start; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url}; see {log}")


def stop(proc: subprocess.Popen | None, seconds: float = 30) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class LoadSampler(threading.Thread):
    """The machine's 1-minute load average every 5 seconds while the load runs (the machine is shared)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            self.samples.append(os.getloadavg()[0])
            self.halt.wait(5)


def cpu_seconds(*procs: subprocess.Popen) -> float:
    """The processor time the servers have used so far (gunicorn's processes and the worker, with their children):
    on a shared machine, what the load cost, whatever share of the processors it was given."""
    import psutil

    total = 0.0
    for proc in procs:
        try:
            root = psutil.Process(proc.pid)
            for p in [root, *root.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
    return total


def percentile(times: dict[int, int], share: float) -> int:
    """As locust computes it: the smallest rounded time at or under which `share` of the requests answered."""
    total = sum(times.values())
    if not total:
        return 0
    above = total - int(total * share)
    seen = 0
    for ms in sorted(times, reverse=True):
        seen += times[ms]
        if seen >= above:
            return ms
    return 0


def merged(entries: list[dict]) -> dict:
    times: dict[int, int] = {}
    for e in entries:
        for ms, n in e["response_times"].items():
            times[int(float(ms))] = times.get(int(float(ms)), 0) + n
    requests = sum(e["num_requests"] for e in entries)
    return {"requests": requests, "failures": sum(e["num_failures"] for e in entries),
            "p50": percentile(times, 0.50), "p95": percentile(times, 0.95), "p99": percentile(times, 0.99),
            "max": round(max((e["max_response_time"] or 0 for e in entries), default=0)),
            "mean": round(sum(e["total_response_time"] for e in entries) / requests) if requests else 0}


def summarise(stats_file: Path) -> dict:
    data = json.loads(stats_file.read_text())
    entries = data["stats"] if isinstance(data, dict) else data
    started = min(e["start_time"] for e in entries)
    ended = max(e["last_request_timestamp"] or e["start_time"] for e in entries)
    groups = {g: merged([e for e in entries if group_of(e["name"]) == g]) for g in GROUPS}
    endpoints = {f"{e['method']} {e['name']}": merged([e]) for e in entries}
    overall = merged(entries)
    overall["per_second"] = round(overall["requests"] / max(ended - started, 1e-9), 1)
    overall["seconds"] = round(ended - started, 1)
    return {"groups": groups, "endpoints": endpoints, "overall": overall}


def exact(values: list[float], share: float) -> int:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share + 0.5) - 1))]) if ordered else 0


def steady(requests_file: Path, users: int) -> dict | None:
    """The same groups counted from the moment every person had logged in (the ramp-up's fifty Argon2 hashes
    hold the server's threads for their first seconds), from the locustfile's own log of every request."""
    lines = [json.loads(line) for line in requests_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    ready = [line["ready"] for line in lines if "ready" in line]
    if len(ready) < users:
        return None
    since = max(ready)
    rows = [line for line in lines if "at" in line and line["at"] >= since]
    if not rows:
        return None
    until = max(r["at"] + r["ms"] / 1000 for r in rows)

    def stats(chosen):
        times = [r["ms"] for r in chosen]
        return {"requests": len(chosen), "failures": sum(r["failed"] for r in chosen), "p50": exact(times, 0.50),
                "p95": exact(times, 0.95), "p99": exact(times, 0.99), "max": round(max(times, default=0)),
                "mean": round(sum(times) / len(times)) if times else 0}
    groups = {g: stats([r for r in rows if group_of(r["name"]) == g]) for g in GROUPS}
    overall = stats(rows)
    overall["seconds"] = round(until - since, 1)
    overall["per_second"] = round(len(rows) / max(until - since, 1e-9), 1)
    return {"groups": groups, "overall": overall, "after_seconds": round(since - min(r["at"] for r in lines
                                                                                     if "at" in r), 1)}


def log_problems(*logs: Path) -> list[str]:
    problems = []
    for log in logs:
        text = log.read_text(errors="replace") if log.exists() else ""
        tracebacks = text.count("Traceback (most recent call last)")
        if tracebacks:
            after = text[text.rindex("Traceback"):].splitlines()[1:]
            error = next((line for line in after if line and not line.startswith(" ")), "?")
            problems.append(f"{tracebacks} tracebacks in {log.name}; the last: {error[:300]}")
        if "database is locked" in text:
            problems.append(f"{log.name}: 'database is locked' {text.count('database is locked')} times")
    return problems


def row(label: str, s: dict) -> str:
    return (f"  {label:<58} {s['requests']:>6} {s['failures']:>5} {s['p50']:>6} {s['p95']:>6} {s['p99']:>6} "
            f"{s['max']:>6}")


HEADER = f"  {'requests (ms)':<58} {'count':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6}"


def table(summary: dict) -> list[str]:
    out = [HEADER]
    out += [row(f"{g}: {GROUPS[g]}", s) for g, s in summary["groups"].items() if s["requests"]]
    out.append(row("all requests", summary["overall"]))
    if "endpoints" in summary:
        out.append("")
        out += [row(name, s) for name, s in sorted(summary["endpoints"].items(),
                                                    key=lambda kv: kv[0].split(" ", 1)[1])]
    return out


def main() -> int:
    pg_url = os.environ.get("DATABASE_URL", "")
    database = "postgresql" if pg_url else "sqlite"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = ROOT / "var" / "load" / f"{stamp}-{database}"
    folder.mkdir(parents=True)
    run = secrets.token_hex(3)
    env = {**os.environ, "ISOGOV_DEMO": "1", "ISOGOV_TIER_PRESET": "two-tier", "DEBUG": "0",
           "ISOGOV_VAR_DIR": str(folder), "MEDIA_ROOT": str(folder / "media"), "ALLOWED_HOSTS": "127.0.0.1",
           "DJANGO_SETTINGS_MODULE": "isogov.settings", "PYTHONPATH": str(ROOT),
           "LOAD_RUN": run, "LOAD_ACCOUNTS": str(folder / "accounts.json"), "LOAD_ACKS": str(folder / "acks.jsonl"),
           "LOAD_REQUESTS": str(folder / "requests.jsonl")}
    drop = None
    source = os.environ.get("LOAD_DEMO_FROM", "")
    if pg_url:
        env["DATABASE_URL"], drop = fresh_postgres(pg_url, template=source)
    else:
        env.pop("DATABASE_URL", None)
    os.environ.clear()
    os.environ.update(env)
    server = worker = None
    setup_log = folder / "setup.log"
    try:
        if source:
            step(f"the demo copied from {source}")
            if not pg_url:
                shutil.copy2(Path(source) / "isogov.sqlite3", folder / "isogov.sqlite3")
                shutil.copytree(Path(source) / "media", folder / "media", dirs_exist_ok=True)
            manage(env, "migrate", "--no-input", "-v", "0", log=setup_log)
        else:
            step(f"a fresh {database} database: migrate, then the demo (a few minutes)")
            seconds = manage(env, "migrate", "--no-input", "-v", "0", log=setup_log)
            seconds += manage(env, "demo", "--if-empty", log=setup_log)
            print(f"   {seconds:.0f} s")
        done = subprocess.run([sys.executable, str(HERE / "prepare.py"), env["LOAD_ACCOUNTS"]], cwd=ROOT, env=env)
        if done.returncode:
            raise SystemExit("prepare.py failed")

        import django

        django.setup()
        from django.db import connection, connections

        version = (f"SQLite {connection.Database.sqlite_version} (WAL)" if connection.vendor == "sqlite" else
                   "PostgreSQL {0}.{1}".format(*divmod(connection.cursor().connection.info.server_version, 10000)))
        connections.close_all()

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        step(f"gunicorn ({WORKERS} workers × {THREADS} threads) on {base}, and the worker")
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "isogov.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
             str(WORKERS), "--threads", str(THREADS), "--timeout", "120", "--keep-alive", str(KEEP_ALIVE_SECONDS),
             "--access-logfile",
             str(folder / "access.log"), "--error-logfile", str(folder / "gunicorn.log")],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with (folder / "worker.log").open("wb") as out:
            worker = subprocess.Popen([sys.executable, "-m", "django", "worker"], cwd=ROOT, env=env, stdout=out,
                                      stderr=subprocess.STDOUT)
        wait_for(base + "/healthz", 60, server, folder / "gunicorn.log")

        step(f"locust: {USERS} people, {SPAWN_RATE} a second, {SECONDS} s")
        sampler = LoadSampler()
        sampler.start()
        cpu_before, wall_before = cpu_seconds(server, worker), time.monotonic()
        locust = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(USERS),
             "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s", "--host", base, "--csv", str(folder / "locust"),
             "--json-file", str(folder / "locust"), "--only-summary", "--stop-timeout", "30",
             "--logfile", str(folder / "locust.log"), "--loglevel", "INFO"],
            cwd=ROOT, env=env)
        sampler.halt.set()
        cpu = cpu_seconds(server, worker) - cpu_before
        wall = time.monotonic() - wall_before

        step("waiting for the export jobs, then stopping gunicorn and the worker")
        from check import check, unfinished_exports

        deadline = time.monotonic() + JOB_WAIT_SECONDS
        while unfinished_exports(run) and time.monotonic() < deadline:
            time.sleep(1)
        stop(server)
        stop(worker)
        connections.close_all()

        step("every acknowledged write in the database")
        report = check(run, folder / "acks.jsonl")
        stats = folder / "locust.json"
        summary = summarise(stats)
        settled = steady(folder / "requests.jsonl", USERS)
        problems = log_problems(folder / "gunicorn.log", folder / "worker.log", folder / "locust.log")
        exceptions = folder / "locust_exceptions.csv"
        if exceptions.exists() and len(exceptions.read_text().strip().splitlines()) > 1:
            problems.append(f"the scenario itself raised (a task stopped half-way); see {exceptions}")
        if locust.returncode not in (0, 1):  # 1: some requests failed, counted below
            problems.append(f"locust exited {locust.returncode}; see {folder / 'locust.log'}")
        if summary["overall"]["failures"]:
            problems.append(f"{summary['overall']['failures']} failed requests; see {folder / 'locust_failures.csv'}")
        if not report.ok:
            problems.append("writes lost, duplicated, stale or unfinished (above)")
        samples = sampler.samples or [os.getloadavg()[0]]
        machine = (f"{platform.node()}: {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
                   f"Python {platform.python_version()}, {version}")
        lines = [f"isogov load test {time.strftime('%d/%m/%Y %H:%M')}: {USERS} people for {SECONDS} s, "
                 f"gunicorn {WORKERS}×{THREADS} + worker, {version}",
                 f"  machine {machine}",
                 f"  load average (1 min) during the run: min {min(samples):.1f}, "
                 f"mean {sum(samples) / len(samples):.1f}, max {max(samples):.1f}",
                 f"  {summary['overall']['requests']} requests in {summary['overall']['seconds']} s: "
                 f"{summary['overall']['per_second']} a second, {summary['overall']['failures']} failed",
                 f"  servers' processor time: {cpu:.0f} s in {wall:.0f} s ({cpu / wall:.2f} of the {os.cpu_count()} "
                 f"processors), {1000 * cpu / max(summary['overall']['requests'], 1):.0f} ms a request",
                 *table(summary), "",
                 *([f"  after every person had logged in ({settled['after_seconds']} s into the run): "
                    f"{settled['overall']['requests']} requests in {settled['overall']['seconds']} s, "
                    f"{settled['overall']['per_second']} a second", *table(settled), ""] if settled else []),
                 *report.lines(), *[f"PROBLEM: {p}" for p in problems],
                 "OK: no failed request, no write lost or duplicated" if not problems else "FAIL",
                 f"  (run {run}; files in {folder})"]
        text = "\n".join(lines)
        print(text)
        (folder / "summary.txt").write_text(text + "\n", encoding="utf-8")
        (folder / "summary.json").write_text(json.dumps(
            {"run": run, "database": version, "users": USERS, "seconds": SECONDS, "workers": WORKERS,
             "threads": THREADS, "machine": machine, "load_average": samples, "cpu_seconds": round(cpu, 1),
             "wall_seconds": round(wall, 1), **summary, "steady": settled,
             "writes": {"acknowledged": dict(report.acknowledged),
                        "lost": {k: v for k, v in report.lost.items() if v},
                        "duplicated": {k: v for k, v in report.duplicated.items() if v}},
             "acks": len(read_acks(folder / "acks.jsonl")), "problems": problems}, indent=1), encoding="utf-8")
        return 1 if problems else 0
    finally:
        stop(server)
        stop(worker)
        if drop is not None:
            from django.db import connections

            connections.close_all()
            drop()
        if not os.environ.get("LOAD_KEEP"):
            for name in ("isogov.sqlite3", "isogov.sqlite3-wal", "isogov.sqlite3-shm"):
                (folder / name).unlink(missing_ok=True)
            shutil.rmtree(folder / "media", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
