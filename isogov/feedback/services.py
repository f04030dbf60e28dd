"""Writes to citizen feedback: complaints, their handling, satisfaction surveys."""
import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record, diff, snapshot
from isogov.capa.models import Nonconformity, Source
from isogov.capa.services import nonconformity_open
from isogov.core.db import lock
from isogov.feedback.models import Complaint, ComplaintStatus, SatisfactionSurvey
from isogov.qms.models import Procedure
from isogov.registry.models import Agency

COMPLAINT_FIELDS = ("received_on", "channel", "procedure", "citizen_name", "content")
RESPONSE_FIELDS = ("status", "responded_on", "response")
SURVEY_FIELDS = ("procedure", "period_start", "period_end", "surveyed", "satisfied", "method")


def _checked(obj, agency: Agency, procedure: Procedure | None) -> None:
    """obj's own fields, and its procedure against the agency's scope (which is other rows), refused together."""
    errors: dict[str, list[str]] = {}
    if procedure is not None and not agency.scope_items.filter(procedure=procedure).exists():
        errors["procedure"] = [_("Procedure %(code)s is not in the agency's QMS scope.") % {"code": procedure.code}]
    try:
        obj.full_clean(exclude=["procedure"] if errors else None)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def complaint_record(*, agency: Agency, actor, received_on: dt.date | None, channel: str, content: str,
                     procedure: Procedure | None = None, citizen_name: str = "") -> Complaint:
    complaint = Complaint(agency=agency, received_on=received_on, channel=channel, content=content,
                          procedure=procedure, citizen_name=citizen_name, created_by=actor)
    _checked(complaint, agency, procedure)
    complaint.save()
    audit_record(actor=actor, action=Action.CREATE, obj=complaint, agency=agency,
                 changes=snapshot(complaint, COMPLAINT_FIELDS))
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("agency").get(pk=complaint.pk)


@transaction.atomic
def complaint_respond(*, complaint: Complaint, actor, responded_on: dt.date | None, response: str) -> Complaint:
    complaint = _locked(complaint)
    if complaint.status == ComplaintStatus.HANDLED:
        raise ValidationError(_("This complaint was already answered on %(date)s.")
                              % {"date": complaint.responded_on.strftime("%d/%m/%Y")})
    before = snapshot(complaint, RESPONSE_FIELDS)
    complaint.status, complaint.responded_on, complaint.response = ComplaintStatus.HANDLED, responded_on, response
    complaint.full_clean()
    complaint.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=complaint, agency=complaint.agency,
                 changes=diff(before, snapshot(complaint, RESPONSE_FIELDS)))
    return complaint


@transaction.atomic
def complaint_open_nonconformity(*, complaint: Complaint, actor) -> Nonconformity:
    """One click: the complaint becomes a nonconformity (source: citizen complaint), linked both ways."""
    complaint = _locked(complaint)
    if complaint.nonconformity_id:
        raise ValidationError(_("This complaint already opened nonconformity #%(n)s.")
                              % {"n": complaint.nonconformity.number})
    description = complaint.content
    if complaint.procedure_id:
        description = f"{description}\n({complaint.procedure})"
    nc = nonconformity_open(agency=complaint.agency, actor=actor, source=Source.CITIZEN_COMPLAINT,
                            description=description, origin=complaint, detected_on=complaint.received_on)
    complaint.nonconformity = nc
    complaint.save(update_fields=["nonconformity"])
    audit_record(actor=actor, action=Action.UPDATE, obj=complaint, agency=complaint.agency,
                 changes={"nonconformity": [None, nc]}, note=_("Nonconformity opened"))
    return nc


@transaction.atomic
def survey_record(*, agency: Agency, actor, period_start: dt.date | None, period_end: dt.date | None,
                  surveyed: int | None, satisfied: int | None, procedure: Procedure | None = None,
                  method: str = "") -> SatisfactionSurvey:
    survey = SatisfactionSurvey(agency=agency, procedure=procedure, period_start=period_start, period_end=period_end,
                                surveyed=surveyed, satisfied=satisfied, method=method, created_by=actor)
    _checked(survey, agency, procedure)
    lock(agency)  # one result per procedure and period
    if SatisfactionSurvey.objects.filter(agency=agency, procedure=procedure, period_start=survey.period_start,
                                         period_end=survey.period_end).exists():
        raise ValidationError({NON_FIELD_ERRORS: [_("A result for this procedure and period is already recorded.")]})
    survey.save()
    audit_record(actor=actor, action=Action.CREATE, obj=survey, agency=agency, changes=snapshot(survey, SURVEY_FIELDS))
    return survey


@transaction.atomic
def survey_delete(*, survey: SatisfactionSurvey, actor) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=survey, agency=survey.agency,
                 changes=snapshot(survey, SURVEY_FIELDS))
    survey.delete()
