"""Writes to the training records. Who may call them is the views' business (access.can_manage_programme)."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff
from isogov.core.db import unique_errors
from isogov.core.text import clean_text, fold
from isogov.registry.models import Agency
from isogov.training.models import Course, Session, Topic, Trainee

COURSE_FIELDS = ("title", "topic", "organiser", "trainers", "description")
SESSION_FIELDS = ("start_date", "end_date", "place", "trainer", "note")
TRAINEE_FIELDS = ("agency", "full_name", "position", "is_iso_secretary", "completed", "certificate_number")


def _max_length(model, name: str, value: str, errors: dict) -> None:
    limit = model._meta.get_field(name).max_length
    if limit and len(value) > limit:
        errors.setdefault(name, []).append(
            _("This is %(length)s characters long; at most %(limit)s are allowed.")
            % {"length": len(value), "limit": limit})


def snapshot(obj, fields) -> dict:
    return {f: getattr(obj, f) for f in fields}


# Courses

def _clean_course(*, title: str, topic: str, organiser: Agency | None, trainers: str, description: str) -> dict:
    values = {"title": clean_text(title), "topic": topic, "organiser": organiser, "trainers": clean_text(trainers),
              "description": clean_text(description, multiline=True)}
    errors: dict[str, list[str]] = {}
    if not values["title"]:
        errors["title"] = [_("The title is required.")]
    if topic not in Topic.values:
        errors["topic"] = [_("Unknown topic.")]
    if organiser is None:
        errors["organiser"] = [_("Say which agency organises the course.")]
    for name in ("title", "trainers"):
        _max_length(Course, name, values[name], errors)
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def course_create(*, actor, title: str, topic: str, organiser: Agency | None, trainers: str = "",
                  description: str = "") -> Course:
    values = _clean_course(title=title, topic=topic, organiser=organiser, trainers=trainers, description=description)
    course = Course.objects.create(created_by=actor if getattr(actor, "pk", None) else None, **values)
    audit_record(actor=actor, action=Action.CREATE, obj=course, agency=course.organiser,
                 changes=snapshot(course, COURSE_FIELDS))
    return course


@transaction.atomic
def course_update(*, actor, course: Course, title: str, topic: str, organiser: Agency | None, trainers: str = "",
                  description: str = "") -> Course:
    values = _clean_course(title=title, topic=topic, organiser=organiser, trainers=trainers, description=description)
    before = snapshot(course, COURSE_FIELDS)
    changes = diff(before, values)
    if changes:
        for key, value in values.items():
            setattr(course, key, value)
        course.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=course, agency=course.organiser, changes=changes)
    return course


# Sessions

def _clean_session(*, start_date: dt.date | None, end_date: dt.date | None, place: str, trainer: str,
                   note: str) -> dict:
    values = {"start_date": start_date, "end_date": end_date or start_date, "place": clean_text(place),
              "trainer": clean_text(trainer), "note": clean_text(note)}
    errors: dict[str, list[str]] = {}
    if start_date is None:
        errors["start_date"] = [_("The first day is required.")]
    elif end_date and end_date < start_date:
        errors["end_date"] = [_("The last day cannot be before the first day.")]
    elif (values["end_date"] - start_date).days > 60:
        errors["end_date"] = [_("A session lasts at most 60 days; record a longer course as several sessions.")]
    if not values["place"]:
        errors["place"] = [_("The place is required.")]
    for name in ("place", "trainer", "note"):
        _max_length(Session, name, values[name], errors)
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def session_create(*, actor, course: Course, start_date: dt.date | None, end_date: dt.date | None = None,
                   place: str, trainer: str = "", note: str = "") -> Session:
    values = _clean_session(start_date=start_date, end_date=end_date, place=place, trainer=trainer, note=note)
    session = Session.objects.create(course=course, **values)
    audit_record(actor=actor, action=Action.CREATE, obj=session, agency=course.organiser,
                 changes={"course": course, **snapshot(session, SESSION_FIELDS)})
    return session


@transaction.atomic
def session_update(*, actor, session: Session, start_date: dt.date | None, end_date: dt.date | None = None,
                   place: str, trainer: str = "", note: str = "") -> Session:
    values = _clean_session(start_date=start_date, end_date=end_date, place=place, trainer=trainer, note=note)
    changes = diff(snapshot(session, SESSION_FIELDS), values)
    if changes:
        for key, value in values.items():
            setattr(session, key, value)
        session.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=session, agency=session.course.organiser,
                     changes=changes)
    return session


# Trainees

def certificate_owner(*, course_id: int, number: str, exclude_pk: int | None = None) -> Trainee | None:
    if not number:
        return None
    qs = Trainee.objects.filter(course_id=course_id, certificate_number=number).select_related("session")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def _certificate_taken(number: str, owner: Trainee) -> str:
    return (_("Certificate %(number)s of this course was already given to %(name)s.")
            % {"number": number, "name": owner.full_name})


def _twin_listed(full_name: str) -> str:
    return _("%(name)s of this agency is already on this session's list.") % {"name": full_name}


def _save_trainee(trainee: Trainee) -> None:
    """Save, giving the checks' errors when a twin or the same certificate was saved meanwhile."""
    def certificate_taken():
        owner = certificate_owner(course_id=trainee.course_id, number=trainee.certificate_number,
                                  exclude_pk=trainee.pk)
        return _certificate_taken(trainee.certificate_number, owner)

    with unique_errors(Trainee, {"unique_trainee_per_session": ("full_name", _twin_listed(trainee.full_name)),
                                 "unique_certificate_per_course": ("certificate_number", certificate_taken)}):
        trainee.save()


def _clean_trainee(*, session: Session, agency: Agency | None, full_name: str, position: str,
                   is_iso_secretary: bool, completed: bool, certificate_number: str,
                   exclude_pk: int | None = None) -> dict:
    values = {"agency": agency, "full_name": " ".join(clean_text(full_name).split()), "position": clean_text(position),
              "is_iso_secretary": bool(is_iso_secretary), "completed": bool(completed),
              "certificate_number": clean_text(certificate_number)}
    errors: dict[str, list[str]] = {}
    if agency is None:
        errors["agency"] = [_("Say which agency the trainee works for.")]
    if not values["full_name"]:
        errors["full_name"] = [_("The full name is required.")]
    for name in ("full_name", "position", "certificate_number"):
        _max_length(Trainee, name, values[name], errors)
    if values["certificate_number"] and not values["completed"]:
        errors["certificate_number"] = [_("A certificate is given only to a trainee who completed the course.")]
    if errors:
        raise ValidationError(errors)
    owner = certificate_owner(course_id=session.course_id, number=values["certificate_number"], exclude_pk=exclude_pk)
    if owner is not None:
        errors["certificate_number"] = [_certificate_taken(values["certificate_number"], owner)]
    twin = Trainee.objects.filter(session=session, agency=agency, name_key=fold(values["full_name"]))
    if exclude_pk:
        twin = twin.exclude(pk=exclude_pk)
    if twin.exists():
        errors["full_name"] = [_twin_listed(values["full_name"])]
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def trainee_add(*, actor, session: Session, agency: Agency | None, full_name: str, position: str = "",
                is_iso_secretary: bool = False, completed: bool = False, certificate_number: str = "") -> Trainee:
    values = _clean_trainee(session=session, agency=agency, full_name=full_name, position=position,
                            is_iso_secretary=is_iso_secretary, completed=completed,
                            certificate_number=certificate_number)
    trainee = Trainee(session=session, course_id=session.course_id, name_key=fold(values["full_name"]), **values)
    _save_trainee(trainee)
    audit_record(actor=actor, action=Action.CREATE, obj=trainee, agency=trainee.agency,
                 changes={"session": session, **snapshot(trainee, TRAINEE_FIELDS)})
    return trainee


@transaction.atomic
def trainee_update(*, actor, trainee: Trainee, agency: Agency | None, full_name: str, position: str = "",
                   is_iso_secretary: bool = False, completed: bool = False,
                   certificate_number: str = "") -> Trainee:
    values = _clean_trainee(session=trainee.session, agency=agency, full_name=full_name, position=position,
                            is_iso_secretary=is_iso_secretary, completed=completed,
                            certificate_number=certificate_number, exclude_pk=trainee.pk)
    changes = diff(snapshot(trainee, TRAINEE_FIELDS), values)
    if changes:
        for key, value in values.items():
            setattr(trainee, key, value)
        trainee.name_key = fold(trainee.full_name)
        _save_trainee(trainee)
        audit_record(actor=actor, action=Action.UPDATE, obj=trainee, agency=trainee.agency, changes=changes)
    return trainee


@transaction.atomic
def trainee_remove(*, actor, trainee: Trainee) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=trainee, agency=trainee.agency,
                 changes={"session": trainee.session, **snapshot(trainee, TRAINEE_FIELDS)})
    trainee.delete()
