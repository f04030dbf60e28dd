"""Many people signing in at once on the embedded SQLite database answer no 500 ("database is locked").

What made them fail: every login took SQLite's write lock about six times (new session, last login, axes'
access log and two clean-ups of attempts, each its own transaction or autocommit write); fifty Argon2
hashes at once (100 MiB and 8 threads each) starved the threads holding the lock of CPU; and a writer
gave up after 5 seconds of waiting. bench/concurrency.py shows the whole; these pin each cause down.
"""
import sqlite3
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.urls import reverse

from isogov.conftest import PASSWORD

on_sqlite = pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                               reason="SQLite's single write lock")


class LockCount:
    """How many times statements take SQLite's write lock: each transaction once, each write outside one once."""

    def __init__(self):
        self.takes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        head = sql.lstrip()[:12].upper()
        if head.startswith("BEGIN") or (head.startswith(("INSERT", "UPDATE", "DELETE"))
                                        and not context["connection"].in_atomic_block):
            self.takes.append(sql[:80])
        return execute(sql, params, many, context)


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_a_login_takes_the_write_lock_twice_at_most(client, province):
    client.get(reverse("login"))
    count = LockCount()
    with connection.execute_wrapper(count):
        response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    # The login's writes in one transaction; the session middleware saves the session once more.
    assert len(count.takes) <= 2, count.takes


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_a_logout_takes_the_write_lock_once(client, province):
    client.get(reverse("login"))
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    count = LockCount()
    with connection.execute_wrapper(count):
        response = client.post(reverse("logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    assert len(count.takes) == 1, count.takes  # axes' log and clean-up, and the session's deletion, together


def test_no_more_password_hashes_at_once_than_the_setting(settings, monkeypatch):
    """Argon2's memory and threads are bounded per process; the others wait their turn, none fails."""
    from argon2 import PasswordHasher

    settings.ISOGOV = {**settings.ISOGOV, "PASSWORD_HASHES_AT_ONCE": 2}
    encoded = make_password(PASSWORD)
    running, most, lock = [0], [0], threading.Lock()
    real_verify = PasswordHasher.verify

    def slow_verify(self, hash, password):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        try:
            return real_verify(self, hash, password)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(PasswordHasher, "verify", slow_verify)
    results = []
    threads = [threading.Thread(target=lambda: results.append(check_password(PASSWORD, encoded))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 8
    assert most[0] == 2


@on_sqlite
def test_a_writer_waits_for_a_long_transaction_instead_of_failing(tmp_path, django_db_blocker):
    """Another writer holds the lock for 6 s (a starved request did, under fifty logins): the next one waits."""
    path = tmp_path / "isogov.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE t (n INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    threading.Timer(6, lambda: holder.execute("COMMIT")).start()
    writer = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path)}, alias="lock_test")
    try:
        started = time.monotonic()
        with django_db_blocker.unblock(), writer.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (2)")
        assert time.monotonic() - started >= 5
    finally:
        writer.close()
        holder.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM t").fetchone() == (2,)
