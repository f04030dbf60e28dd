"""The one place that decides who may read or write what.

Views and APIs call these helpers and never build permission queries of their own.
A user who may not read an agency gets a 404, so that foreign agencies' existence is not revealed;
one who may read but not write gets a 403.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from isogov.accounts.models import Role, User
from isogov.core.text import fold

if TYPE_CHECKING:  # accounts sits below the registry: the model is named by label where it is used
    from isogov.registry.models import Agency

_READ_ALL_ROLES = {Role.PROVINCE_ADMIN, Role.INSPECTOR, Role.VIEWER}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def agency_scope_q(user: User, prefix: str = "") -> Q:
    """A filter on Agency (or on a model's agency via `prefix`, e.g. "agency__") limited to what `user` may read."""
    if not _active(user):
        return Q(**{f"{prefix}pk__in": []})
    if user.role in _READ_ALL_ROLES:
        return Q()
    if user.role in (Role.SECRETARY, Role.HEAD) and user.agency_id:
        return Q(**{f"{prefix}path__startswith": user.agency.path})
    return Q(**{f"{prefix}pk__in": []})


def agencies_readable(user: User) -> QuerySet[Agency]:
    return apps.get_model("registry", "Agency").objects.filter(agency_scope_q(user))


def can_read_agency(user: User, agency: Agency) -> bool:
    if not _active(user):
        return False
    if user.role in _READ_ALL_ROLES:
        return True
    return _in_own_subtree(user, agency)


def can_write_agency(user: User, agency: Agency) -> bool:
    """Records of an agency: scope, facts, announcements, contacts."""
    if not _active(user):
        return False
    if user.role == Role.PROVINCE_ADMIN:
        return True
    return _in_own_subtree(user, agency)


def can_confirm_effectiveness(user: User, agency: Agency) -> bool:
    """The head confirms the QMS is effective (domain: "effectiveness confirmed by the head")."""
    if not _active(user):
        return False
    if user.role == Role.PROVINCE_ADMIN:
        return True
    return user.role == Role.HEAD and _in_own_subtree(user, agency)


def can_approve_documents(user: User, agency: Agency) -> bool:
    """Document control (ISO 9001 7.5.2): the agency's own head approves its documents, or the programme lead.

    Strictly that agency's head: a district head does not approve a commune's documents.
    """
    if not _active(user):
        return False
    if user.role == Role.PROVINCE_ADMIN:
        return True
    return user.role == Role.HEAD and user.agency_id == agency.pk


def can_manage_registry(user: User) -> bool:
    """Creating, importing, re-parenting and merging agencies belongs to the programme lead."""
    return _active(user) and user.role == Role.PROVINCE_ADMIN


def can_manage_users(user: User) -> bool:
    return _active(user) and user.role == Role.PROVINCE_ADMIN


def _in_own_subtree(user: User, agency: Agency) -> bool:
    if user.role not in (Role.SECRETARY, Role.HEAD) or not user.agency_id:
        return False
    return agency.path.startswith(user.agency.path)


def access_agency(user: User, code: str, *, write: bool = False) -> Agency:
    """The agency named by `code`, if `user` may read it (and write it, when asked)."""
    agency = (apps.get_model("registry", "Agency").objects.select_related("tier", "parent", "merged_into")
              .filter(code=code).first())
    if agency is None or not can_read_agency(user, agency):
        raise Http404("No such agency")
    if write and not can_write_agency(user, agency):
        raise PermissionDenied("You may read this agency but not change it")
    return agency


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


def access_risk(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "risks.Risk", pk, write=write, related=("agency", "procedure", "created_by"))


def access_risk_action(user: User, code: str, pk: int, *, write: bool = False):
    return _agency_object(user, code, "risks.RiskAction", pk, write=write, agency_path="risk__agency",
                          related=("risk__agency",))


def require_registry_manager(user: User) -> None:
    if not can_manage_registry(user):
        raise PermissionDenied("Only the programme lead manages the agency registry")


def require_user_manager(user: User) -> None:
    if not can_manage_users(user):
        raise PermissionDenied("Only the programme lead manages accounts")


def audit_scope_q(user: User) -> Q:
    """Audit events a user may read: everything for province-wide roles, their subtree's events otherwise."""
    if not _active(user):
        return Q(pk__in=[])
    if user.role in _READ_ALL_ROLES:
        return Q()
    if user.role in (Role.SECRETARY, Role.HEAD) and user.agency_id:
        return Q(agency__path__startswith=user.agency.path)
    return Q(pk__in=[])


def can_manage_programme(user: User) -> bool:
    """The provincial programme (plans, activities, budget, trainings, events) is run by the programme lead."""
    return can_manage_registry(user)


def require_programme_manager(user: User) -> None:
    if not can_manage_programme(user):
        raise PermissionDenied("Only the programme lead changes the programme")


def reads_whole_programme(user: User) -> bool:
    """Province-wide roles see every activity; agency users see only those their agencies take part in."""
    return _active(user) and user.role in _READ_ALL_ROLES


def programme_activity_q(user: User, prefix: str = "") -> Q:
    """A filter on programme activities (or, through `prefix` such as "activity__" or "line__activity__", on
    what belongs to them) limited to those `user` sees: every one for province-wide roles; for agency users
    those their agencies take part in or lead. Rows and the totals over them both go through it, so that a
    sum never counts an activity its reader cannot see."""
    if reads_whole_programme(user):
        return Q()
    Activity = apps.get_model("programme", "Activity")
    # Through a subquery: a join on the participants would repeat a row once per participating agency.
    taking_part = Activity.objects.filter(agency_scope_q(user, prefix="participants__")).values("pk")
    return Q(**{f"{prefix}pk__in": taking_part}) | agency_scope_q(user, prefix=f"{prefix}lead_unit__")


def users_who_can_write(agency: Agency) -> QuerySet[User]:
    """Active accounts that may change `agency`'s records: its own and its parents' staff, and the programme lead.

    These are the people offered as auditors and as owners of corrective actions.
    """
    parts = [p for p in agency.path.split("/") if p]
    paths = ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    return User.objects.filter(is_active=True).filter(
        Q(role=Role.PROVINCE_ADMIN) | Q(role__in=(Role.SECRETARY, Role.HEAD), agency__path__in=paths)
    ).order_by("role", "full_name", "username")


# --- flowA: access helpers of accounts, audits, capa, documents, events, feedback, objectives ---

# accounts (accounts belong to no agency: only the programme lead manages them)
def access_account(user: User, pk: int) -> User:
    """The account `pk`, for the programme lead who manages accounts (403 to anyone else, 404 if none)."""
    require_user_manager(user)
    account = User.objects.select_related("agency").filter(pk=pk).first()
    if account is None:
        raise Http404("No such account")
    return account

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

# events (programme-level: an event is read by the province-wide roles and by the agencies invited to it or present
# at it; only the programme lead changes one, through _programme_object)
def event_scope_q(user: User, prefix: str = "") -> Q:
    """A filter on events (or, through `prefix` such as "event__", on what belongs to them) that `user` may read."""
    if reads_whole_programme(user):
        return Q()
    scope = agency_scope_q(user, prefix="agency__")
    event = apps.get_model("events", "Event")
    invited = event.invited.through.objects.filter(scope).values("event_id")
    present = event.attending.through.objects.filter(scope).values("event_id")
    return Q(**{f"{prefix}pk__in": invited}) | Q(**{f"{prefix}pk__in": present})


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

# --- end flowA ---


# Separation of duties: who checks someone else's work. Each rule is a setting (settings.ISOGOV
# ["SEPARATION_OF_DUTIES"]); the workflows ask these functions and keep no copy of the rule. A "refusal"
# function answers why `user` may not take the step, or "" when they may.
_SOD_DEFAULTS = {
    "CAPA_VERIFIER_EXCLUDES": ("owner", "done_by"),
    "CAPA_PLAN_ADOPTERS": (Role.HEAD, Role.PROVINCE_ADMIN),
    "DOCUMENT_APPROVER_EXCLUDES": ("author", "submitter"),
}


def separation_of_duties(key: str) -> tuple:
    value = getattr(settings, "ISOGOV", {}).get("SEPARATION_OF_DUTIES", {}).get(key, _SOD_DEFAULTS[key])
    return tuple(value or ())


def _named_owner(user: User, actions) -> bool:
    """An action owned by a name only (no account) that is this user's name: they own it all the same."""
    names = {fold(n) for n in (getattr(user, "full_name", ""), user.get_username()) if n}
    return any(a.owner_id is None and fold(a.owner_name) in names for a in actions)


def corrective_verification_refusal(user: User, nonconformity, actions=None) -> str:
    """Effectiveness (ISO 9001:2015, 10.2.1 d) is verified by someone who may write the agency and, as the
    setting says, owns none of the actions and recorded none of them done."""
    if not can_write_agency(user, nonconformity.agency):
        return _("You may not verify this agency's corrective actions.")
    actions = list(nonconformity.actions.all()) if actions is None else actions
    excluded = separation_of_duties("CAPA_VERIFIER_EXCLUDES")
    if "owner" in excluded and (any(a.owner_id == user.pk for a in actions) or _named_owner(user, actions)):
        return _("You own one of the actions: someone who owns none of them must verify their effectiveness.")
    if "done_by" in excluded and any(a.done_by_id == user.pk for a in actions):
        return _("You recorded one of the actions as done: someone who recorded none of them must verify "
                 "their effectiveness.")
    return ""


def can_verify_corrective_action(user: User, nonconformity, actions=None) -> bool:
    return not corrective_verification_refusal(user, nonconformity, actions)


def corrective_plan_adoption_refusal(user: User, nonconformity) -> str:
    """The corrective action plan is adopted by one of the roles the setting names (by default the head of
    the agency or of a unit above it, or the programme lead), not by the secretary who drafted it."""
    if not can_write_agency(user, nonconformity.agency):
        return _("You may not change this agency's corrective actions.")
    adopters = separation_of_duties("CAPA_PLAN_ADOPTERS")
    if adopters and user.role not in adopters:
        roles = ", ".join(str(Role(r).label) for r in adopters if r in Role.values)
        return _("The corrective action plan is adopted by: %(roles)s.") % {"roles": roles}
    return ""


def _wrote_version(user: User, version) -> bool:
    from isogov.audit.models import Action, AuditEvent

    if version.created_by_id == user.pk:
        return True
    # Whoever changed the draft's file or summary wrote it too; the trail is where that is kept.
    return AuditEvent.objects.filter(object_type="documents.version", object_id=str(version.pk), actor=user,
                                     action__in=(Action.CREATE, Action.UPDATE)).exists()


def document_approval_refusal(user: User, version) -> str:
    """A version is approved (ISO 9001:2015, 7.5.2 c) by the agency's head or the programme lead who, as the
    setting says, did not write it and did not send it for review."""
    if not can_approve_documents(user, version.document.agency):
        return _("Only the head of this agency or the programme lead approves documents.")
    excluded = separation_of_duties("DOCUMENT_APPROVER_EXCLUDES")
    if "submitter" in excluded and version.submitted_by_id == user.pk:
        return _("You sent this version for review: someone else must approve it.")
    if "author" in excluded and _wrote_version(user, version):
        return _("You wrote this version: someone else must approve it.")
    return ""


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


# reviews (management reviews, their agenda and their actions)
_REVIEW_AGENCY = ("agency__tier", "agency__parent", "agency__merged_into")


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


def access_course(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "training.Course", pk, write=write, related=("organiser",))


def access_session(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "training.Session", pk, write=write, related=("course", "course__organiser"))


def access_trainee(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "training.Trainee", pk, write=write, scope=agency_scope_q(user, prefix="agency__"),
                             related=("agency", "session", "session__course"))


# programme (plans and what hangs from them: objectives, activities, evidence, budget lines, disbursements;
# only the programme lead changes them, through _programme_object above)
def programme_plan_q(user: User, prefix: str = "") -> Q:
    """Plans `user` sees (or, through `prefix` such as "activity__plan__", what belongs to them): every plan for
    province-wide roles; agency users see the approved ones, drafts being the programme lead's working papers."""
    if reads_whole_programme(user):
        return Q()
    return Q(**{f"{prefix}status": "approved"})


def access_plan(user: User, pk: int, *, write: bool = False, among: QuerySet | None = None):
    return _programme_object(user, "programme.Plan", pk, write=write, scope=programme_plan_q(user), among=among,
                             related=("lead_unit", "previous"))


def access_plan_objective(user: User, pk: int, *, write: bool = False):
    return _programme_object(user, "programme.Objective", pk, write=write, scope=programme_plan_q(user, "plan__"),
                             related=("plan",))


def _activity_scope(user: User, prefix: str = "") -> Q:
    """An activity is seen when its plan is seen and it is one of the activities `user` sees."""
    return programme_plan_q(user, f"{prefix}plan__") & programme_activity_q(user, prefix)


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
