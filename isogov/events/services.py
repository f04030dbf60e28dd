"""Writes to conferences and communication events. Who may call them is the views' business
(access.can_manage_programme)."""
import datetime as dt
from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot, uploaded
from isogov.core.db import unique_errors
from isogov.core.text import clean_text
from isogov.events.files import EXTENSIONS, validate_material
from isogov.events.models import Attendee, Event, Material
from isogov.registry.models import Agency

EVENT_FIELDS = ("title", "kind", "date", "place", "agenda", "organiser", "activity", "invited")
ATTENDEE_FIELDS = ("agency", "full_name", "position")


def _save_event(event: Event, invited: Iterable[Agency]) -> None:
    event.full_clean()
    event.save()
    event.invited.set(list(invited))


@transaction.atomic
def event_create(*, actor, title: str, kind: str, date: dt.date | None, place: str, organiser: Agency | None,
                 agenda: str = "", activity=None, invited: Iterable[Agency] = ()) -> Event:
    event = Event(title=title, kind=kind, date=date, place=place, agenda=agenda, organiser=organiser,
                  activity=activity, created_by=actor if getattr(actor, "pk", None) else None)
    _save_event(event, invited)
    audit_record(actor=actor, action=Action.CREATE, obj=event, agency=event.organiser,
                 changes=snapshot(event, EVENT_FIELDS))
    return event


@transaction.atomic
def event_update(*, actor, event: Event, title: str, kind: str, date: dt.date | None, place: str,
                 organiser: Agency | None, agenda: str = "", activity=None,
                 invited: Iterable[Agency] = ()) -> Event:
    before = snapshot(event, EVENT_FIELDS)
    event.title, event.kind, event.date, event.place = title, kind, date, place
    event.organiser, event.agenda, event.activity = organiser, agenda, activity
    _save_event(event, invited)
    changes = diff(before, snapshot(event, EVENT_FIELDS))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=event, agency=event.organiser, changes=changes)
    return event


@transaction.atomic
def attendance_set(*, actor, event: Event, attending: Iterable[Agency]) -> Event:
    """Which agencies came. An agency with named attendees came, so it cannot be taken off."""
    attending = {a.pk: a for a in attending}
    with_people = Agency.objects.filter(event_attendees__event=event).exclude(pk__in=list(attending)).distinct()
    missing = [f"{a.code} {a.name}" for a in with_people.order_by("code")]
    if missing:
        raise ValidationError({"attending": [
            _("These agencies have attendees on the list, so they attended: %(names)s.")
            % {"names": "; ".join(missing)}]})
    before = snapshot(event, ["attending"])
    event.attending.set(list(attending.values()))
    changes = diff(before, snapshot(event, ["attending"]))
    if changes:
        audit_record(actor=actor, action=Action.UPDATE, obj=event, agency=event.organiser, changes=changes,
                     note=_("Attendance recorded"))
    return event


@transaction.atomic
def attendee_add(*, actor, event: Event, agency: Agency | None, full_name: str, position: str = "") -> Attendee:
    attendee = Attendee(event=event, agency=agency, full_name=full_name, position=position)
    attendee.full_clean(validate_constraints=False)
    on_list = _("%(name)s of this agency is already on the list.") % {"name": attendee.full_name}
    with unique_errors(Attendee, {"unique_event_attendee": ("full_name", on_list)}):
        if Attendee.objects.filter(event=event, agency=agency, name_key=attendee.name_key).exists():
            raise ValidationError({"full_name": [on_list]})
        attendee.save()
    note = ""
    if not event.attending.filter(pk=agency.pk).exists():
        event.attending.add(agency)
        note = _("The agency is now counted as attending")
    audit_record(actor=actor, action=Action.CREATE, obj=attendee, agency=agency,
                 changes={"event": event, **snapshot(attendee, ATTENDEE_FIELDS)}, note=note)
    return attendee


@transaction.atomic
def attendee_remove(*, actor, attendee: Attendee) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=attendee, agency=attendee.agency,
                 changes={"event": attendee.event, **snapshot(attendee, ATTENDEE_FIELDS)})
    attendee.delete()


def _stored_name(upload: UploadedFile, content_type: str) -> str:
    """The uploaded name made safe for storage, with the extension of what the file really is."""
    stem = PurePath((upload.name or "").replace("\\", "/")).stem
    stem = get_valid_filename(clean_text(stem))[:100] if stem.strip(". ") else "tai-lieu"
    return f"{stem}{EXTENSIONS[content_type]}"


@transaction.atomic
def material_add(*, actor, event: Event, title: str, upload: UploadedFile | None) -> Material:
    if upload is None:
        raise ValidationError({"upload": [_("Choose a file.")]})
    try:
        content_type = validate_material(upload)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    material = Material(event=event, title=clean_text(title) or clean_text(PurePath(upload.name or "").stem),
                        content_type=content_type, size=upload.size,
                        uploaded_by=actor if getattr(actor, "pk", None) else None)
    material.full_clean(exclude=["file"])
    material.file.save(_stored_name(upload, content_type), upload, save=False)
    # The file is in storage before the row exists: if anything after fails, take it away again.
    try:
        material.save()
        audit_record(actor=actor, action=Action.CREATE, obj=material, agency=event.organiser,
                     changes={"event": event, "title": material.title, "file": uploaded(material.file, upload),
                              "content_type": content_type, "size": material.size})
    except Exception:
        material.file.delete(save=False)
        raise
    return material


@transaction.atomic
def material_remove(*, actor, material: Material) -> None:
    name = material.file.name
    audit_record(actor=actor, action=Action.DELETE, obj=material, agency=material.event.organiser,
                 changes={"event": material.event, "title": material.title, "file": material.file})
    material.delete()
    # Only once the row is surely gone; a rolled-back removal keeps its file.
    storage = material.file.storage
    transaction.on_commit(lambda: storage.delete(name))
