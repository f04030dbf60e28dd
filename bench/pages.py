"""Benchmark: every province-wide page, report and export, and the main per-agency pages, at national scale.

Run with `make bench-pages` (or `.venv/bin/python bench/pages.py`). BENCH_AGENCIES (default 10000) agencies with
a year of records each come from `isogov generate`; BENCH_SEED (1) picks the data, BENCH_RUNS (3) the timed runs,
BENCH_TODAY (today) the day the data ends on; BENCH_TIERS=two-tier and BENCH_NATIONAL=1 the registry's shape (a
ministry's registry of provinces and communes, as since 1 July 2025), as `isogov generate --tiers --national`.
With DATABASE_URL set the benchmark uses that database (generating into it when it is empty); without, a SQLite
file under var/bench/ kept per scale, seed and day, so the next run skips the generation. bench/pg.sh starts a
throwaway PostgreSQL for it.

Each benchmark renders the page through Django's test Client (as the programme lead, or for the per-agency pages
as an agency's ISO secretary): one warm-up run that also counts the queries and traces the peak memory, then
BENCH_RUNS timed runs (the median is printed); BENCH_PROFILE=<name> adds a cProfile of the pages so named,
BENCH_ONLY=<name>,<name> runs only those.
In the same run the hand-written SQL in bench/raw_sql.py that computes the same figures or rows is timed the
same way. A province-wide page's line carries `ratio` (app ÷ raw) when its raw SQL takes 20 ms or more; a
per-agency page's line gives the time alone.
"""
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AGENCIES = int(os.environ.get("BENCH_AGENCIES", "10000"))
SEED = int(os.environ.get("BENCH_SEED", "1"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
RATIO_FLOOR = 0.020  # seconds of raw SQL from which a ratio means something (below it, rendering dominates)
# BENCH_TODAY=yyyy-mm-dd pins the day the data is generated for (and the cached file's name) across midnight.
TODAY = dt.date.fromisoformat(os.environ["BENCH_TODAY"]) if os.environ.get("BENCH_TODAY") else dt.date.today()
TIERS = os.environ.get("BENCH_TIERS", "three-tier")
NATIONAL = os.environ.get("BENCH_NATIONAL", "") not in ("", "0")
SHAPE = ("" if TIERS == "three-tier" else f"-{TIERS}") + ("-national" if NATIONAL else "")


def configure() -> Path | None:
    """Settings for the benchmark's database; returns the cached SQLite file to build, if any."""
    os.environ.setdefault("ISOGOV_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isogov.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    if os.environ.get("DATABASE_URL"):
        return None
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ISOGOV_VAR_DIR", str(folder))
    target = folder / f"national-{AGENCIES}{SHAPE}-s{SEED}-{TODAY:%Y%m%d}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{target}"
    return target


def build(target: Path | None) -> None:
    from django.core.management import call_command

    from isogov.registry.models import Agency

    if target is not None and target.exists():
        call_command("migrate", verbosity=0)  # a cached file from before a new migration: its tables, empty
        return
    building = target.with_suffix(".building") if target else None
    if building:
        building.unlink(missing_ok=True)
        from django.db import connections
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = str(building)
    call_command("migrate", verbosity=0)
    if not Agency.objects.exists():
        print(f"generating {AGENCIES} agencies (seed {SEED}); this is done once per scale, seed and day")
        call_command("generate", agencies=AGENCIES, years=1, seed=SEED, today=TODAY, tiers=TIERS, national=NATIONAL)
    if building:
        from django.db import connections
        connections["default"].close()
        shutil.move(building, target)
        connections["default"].settings_dict["NAME"] = str(target)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def fetch(client, url: str):
    response = client.get(url)
    if response.streaming:
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    return response.status_code, size


def measure(client, url: str, raw) -> dict:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    tracemalloc.start()
    with connection.execute_wrapper(count):
        status, size = fetch(client, url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    app = statistics.median(timed(lambda: fetch(client, url)) for _ in range(RUNS))

    def run_raw():
        with connection.cursor() as cursor:
            raw(cursor)

    run_raw()
    sql = statistics.median(timed(run_raw) for _ in range(RUNS))
    return {"status": status, "bytes": size, "queries": len(queries), "peak_mb": peak / 2**20, "app": app,
            "raw": sql}


def profile(client, url: str) -> None:
    """BENCH_PROFILE=<part of a benchmark's name>: where that page's time goes (cProfile, by own time)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(fetch, client, url)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(10)


def main() -> int:
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collected static files here
    target = configure()
    import django

    django.setup()
    build(target)
    if "--build-only" in sys.argv:  # generate (or find) the database now, measure in a later, quieter run
        return 0
    from django.db import connection
    from django.test import Client

    from bench.raw_sql import benchmarks, context_for
    from isogov.registry.models import Agency

    ctx = context_for(TODAY)
    print(f"isogov page benchmarks: {Agency.objects.count()} agencies ({TIERS}{', national' if NATIONAL else ''}), "
          f"seed {SEED}, {connection.vendor}, "
          f"median of {RUNS} runs, {platform.node()} {platform.machine()} {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {dt.datetime.now():%d/%m/%Y %H:%M}")
    clients = {}
    for name, username in (("lead", "lead"), ("secretary", ctx["secretary_username"])):
        client = Client()
        client.force_login(ctx["users"][username])
        clients[name] = client
    clients["anonymous"] = Client()
    failures = 0
    only = [part for part in os.environ.get("BENCH_ONLY", "").split(",") if part]  # e.g. BENCH_ONLY=compliance
    for bench in benchmarks(ctx):
        if only and not any(part in bench.name for part in only):
            continue
        r = measure(clients[bench.user], bench.url, bench.raw)
        failures += r["status"] != 200
        head = (f"{bench.name:<34} {bench.user:<9} {r['app'] * 1000:9.1f} ms  {r['queries']:4d} q "
                f"{r['peak_mb']:7.1f} MB {r['bytes'] / 1024:8.0f} KB  HTTP {r['status']}")
        raw_ms = r["raw"] * 1000
        if bench.province_wide and r["raw"] >= RATIO_FLOOR:
            print(f"{head}  raw {raw_ms:8.1f} ms  ratio {r['app'] / r['raw']:6.1f}")
        elif bench.province_wide:
            print(f"{head}  raw {raw_ms:8.1f} ms  (raw under 20 ms: time alone)")
        else:
            print(f"{head}  (per agency; raw {raw_ms:.1f} ms)")
        sys.stdout.flush()
        if any(part and part in bench.name for part in os.environ.get("BENCH_PROFILE", "").split(",")):
            profile(clients[bench.user], bench.url)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
