"""A large agency import as a background job: the same import_agencies, all or nothing, in the job's final
transaction (isogov/jobs/runner.py), so a worker killed in the middle leaves the registry as it was and the job
runs again from the start."""
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from isogov.accounts import access
from isogov.core import dbstats
from isogov.jobs import kinds
from isogov.registry.importing import ImportRejected, import_agencies

KIND = "registry.import"
ERRORS_SHOWN = 20


def run(job, progress) -> kinds.Outcome:
    actor = job.requested_by
    try:
        access.require_registry_manager(actor)
    except PermissionDenied:
        raise kinds.JobRefused(_("The account that started this import may no longer manage the registry.")) from None
    name, filename = job.params["name"], job.params["filename"]
    try:
        with default_storage.open(name, "rb") as fh:
            data = fh.read()
    except OSError:
        raise kinds.JobRefused(_("The uploaded file is gone: upload it again.")) from None

    def commit() -> dict:
        try:
            plan = import_agencies(actor=actor, data=data, filename=filename, progress=progress)
        except ImportRejected as exc:
            # The registry changed since the preview: the file is checked again and refused as a whole.
            shown = "\n".join(exc.messages[:ERRORS_SHOWN])
            more = len(exc.messages) - ERRORS_SHOWN
            raise kinds.JobRefused(_("Nothing was imported: the file no longer fits the registry.") + "\n" + shown
                                   + (f"\n… (+{more})" if more > 0 else "")) from None
        except IntegrityError:
            raise kinds.JobRefused(_("Nothing was imported: another import created the same codes meanwhile. "
                                     "Upload the file again.")) from None
        transaction.on_commit(lambda: default_storage.delete(name))
        transaction.on_commit(dbstats.refresh)  # thousands of new rows: the planner should know
        return {"new": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged,
                "message": _("Import done: %(new)s new agencies, %(updated)s updated, %(unchanged)s unchanged.") % {
                    "new": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged}}

    return kinds.Outcome(commit=commit)


def register() -> None:
    kinds.register(kinds.Kind(KIND, run, next_url=lambda job: reverse("registry:agency_list")))
