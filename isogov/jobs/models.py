"""A long job run by the task queue: what it is, who asked, how far it is, and its result.

The queue's own rows (django-tasks-db's, or Redis's) say only whether a task ran; this row is what the pages show
and what makes a job run exactly once: a worker claims it with a lease, reports progress, and writes its result
and its status DONE in one transaction that first checks it still holds the lease (isogov/jobs/runner.py).
"""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Readers(models.TextChoices):
    """Who may see the job besides the person who asked (accounts/access/objects.py: access_job)."""
    REQUESTER = "requester", _("Only the person who asked")
    REGISTRY_MANAGERS = "registry_managers", _("Whoever manages the registry")


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=64)  # a name in isogov/jobs/kinds.py's register
    title = models.CharField(max_length=300)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="jobs")
    agency = models.ForeignKey("registry.Agency", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="jobs")
    readers = models.CharField(max_length=32, choices=Readers.choices, default=Readers.REQUESTER)
    # What the job works on (a filter, an uploaded file's stored name); JSON, as the queue passes only the id.
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The run that holds the job and until when; a run whose lease passed is presumed dead (runner.sweep).
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True, db_index=True)
    run_after = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)  # the queue's task that should run it next
    result_file = models.CharField(max_length=300, blank=True)  # a name in default_storage
    result_name = models.CharField(max_length=200, blank=True)  # the name the download is given
    result = models.JSONField(default=dict, blank=True)  # the kind's summary (counts), for its page
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == Status.DONE:
            return 100
        # Every unit counted is not the end: the run still commits (an import's audit trail and search index come
        # after its last row), so a running job never shows a full bar.
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)
