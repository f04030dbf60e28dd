"""Running real worker processes against a copy of the test database, for the kill and Redis tests.

The suite's SQLite database lives in memory, out of another process's reach: it is copied to a file (SQLite's
backup API) and the processes are pointed at that file; on PostgreSQL they use the test database itself.
"""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
WORKER = ("import django; django.setup(); import isogov.jobs.tests.kinds; "
          "from django.core.management import call_command; call_command('worker', verbosity=2)")


class Database:
    def __init__(self, tmp_path: Path):
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.path = tmp_path / "db.sqlite3"
            target = sqlite3.connect(self.path)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.path}"
        else:
            self.path = None
            self.url = (f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
                        f"{settings['PORT'] or 5432}/{settings['NAME']}")

    def query(self, sql: str, params=()) -> list[tuple]:
        if self.path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall()
        with sqlite3.connect(self.path, timeout=30) as db:
            return db.execute(sql, params).fetchall()


def environment(tmp_path: Path, database: Database, **extra: str) -> dict:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return {**env, "DJANGO_SETTINGS_MODULE": "isogov.settings", "ISOGOV_DEMO": "1", "DATABASE_URL": database.url,
            "ISOGOV_VAR_DIR": str(tmp_path / "var"), "MEDIA_ROOT": str(tmp_path / "media"), "PYTHONPATH": str(ROOT),
            **extra}


def start(env: dict, log: Path, code: str = WORKER, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, cwd=ROOT, stdout=log.open("ab"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)


def wait_for(check, *, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; worker log:\n{log.read_text(errors='replace')[-4000:]}")
