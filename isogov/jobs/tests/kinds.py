"""A kind of job for the tests: counts `steps` steps, fails on its first `fail_times` tries, and records one audit
event in its final transaction (so "done once" is countable). `pause` seconds between steps let a test kill the
worker in the middle. Registered on import; the kill test's worker process imports it too."""
import time

from isogov.audit.models import AuditEvent
from isogov.audit.services import Action, audit_record
from isogov.jobs import kinds
from isogov.jobs.models import Job

NAME = "test.count"


def run(job: Job, progress) -> kinds.Outcome:
    steps = job.params.get("steps", 4)
    for step in range(1, steps + 1):
        time.sleep(job.params.get("pause", 0))
        progress(step, steps, f"step {step}")
        if job.params.get("fail_times", 0) >= job.attempts and step == steps // 2:
            raise RuntimeError(f"broken on try {job.attempts}")
    if job.params.get("refuse"):
        raise kinds.JobRefused("The file has errors.")

    def commit():
        audit_record(actor=job.requested_by, action=Action.CREATE, obj=job, note=f"counted {steps}")
        return {"counted": steps}

    path = ""
    if job.params.get("file"):
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
            fh.write("x\n" * steps)
            path = fh.name
    return kinds.Outcome(commit=commit, file_path=path, file_name="count.txt", message="counted")


def events(job: Job) -> int:
    return AuditEvent.objects.filter(object_type="jobs.job", object_id=str(job.pk)).count()


kinds.register(kinds.Kind(NAME, run))
