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

from isogov.audit.services import Action, audit_record, diff, uploaded
from isogov.core.db import unique_errors
from isogov.core.text import clean_text, fold
from isogov.events.files import EXTENSIONS, validate_material
from isogov.events.models import Attendee, Event, EventKind, Material
from isogov.registry.models import Agency

EVENT_FIELDS = ("title", "kind", "date", "place", "agenda", "organiser", "activity")


def _too_long(model, name: str, value: str, errors: dict) -> None:
    limit = model._meta.get_field(name).max_length
    if len(value) > limit:
        errors.setdefault(name, []).append(_("This is %(length)s characters long; at most %(limit)s are allowed.")
                                           % {"length": len(value), "limit": limit})


def _codes(agencies: Iterable[Agency]) -> list[str]:
    return sorted(a.code for a in agencies)


def event_snapshot(event: Event) -> dict:
    return {**{f: getattr(event, f) for f in EVENT_FIELDS}, "invited": _codes(event.invited.all())}


def _clean_event(*, title: str, kind: str, date: dt.date | None, place: str, agenda: str,
                 organiser: Agency | None, activity) -> dict:
    values = {"title": clean_text(title), "kind": kind, "date": date, "place": clean_text(place),
              "agenda": clean_text(agenda, multiline=True), "organiser": organiser, "activity": activity}
    errors: dict[str, list[str]] = {}
    if not values["title"]:
        errors["title"] = [_("The title is required.")]
    if kind not in EventKind.values:
        errors["kind"] = [_("Unknown kind of event.")]
    if date is None:
        errors["date"] = [_("The date is required.")]
    if not values["place"]:
        errors["place"] = [_("The place is required.")]
    if organiser is None:
        errors["organiser"] = [_("Say which agency organises the event.")]
    for name in ("title", "place"):
        _too_long(Event, name, values[name], errors)
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def event_create(*, actor, title: str, kind: str, date: dt.date | None, place: str, organiser: Agency | None,
                 agenda: str = "", activity=None, invited: Iterable[Agency] = ()) -> Event:
    values = _clean_event(title=title, kind=kind, date=date, place=place, agenda=agenda, organiser=organiser,
                          activity=activity)
    event = Event.objects.create(created_by=actor if getattr(actor, "pk", None) else None, **values)
    event.invited.set(list(invited))
    audit_record(actor=actor, action=Action.CREATE, obj=event, agency=event.organiser, changes=event_snapshot(event))
    return event


@transaction.atomic
def event_update(*, actor, event: Event, title: str, kind: str, date: dt.date | None, place: str,
                 organiser: Agency | None, agenda: str = "", activity=None,
                 invited: Iterable[Agency] = ()) -> Event:
    values = _clean_event(title=title, kind=kind, date=date, place=place, agenda=agenda, organiser=organiser,
                          activity=activity)
    invited = list(invited)
    before = event_snapshot(event)
    changes = diff(before, {**values, "invited": _codes(invited)})
    if changes:
        for key, value in values.items():
            setattr(event, key, value)
        event.save()
        event.invited.set(invited)
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
    before = _codes(event.attending.all())
    after = _codes(attending.values())
    if before != after:
        event.attending.set(list(attending.values()))
        audit_record(actor=actor, action=Action.UPDATE, obj=event, agency=event.organiser,
                     changes={"attending": [before, after]}, note=_("Attendance recorded"))
    return event


@transaction.atomic
def attendee_add(*, actor, event: Event, agency: Agency | None, full_name: str, position: str = "") -> Attendee:
    values = {"full_name": " ".join(clean_text(full_name).split()), "position": clean_text(position)}
    errors: dict[str, list[str]] = {}
    if agency is None:
        errors["agency"] = [_("Say which agency the attendee represents.")]
    if not values["full_name"]:
        errors["full_name"] = [_("The full name is required.")]
    for name in ("full_name", "position"):
        _too_long(Attendee, name, values[name], errors)
    on_list = _("%(name)s of this agency is already on the list.") % {"name": values["full_name"]}
    if not errors and Attendee.objects.filter(event=event, agency=agency, name_key=fold(values["full_name"])).exists():
        errors["full_name"] = [on_list]
    if errors:
        raise ValidationError(errors)
    with unique_errors(Attendee, {"unique_event_attendee": ("full_name", on_list)}):
        attendee = Attendee.objects.create(event=event, agency=agency, name_key=fold(values["full_name"]), **values)
    note = ""
    if not event.attending.filter(pk=agency.pk).exists():
        event.attending.add(agency)
        note = _("The agency is now counted as attending")
    audit_record(actor=actor, action=Action.CREATE, obj=attendee, agency=agency,
                 changes={"event": event, "agency": agency.code, **values}, note=note)
    return attendee


@transaction.atomic
def attendee_remove(*, actor, attendee: Attendee) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=attendee, agency=attendee.agency,
                 changes={"event": attendee.event, "agency": attendee.agency.code,
                          "full_name": attendee.full_name, "position": attendee.position})
    attendee.delete()


def _stored_name(upload: UploadedFile, content_type: str) -> str:
    """The uploaded name made safe for storage, with the extension of what the file really is."""
    stem = PurePath((upload.name or "").replace("\\", "/")).stem
    stem = get_valid_filename(clean_text(stem))[:100] if stem.strip(". ") else "tai-lieu"
    return f"{stem}{EXTENSIONS[content_type]}"


@transaction.atomic
def material_add(*, actor, event: Event, title: str, upload: UploadedFile | None) -> Material:
    title = clean_text(title)
    errors: dict[str, list[str]] = {}
    content_type = ""
    if upload is None:
        errors["upload"] = [_("Choose a file.")]
    else:
        try:
            content_type = validate_material(upload)
        except ValidationError as exc:
            errors["upload"] = exc.messages
    if not title and upload is not None:
        title = clean_text(PurePath(upload.name or "").stem)
    if not title:
        errors["title"] = [_("The title is required.")]
    _too_long(Material, "title", title, errors)
    if errors:
        raise ValidationError(errors)
    material = Material(event=event, title=title, content_type=content_type, size=upload.size,
                        uploaded_by=actor if getattr(actor, "pk", None) else None)
    material.file.save(_stored_name(upload, content_type), upload, save=False)
    # The file is in storage before the row exists: if anything after fails, take it away again.
    try:
        material.save()
        audit_record(actor=actor, action=Action.CREATE, obj=material, agency=event.organiser,
                     changes={"event": event, "title": title, "file": uploaded(material.file, upload),
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
