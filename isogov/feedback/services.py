"""Writes to citizen feedback: complaints, their handling, satisfaction surveys."""
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record
from isogov.capa.models import Nonconformity, Source
from isogov.capa.services import nonconformity_open
from isogov.core.db import lock
from isogov.core.text import clean_text
from isogov.feedback.models import Channel, Complaint, ComplaintStatus, SatisfactionSurvey
from isogov.qms.models import Procedure
from isogov.registry.models import Agency


def _check_procedure(errors: dict, agency: Agency, procedure: Procedure | None) -> None:
    if procedure is not None and not agency.scope_items.filter(procedure=procedure).exists():
        errors["procedure"] = [_("Procedure %(code)s is not in the agency's QMS scope.") % {"code": procedure.code}]


def _not_future(errors: dict, field: str, value: dt.date | None) -> None:
    if value is None:
        errors[field] = [_("The date is required.")]
    elif value > timezone.localdate():
        errors[field] = [_("The date cannot be in the future.")]


@transaction.atomic
def complaint_record(*, agency: Agency, actor, received_on: dt.date | None, channel: str, content: str,
                     procedure: Procedure | None = None, citizen_name: str = "") -> Complaint:
    content, citizen_name = clean_text(content, multiline=True), clean_text(citizen_name)
    errors: dict[str, list[str]] = {}
    _not_future(errors, "received_on", received_on)
    if channel not in Channel.values:
        errors["channel"] = [_("Choose how the complaint arrived.")]
    if not content:
        errors["content"] = [_("Write what the citizen complained about.")]
    _check_procedure(errors, agency, procedure)
    if errors:
        raise ValidationError(errors)
    complaint = Complaint.objects.create(agency=agency, received_on=received_on, channel=channel, content=content,
                                         procedure=procedure, citizen_name=citizen_name[:150], created_by=actor)
    audit_record(actor=actor, action=Action.CREATE, obj=complaint, agency=agency, changes={
        "received_on": received_on, "channel": channel, "procedure": procedure.code if procedure else "",
        "citizen_name": citizen_name, "content": content})
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("agency").get(pk=complaint.pk)


@transaction.atomic
def complaint_respond(*, complaint: Complaint, actor, responded_on: dt.date | None, response: str) -> Complaint:
    complaint = _locked(complaint)
    if complaint.status == ComplaintStatus.HANDLED:
        raise ValidationError(_("This complaint was already answered on %(date)s.")
                              % {"date": complaint.responded_on.strftime("%d/%m/%Y")})
    response = clean_text(response, multiline=True)
    errors: dict[str, list[str]] = {}
    _not_future(errors, "responded_on", responded_on)
    if responded_on and responded_on < complaint.received_on:
        errors["responded_on"] = [_("The answer cannot come before the complaint (%(date)s).")
                                  % {"date": complaint.received_on.strftime("%d/%m/%Y")}]
    if not response:
        errors["response"] = [_("Write the answer given to the citizen.")]
    if errors:
        raise ValidationError(errors)
    complaint.status, complaint.responded_on, complaint.response = ComplaintStatus.HANDLED, responded_on, response
    complaint.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=complaint, agency=complaint.agency, changes={
        "status": [ComplaintStatus.RECEIVED, ComplaintStatus.HANDLED], "responded_on": [None, responded_on],
        "response": ["", response]})
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
    method = clean_text(method)
    errors: dict[str, list[str]] = {}
    if period_start is None:
        errors["period_start"] = [_("The date is required.")]
    _not_future(errors, "period_end", period_end)
    if period_start and period_end and period_start > period_end:
        errors["period_end"] = [_("The period ends before it starts.")]
    if surveyed is None or surveyed <= 0:
        errors["surveyed"] = [_("At least one citizen must have been surveyed.")]
    if satisfied is None or satisfied < 0:
        errors["satisfied"] = [_("Give the number of satisfied citizens (0 or more).")]
    elif surveyed and satisfied > surveyed:
        errors["satisfied"] = [_("More satisfied citizens (%(satisfied)s) than surveyed (%(surveyed)s).")
                               % {"satisfied": satisfied, "surveyed": surveyed}]
    _check_procedure(errors, agency, procedure)
    lock(agency)  # one result per procedure and period
    if not errors and SatisfactionSurvey.objects.filter(agency=agency, procedure=procedure, period_start=period_start,
                                                        period_end=period_end).exists():
        errors["__all__"] = [_("A result for this procedure and period is already recorded.")]
    if errors:
        raise ValidationError(errors)
    survey = SatisfactionSurvey.objects.create(agency=agency, procedure=procedure, period_start=period_start,
                                               period_end=period_end, surveyed=surveyed, satisfied=satisfied,
                                               method=method[:200], created_by=actor)
    audit_record(actor=actor, action=Action.CREATE, obj=survey, agency=agency, changes={
        "procedure": procedure.code if procedure else "", "period_start": period_start, "period_end": period_end,
        "surveyed": surveyed, "satisfied": satisfied, "method": method})
    return survey


@transaction.atomic
def survey_delete(*, survey: SatisfactionSurvey, actor) -> None:
    audit_record(actor=actor, action=Action.DELETE, obj=survey, agency=survey.agency, changes={
        "procedure": survey.procedure.code if survey.procedure_id else "", "period_start": survey.period_start,
        "period_end": survey.period_end, "surveyed": survey.surveyed, "satisfied": survey.satisfied})
    survey.delete()
