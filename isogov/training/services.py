"""Writes to the training records. Who may call them is the views' business (access.can_manage_programme)."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.core.db import unique_errors
from isogov.registry.models import Agency
from isogov.training.models import Course, Session, Trainee

COURSE_FIELDS = ("title", "topic", "organiser", "trainers", "description")
SESSION_FIELDS = ("start_date", "end_date", "place", "trainer", "note")
TRAINEE_FIELDS = ("agency", "full_name", "position", "is_iso_secretary", "completed", "certificate_number")


# Courses

@transaction.atomic
def course_create(*, actor, title: str, topic: str, organiser: Agency | None, trainers: str = "",
                  description: str = "") -> Course:
    course = Course(title=title, topic=topic, organiser=organiser, trainers=trainers, description=description,
                    created_by=actor if getattr(actor, "pk", None) else None)
    course.full_clean()
    course.save()
    audit_record(actor=actor, action=Action.CREATE, obj=course, agency=course.organiser,
                 changes=snapshot(course, COURSE_FIELDS))
    return course


@transaction.atomic
def course_update(*, actor, course: Course, title: str, topic: str, organiser: Agency | None, trainers: str = "",
                  description: str = "") -> Course:
    before = snapshot(course, COURSE_FIELDS)
    course.title, course.topic, course.organiser = title, topic, organiser
    course.trainers, course.description = trainers, description
    course.full_clean()
    changes = diff(before, snapshot(course, COURSE_FIELDS))
    if changes:
        course.save()
        audit_record(actor=actor, action=Action.UPDATE, obj=course, agency=course.organiser, changes=changes)
    return course


# Sessions

@transaction.atomic
def session_create(*, actor, course: Course, start_date: dt.date | None, end_date: dt.date | None = None,
                   place: str, trainer: str = "", note: str = "") -> Session:
    session = Session(course=course, start_date=start_date, end_date=end_date, place=place, trainer=trainer,
                      note=note)
    session.full_clean()
    session.save()
    audit_record(actor=actor, action=Action.CREATE, obj=session, agency=course.organiser,
                 changes={"course": course, **snapshot(session, SESSION_FIELDS)})
    return session


@transaction.atomic
def session_update(*, actor, session: Session, start_date: dt.date | None, end_date: dt.date | None = None,
                   place: str, trainer: str = "", note: str = "") -> Session:
    before = snapshot(session, SESSION_FIELDS)
    session.start_date, session.end_date, session.place, session.trainer, session.note = (
        start_date, end_date, place, trainer, note)
    session.full_clean()
    changes = diff(before, snapshot(session, SESSION_FIELDS))
    if changes:
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


def _check_trainee(trainee: Trainee) -> None:
    """The model's rules, then the two unique ones with messages that name who holds the name or number."""
    trainee.full_clean(validate_constraints=False)
    errors: dict[str, list[str]] = {}
    owner = certificate_owner(course_id=trainee.course_id, number=trainee.certificate_number, exclude_pk=trainee.pk)
    if owner is not None:
        errors["certificate_number"] = [_certificate_taken(trainee.certificate_number, owner)]
    twin = Trainee.objects.filter(session_id=trainee.session_id, agency=trainee.agency, name_key=trainee.name_key)
    if trainee.pk:
        twin = twin.exclude(pk=trainee.pk)
    if twin.exists():
        errors["full_name"] = [_twin_listed(trainee.full_name)]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def trainee_add(*, actor, session: Session, agency: Agency | None, full_name: str, position: str = "",
                is_iso_secretary: bool = False, completed: bool = False, certificate_number: str = "") -> Trainee:
    trainee = Trainee(session=session, agency=agency, full_name=full_name, position=position,
                      is_iso_secretary=bool(is_iso_secretary), completed=bool(completed),
                      certificate_number=certificate_number)
    _check_trainee(trainee)
    _save_trainee(trainee)
    audit_record(actor=actor, action=Action.CREATE, obj=trainee, agency=trainee.agency,
                 changes={"session": session, **snapshot(trainee, TRAINEE_FIELDS)})
    return trainee


@transaction.atomic
def trainee_update(*, actor, trainee: Trainee, agency: Agency | None, full_name: str, position: str = "",
                   is_iso_secretary: bool = False, completed: bool = False,
                   certificate_number: str = "") -> Trainee:
    before = snapshot(trainee, TRAINEE_FIELDS)
    trainee.agency, trainee.full_name, trainee.position = agency, full_name, position
    trainee.is_iso_secretary, trainee.completed = bool(is_iso_secretary), bool(completed)
    trainee.certificate_number = certificate_number
    _check_trainee(trainee)
    changes = diff(before, snapshot(trainee, TRAINEE_FIELDS))
    if changes:
        _save_trainee(trainee)
        audit_record(actor=actor, action=Action.UPDATE, obj=trainee, agency=trainee.agency, changes=changes)
    return trainee


@transaction.atomic
def trainee_remove(*, actor, trainee: Trainee) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=trainee, agency=trainee.agency,
                 changes={"session": trainee.session, **snapshot(trainee, TRAINEE_FIELDS)})
    trainee.delete()
