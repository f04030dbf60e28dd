"""A worker process killed (SIGKILL) while the reminder run mails its digests: restarted, it finishes the run and
no one is mailed twice. The people mailed before the kill are not mailed again, the people after it are mailed by
the retry; the one whose mail was leaving at that moment is not mailed again (at most once: mail.py), their
notifications wait in the app."""
import signal
from collections import Counter

import pytest
from django.db import transaction

from isogov.jobs.tests.worker_process import Database, environment, start, stop, wait_for
from isogov.notifications import tasks
from isogov.notifications.tests.helpers import day, risk_action, with_email

PEOPLE = ("alice@travinh.gov.vn", "bob@travinh.gov.vn", "charlie@travinh.gov.vn")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_mailing_sends_no_digest_twice(province, tmp_path):
    p = province
    with_email(p.alice, p.bob, p.charlie)
    for agency, secretary in ((p.d842, p.alice), (p.d844, p.bob), (p.stp, p.charlie)):
        risk_action(agency, secretary, f"Việc của {secretary.username}", due=day(5))
    with transaction.atomic():  # queued on commit, as the timer's `isogov remind --enqueue` does
        job = tasks.enqueue(today=day(0))
    mails = tmp_path / "mail"
    mails.mkdir()
    database = Database(tmp_path)
    env = environment(tmp_path, database, ISOGOV_JOB_LEASE_SECONDS="2", SLOW_MAIL_DIR=str(mails),
                      SLOW_MAIL_SECONDS="1.5", EMAIL_BACKEND="isogov.notifications.tests.slow_mail.EmailBackend")
    log = tmp_path / "worker.log"

    def sent() -> Counter:
        return Counter(f.read_text(encoding="utf-8") for f in mails.glob("*.eml"))

    def marked() -> int:
        return database.query("SELECT COUNT(*) FROM notifications_notification WHERE mail_state = 'sent'")[0][0]

    def status() -> str:
        found = database.query("SELECT status FROM jobs_job WHERE id = ?",
                               (job.pk.hex,) if database.path else (str(job.pk),))
        return found[0][0]

    first = start(env, log)
    try:  # the first digest has left and is recorded; the second is on its way
        wait_for(lambda: marked() == 1, timeout=60, what="the first digest", log=log)
    finally:
        stop(first, signal.SIGKILL)
    assert sum(sent().values()) == 1 and status() == "running", log.read_text(errors="replace")[-3000:]

    second = start(env, log)
    try:
        wait_for(lambda: status() == "done", timeout=90, what="the run to be done after the restart", log=log)
    finally:
        # The run is done and recorded: how the idle worker shuts down is not this test's concern (a graceful
        # stop once took over 30 s on a loaded CI machine, after everything asserted below had happened).
        stop(second, signal.SIGKILL)
    got = sent()
    assert max(got.values()) == 1, got  # nobody mailed twice
    # The one whose digest was claimed when the worker died gets none (at most once); if the kill came before the
    # second claim, all three are mailed after the restart, each once.
    assert 2 <= len(got) <= 3 and set(got) <= set(PEOPLE)
    rows = database.query("SELECT COUNT(*), SUM(CASE WHEN mail_state = 'sent' THEN 1 ELSE 0 END) "
                          "FROM notifications_notification")[0]
    assert tuple(rows) == (3, 2)  # every notification made once; two of them mailed
