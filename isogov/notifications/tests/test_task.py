"""The daily run as a job on the queue: enqueued (as the system timer does with `isogov remind --enqueue`) and run
by the queue's test backend, it does what the run does; a second one the same day adds and mails nothing."""
import pytest
from django.core import mail
from django.core.management import call_command

from isogov.jobs import runner
from isogov.jobs.models import Job, Status
from isogov.notifications import tasks
from isogov.notifications.models import Level, Notification
from isogov.notifications.tests.helpers import day, recipients, risk_action, with_email

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = IMMEDIATE  # the task runs as it is queued, in the test's process


def _queued(django_capture_on_commit_callbacks, offset: int) -> Job:
    with django_capture_on_commit_callbacks(execute=True):  # the job is queued once its row is committed
        job = tasks.enqueue(today=day(offset))
    job.refresh_from_db()
    return job


def test_the_run_as_a_task_reminds_escalates_and_repeats_nothing(province, queue, django_capture_on_commit_callbacks):
    p = province
    with_email(p.alice, p.alice_head, p.admin)
    risk_action(p.d842, p.alice, "Việc qua hàng đợi")
    job = _queued(django_capture_on_commit_callbacks, -30)
    assert job.status == Status.DONE and job.result == {"notifications": 1, "closed": 0, "emails": 1}
    assert recipients(mail.outbox) == ["alice@travinh.gov.vn"]
    again = _queued(django_capture_on_commit_callbacks, -30)  # the timer fired twice, or a retry
    assert again.status == Status.DONE and again.result["notifications"] == again.result["emails"] == 0
    assert len(mail.outbox) == 1
    for offset, level in ((1, Level.OVERDUE), (15, Level.ESCALATED)):
        _queued(django_capture_on_commit_callbacks, offset)
        _queued(django_capture_on_commit_callbacks, offset)
        assert Notification.objects.filter(level=level).count() == (2 if level == Level.OVERDUE else 1)
    assert recipients(mail.outbox) == sorted(["alice@travinh.gov.vn", "alice@travinh.gov.vn",
                                              "alice_head@travinh.gov.vn", "lead@travinh.gov.vn"])


def test_a_run_retried_after_dying_mails_nothing_twice(province):
    """The worker died after the run sent its digests but before the job was marked done: the job runs again
    (runner.requeue_stale) and sends nothing more."""
    p = province
    with_email(p.alice)
    risk_action(p.d842, p.alice, "Việc")
    job = tasks.enqueue(today=day(0))
    assert runner.run(job.pk) == "done"
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, lease_token="dead", lease_until=None)
    assert runner.run(job.pk) == "done"
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_the_command_queues_the_run(province, capsys, django_capture_on_commit_callbacks, queue):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--enqueue", "--date", f"{day(0):%d/%m/%Y}")
    job = Job.objects.get(kind=tasks.KIND)
    assert "queued" in capsys.readouterr().out
    assert job.params["date"] == day(0).isoformat() and job.status == Status.DONE
