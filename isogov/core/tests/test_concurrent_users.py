"""Twenty people log in and write at once against a real server: no 500, no unanswered request, no lost write.

Runs bench/concurrency.py with 20 people on the suite's kind of database: a fresh SQLite file (the
embedded default, served by the threaded runserver) or, in CI's PostgreSQL suite, a fresh database on
the same server. The in-process live server cannot show this on SQLite: it shares one in-memory
connection between its threads, so nothing ever waits for a lock.
"""
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BENCH = Path(__file__).resolve().parents[3] / "bench" / "concurrency.py"


def test_twenty_people_log_in_and_write_at_once():
    command = [sys.executable, str(BENCH), "--people", "20"]
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        command += ["--postgres", os.environ["DATABASE_URL"]]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "OK: no 500" in result.stdout
