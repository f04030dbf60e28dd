"""One helper per kind of object a view or the API shows: `access_<object>(user, ..., write=)`.

Each finds the object within what `user` may read (404 otherwise) and, asked to write, checks that too (403).
Models are named by label, not imported: accounts sits below the areas whose objects it guards.
"""
from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from isogov.accounts.access.rules import (
    access_agency,
    agency_scope_q,
    can_inspect,
    can_manage_registry,
    event_scope_q,
    inspections_scope_q,
    programme_activity_q,
    programme_plan_q,
    reads_whole_programme,
    require_programme_manager,
    require_user_manager,
)
from isogov.accounts.models import User


def _agency_object(user: User, code: str, label: str, pk: int, *, write: bool, agency_path: str = "agency",
                   related: tuple[str, ...] = ()):
    """An object held by the agency named by `code`: 404 unless `user` may read that agency and the object is
    its own (a foreign object under one's own agency code is no object), 403 when asked to write and may not.
    The write check comes first, as for the agency itself, so a read-only role learns nothing from a write.

    Models are named by label, not imported: this module sits below the areas whose objects it guards.
    """
    agency = access_agency(user, code, write=write)
    model = apps.get_model(label)
    obj = model.objects.select_related(*related).filter(**{agency_path: agency}, pk=pk).first()
    if obj is None:
        raise Http404(f"No such {model._meta.model_name}")
    return obj


def _programme_object(user: User, label: str, pk: int, *, write: bool, scope: Q | None = None,
                      related: tuple[str, ...] = (), among: QuerySet | None = None):
    """An object of the provincial programme: 404 unless it exists within `scope`, then 403 when asked to
    write by someone other than the programme lead (the object is found first, as the views always did).
    `among`: the rows to look in when a page needs them annotated (a plan with its totals)."""
    model = apps.get_model(label)
    rows = model.objects.all() if among is None else among
    obj = rows.filter(scope or Q()).select_related(*related).filter(pk=pk).first()
    if obj is None:
        raise Http404(f"No such {model._meta.model_name}")
    if write:
        require_programme_manager(user)
    return obj


# reviews (management reviews, their agenda and their actions)
_REVIEW_AGENCY = ("agency__tier", "agency__parent", "agency__merged_into")


def _activity_scope(user: User, prefix: str = "") -> Q:
    """An activity is seen when its plan is seen and it is one of the activities `user` sees."""
    return programme_plan_q(user, f"{prefix}plan__") & programme_activity_q(user, prefix)


# risks
def access_risk(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "risks.Risk", pk, write=write, related=("agency", "procedure", "created_by"))


def access_risk_action(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "risks.RiskAction", pk, write=write, agency_path="risk__agency",
                          related=("risk__agency",))


# accounts (accounts belong to no agency: only the programme lead manages them)
def access_account(user: User, pk: int) -> User:
    """The account `pk`, for the programme lead who manages accounts (403 to anyone else, 404 if none)."""
    require_user_manager(user)
    account = User.objects.select_related("agency").filter(pk=pk).first()
    if account is None:
        raise Http404("No such account")
    return account


# background jobs (isogov/jobs): the person who asked, and whoever the job's kind names as its readers
def access_job(user: User, pk) -> object:
    """A long job and its result: 404 to anyone but the person who asked, or, for a job shared with the registry's
    managers (an agency import), whoever manages the registry now."""
    job = apps.get_model("jobs.Job").objects.filter(pk=pk).first() if user.is_authenticated else None
    if job is None or not (
        (job.requested_by_id == user.pk and user.is_active)
        or (job.readers == "registry_managers" and can_manage_registry(user))
    ):
        raise Http404("No such job")
    return job


# audits
def access_audit(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "audits.Audit", pk, write=write, related=("agency", "programme", "framework"))


def access_audit_area(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "audits.AuditArea", pk, write=write, agency_path="audit__agency",
                          related=("audit__agency",))


def access_checklist_item(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "audits.ChecklistItem", pk, write=write, agency_path="audit__agency",
                          related=("audit__agency", "clause"))


def access_finding(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "audits.Finding", pk, write=write, agency_path="audit__agency",
                          related=("audit__agency", "audit__programme", "audit__framework", "clause"))


# capa
def access_nonconformity(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "capa.Nonconformity", pk, write=write, related=("agency", "clause"))


def access_corrective_action(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "capa.CorrectiveAction", pk, write=write, agency_path="nonconformity__agency",
                          related=("nonconformity__agency", "owner"))


# documents
def access_document(user: User, code: str, pk: int, *, write: bool = False):
    from django.db.models import prefetch_related_objects

    document = _agency_object(user, code, "documents.Document", pk, write=write,
                              related=("agency", "owner_user", "procedure", "created_by"))
    prefetch_related_objects([document], "clauses")
    return document


def access_version(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "documents.Version", pk, write=write, agency_path="document__agency",
                          related=("document__agency",))


# events
def access_event(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "events.Event", pk, write=write, scope=event_scope_q(user),
                             related=("organiser", "activity"))


def access_material(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "events.Material", pk, write=write, scope=event_scope_q(user, "event__"),
                             related=("event",))


def access_attendee(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "events.Attendee", pk, write=write, scope=event_scope_q(user, "event__"),
                             related=("agency", "event"))


# feedback
def access_complaint(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "feedback.Complaint", pk, write=write, related=("agency", "nonconformity"))


def access_survey(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "feedback.SatisfactionSurvey", pk, write=write, related=("agency", "procedure"))


# objectives
def access_objective(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "objectives.Objective", pk, write=write, related=("agency", "created_by"))


def access_measurement(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "objectives.Measurement", pk, write=write, agency_path="objective__agency",
                          related=("objective__agency",))


# qms (the agency's QMS records; the procedure catalogue is shared by every agency)
def access_announcement(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "qms.Announcement", pk, write=write, related=("agency",))


def access_scope_procedure(user: User, code: str, pk: int, *, write: bool = False):
    """The agency named by `code` and a procedure of the shared catalogue, to take out of that agency's scope."""
    agency = access_agency(user, code, write=write)
    procedure = apps.get_model("qms.Procedure").objects.filter(pk=pk).first()
    if procedure is None:
        raise Http404("No such procedure")
    return agency, procedure


def access_review(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "reviews.Review", pk, write=write, related=(*_REVIEW_AGENCY, "fact"))


def access_agenda_item(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "reviews.AgendaItem", pk, write=write, agency_path="review__agency",
                          related=tuple(f"review__{r}" for r in _REVIEW_AGENCY))


def access_review_action(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "reviews.ReviewAction", pk, write=write, agency_path="review__agency",
                          related=tuple(f"review__{r}" for r in _REVIEW_AGENCY))


# training (courses and sessions are programme information every signed-in user reads; trainees are shown
# for the agencies the user may read; only the programme lead changes any of them)
def access_course(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "training.Course", pk, write=write, related=("organiser",))


def access_session(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "training.Session", pk, write=write, related=("course", "course__organiser"))


def access_trainee(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "training.Trainee", pk, write=write, scope=agency_scope_q(user, prefix="agency__"),
                             related=("agency", "session", "session__course"))


# programme (plans and what hangs from them: objectives, activities, evidence, budget lines, disbursements;
# only the programme lead changes them)
def access_plan(user: User, pk: int, *, write: bool = False, among: QuerySet | None = None):
    return _programme_object(user, "programme.Plan", pk, write=write, scope=programme_plan_q(user), among=among,
                             related=("lead_unit", "previous"))


def access_plan_objective(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "programme.Objective", pk, write=write, scope=programme_plan_q(user, "plan__"),
                             related=("plan",))


def access_activity(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "programme.Activity", pk, write=write, scope=_activity_scope(user),
                             related=("plan__lead_unit", "lead_unit"))


def access_evidence(user: User, activity_pk: int, pk: int, *, write: bool = False):
    """An evidence file of the activity `activity_pk`; the activity is checked first, as its page is."""
    activity = access_activity(user, activity_pk, write=write)
    evidence = apps.get_model("programme.Evidence").objects.filter(activity=activity, pk=pk).first()
    if evidence is None:
        raise Http404("No such evidence")
    return evidence


def access_budget_line(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "programme.BudgetLine", pk, write=write, scope=_activity_scope(user, "activity__"),
                             related=("activity__plan__lead_unit", "activity__lead_unit"))


def access_disbursement(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "programme.Disbursement", pk, write=write,
                             scope=_activity_scope(user, "line__activity__"),
                             related=("line__activity__plan__lead_unit", "line__activity__lead_unit"))


# inspections (activity 4): the year's plan is the province's paper, read by the province-wide roles and changed by
# the programme lead; an inspection is read by them and by the inspected agency's staff, and written by the lead
# and the inspectors of its team (rules.can_inspect)
def access_inspection_plan(user: User, pk: int, *, write: bool = False):
    scope = Q() if reads_whole_programme(user) else Q(pk__in=[])
    return _programme_object(user, "inspections.InspectionPlan", pk, write=write, scope=scope, related=("leader",))


def access_inspection(user: User, pk: int, *, write: bool = False):
    inspection = (apps.get_model("inspections.Inspection").objects.filter(inspections_scope_q(user))
                  .select_related("plan", "agency", "agency__tier", "leader").filter(pk=pk).first())
    if inspection is None:
        raise Http404("No such inspection")
    if write and not can_inspect(user, inspection.plan, inspection):
        raise PermissionDenied("Only the programme lead and the inspection's team write it")
    return inspection


def access_inspection_finding(user: User, inspection_pk: int, pk: int, *, write: bool = False):
    inspection = access_inspection(user, inspection_pk, write=write)
    finding = inspection.findings.select_related("nonconformity").filter(pk=pk).first()
    if finding is None:
        raise Http404("No such finding")
    return finding


def access_inspection_evidence(user: User, inspection_pk: int, pk: int, *, write: bool = False):
    inspection = access_inspection(user, inspection_pk, write=write)
    evidence = inspection.files.filter(pk=pk).first()
    if evidence is None:
        raise Http404("No such file")
    return evidence


def access_records_check_plan(user: User, pk: int, *, write: bool = False):
    """The plan whose records checks `user` reads, or writes as the lead or one of its inspectors."""
    plan = access_inspection_plan(user, pk)
    if write and not can_inspect(user, plan):
        raise PermissionDenied("Only the programme lead and the plan's inspectors check records")
    return plan



# the public portal's news (isogov/portal): written by the programme lead, drafts read by the province-wide roles;
# what the public sees is the portal's own rule (portal/rules.py), not an account's
def access_news_desk(user: User, *, write: bool = False) -> None:
    """404 to who may not read the news desk (drafts included), 403 to a reader asked to write."""
    if not reads_whole_programme(user):
        raise Http404("No such page")
    if write:
        require_programme_manager(user)


def access_news(user: User, pk: int, *, write: bool = False):
    scope = Q() if reads_whole_programme(user) else Q(pk__in=[])
    return _programme_object(user, "portal.News", pk, write=write, scope=scope, related=("created_by",))

# reports (the annual reports: the province's to the Ministry is the province's paper, read by the province-wide
# roles and written by the programme lead; an agency's to the lead unit is read and written as the agency is)
def access_province_report(user: User, *, write: bool = False) -> None:
    """404 to who may not read the province's report, 403 to a reader asked to write its text."""
    if not reads_whole_programme(user):
        raise Http404("No such report")
    if write:
        require_programme_manager(user)


def access_agency_report(user: User, code: str, *, write: bool = False):
    """The agency whose annual report `user` reads (404 otherwise), or writes as its own staff or the lead (403)."""
    return access_agency(user, code, write=write)


# library (the province's templates: read by everyone signed in, written by the programme lead; an agency's
# adoption of one is read and written as the agency is)
def access_template(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "library.Template", pk, write=write, related=("latest", "procedure"))


def access_template_adoption(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "library.Adoption", pk, write=write,
                          related=("agency", "template__latest", "template__procedure", "version", "document"))


# API tokens: each person's own (accounts/views_tokens.py); nobody else's is found, not even by the programme lead
def access_token(user: User, pk: int):
    token = apps.get_model("accounts.ApiToken").objects.filter(user=user, pk=pk).first() if user.is_authenticated \
        else None
    if token is None:
        raise Http404("No such token")
    return token


__all__ = [
    "access_template",
    "access_template_adoption",
    "access_token",
    "access_agency_report",
    "access_province_report",
    "access_inspection",
    "access_job",
    "access_inspection_evidence",
    "access_inspection_finding",
    "access_inspection_plan",
    "access_records_check_plan",
    "access_account",
    "access_activity",
    "access_agenda_item",
    "access_announcement",
    "access_attendee",
    "access_audit",
    "access_audit_area",
    "access_budget_line",
    "access_checklist_item",
    "access_complaint",
    "access_corrective_action",
    "access_course",
    "access_disbursement",
    "access_document",
    "access_event",
    "access_evidence",
    "access_finding",
    "access_material",
    "access_news",
    "access_news_desk",
    "access_measurement",
    "access_nonconformity",
    "access_objective",
    "access_plan",
    "access_plan_objective",
    "access_review",
    "access_review_action",
    "access_risk",
    "access_risk_action",
    "access_scope_procedure",
    "access_session",
    "access_survey",
    "access_trainee",
    "access_version",
]

