"""Writing an import plan: bulk inserts and updates in batches, one audit event per agency created or changed.

Called only by importing.import_agencies, inside its transaction, after the plan was found free of errors.
"""
from collections import defaultdict
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, Entry, audit_record_many
from isogov.core.text import fold
from isogov.qms.states import QmsState
from isogov.registry import extensions
from isogov.registry.models import Agency, AgencyStatus, search_text_for
from isogov.registry.services import agency_snapshot

BATCH_SIZE = 500


def apply_plan(*, actor, plan, progress=None) -> None:
    """`progress(written, message=None)`: agencies created or updated so far, and the step under way."""
    report = progress or (lambda written, message=None: None)
    agencies = dict(plan.existing)
    created = _create(plan, agencies, report)
    entries = [Entry(Action.CREATE, a, agency=a, changes=agency_snapshot(a)) for a in created]
    entries += _update(plan, agencies)
    report(len(created) + len(plan.updates), _("Recording the audit trail and the search index"))
    _move(plan)
    audit_record_many(actor=actor, entries=entries, batch_size=BATCH_SIZE)
    extensions.agencies_bulk_written(agencies=created + [r.agency for r in plan.updates])


def _create(plan, agencies: dict[str, Agency], report) -> list[Agency]:
    # Parents before children: a child's row may come before its parent's, and its foreign key needs the parent's id.
    created: list[Agency] = []
    by_depth = sorted(plan.creates, key=lambda r: plan.paths[r.code].count("/"))
    for _depth, level in groupby(by_depth, key=lambda r: plan.paths[r.code].count("/")):
        objs = []
        for r in level:
            v = r.values
            objs.append(Agency(
                code=r.code, name=v["name"], tier=v["tier"],
                parent=agencies[v["parent"]] if v["parent"] else None,
                path=plan.paths[r.code], kind=v["kind"], mandatory=v["mandatory"],
                iso_secretary=v["iso_secretary"], secretary_key=fold(v["iso_secretary"]), email=v["email"],
                phone=v["phone"],
                status=AgencyStatus.ACTIVE, qms_state=QmsState.NOT_STARTED,
                search_text=search_text_for(r.code, v["name"]),
            ))
        for start in range(0, len(objs), BATCH_SIZE):  # batch by batch, to report progress between them
            Agency.objects.bulk_create(objs[start:start + BATCH_SIZE])
            report(len(created) + min(start + BATCH_SIZE, len(objs)))
        if any(o.pk is None for o in objs):  # databases that do not return ids from a bulk insert
            codes = [o.code for o in objs]
            ids = {}
            for start in range(0, len(codes), BATCH_SIZE):
                ids.update(Agency.objects.filter(code__in=codes[start:start + BATCH_SIZE]).values_list("code", "pk"))
            for o in objs:
                o.pk = ids[o.code]
        agencies.update((o.code, o) for o in objs)
        created += objs
    return created


def _update(plan, agencies: dict[str, Agency]) -> list[Entry]:
    now = timezone.now()
    groups: dict[tuple[str, ...], list[Agency]] = defaultdict(list)
    for r in plan.updates:
        agency = r.agency
        for key, value in r.values.items():
            if key == "parent":
                agency.parent = agencies[value] if value else None
            else:
                setattr(agency, key, value)
        columns = set(r.changes)
        if "name" in columns:
            agency.search_text = search_text_for(agency.code, agency.name)
            columns.add("search_text")
        if "iso_secretary" in columns:  # bulk_update skips Agency.save(), which keeps the key
            agency.secretary_key = fold(agency.iso_secretary)
            columns.add("secretary_key")
        if r.code in plan.paths:
            agency.path = plan.paths[r.code]
            columns.add("path")
        groups[tuple(sorted(columns))].append(agency)
    # Only the changed columns: Django's bulk_update builds a CASE per column and row, which is the slow part.
    for columns, changed in groups.items():
        Agency.objects.bulk_update(changed, list(columns), batch_size=BATCH_SIZE)
    pks = [r.agency.pk for r in plan.updates]
    for start in range(0, len(pks), BATCH_SIZE):
        Agency.objects.filter(pk__in=pks[start:start + BATCH_SIZE]).update(updated_at=now)
    return [Entry(Action.UPDATE, r.agency, agency=r.agency, changes=r.changes) for r in plan.updates]


def _move(plan) -> None:
    """Agencies whose only change is the path, because an ancestor moved; like agency_update's subtree move."""
    updated = {r.code for r in plan.updates}
    moved = []
    for code, path in plan.paths.items():
        if code in plan.existing and code not in updated:
            agency = plan.existing[code]
            agency.path = path
            moved.append(agency)
    Agency.objects.bulk_update(moved, ["path"], batch_size=BATCH_SIZE)
