"""What every route of the URL configuration should answer, by role, on real objects (see world.py).

The objects walked belong to district 844 or to the province; the roles are named by their relation to
them: `secretary` and `head` work for 844, `outsider_*` for 842. Each route has a kind, saying what its
methods do, and one or more cases: the URL's arguments and who may not know the object exists (404),
who may read it and who may change it (403 for the others).
"""
from dataclasses import dataclass, field

LEAD, SECRETARY, HEAD = "lead", "secretary", "head"
OUTSIDER_SECRETARY, OUTSIDER_HEAD = "outsider_secretary", "outsider_head"
INSPECTOR, VIEWER, ANONYMOUS = "inspector", "viewer", "anonymous"
# A ministry's read-only roles: the national viewer reads everything; a province viewer reads its agency's subtree
# (here 844's, and 842's for the outsider) and, like every viewer, writes nothing.
NATIONAL_VIEWER, PROVINCE_VIEWER, OUTSIDER_VIEWER = "national_viewer", "province_viewer", "outsider_viewer"
SIGNED_IN = frozenset({LEAD, SECRETARY, HEAD, OUTSIDER_SECRETARY, OUTSIDER_HEAD, INSPECTOR, VIEWER, NATIONAL_VIEWER,
                       PROVINCE_VIEWER, OUTSIDER_VIEWER})
ROLES = sorted(SIGNED_IN) + [ANONYMOUS]
WHOLE = frozenset({LEAD, INSPECTOR, VIEWER, NATIONAL_VIEWER})  # province-wide readers
STAFF = frozenset({SECRETARY, HEAD})  # of 844: they read and write its records
STAFF_READERS = STAFF | {PROVINCE_VIEWER}  # who read 844's records as its staff do
OUTSIDERS = frozenset({OUTSIDER_SECRETARY, OUTSIDER_HEAD, OUTSIDER_VIEWER})  # of 842
READ_ALL_VIEWERS = frozenset({VIEWER, NATIONAL_VIEWER})
ONLY_LEAD = frozenset({LEAD})
NOBODY = frozenset()

# What GET and POST do on a route of each kind: "read", "write", or None (405 for everyone signed in).
KINDS = {
    "R": ("read", None),  # a page or a file
    "RR": ("read", "read"),  # a page whatever the method
    "W": ("write", "write"),  # a form: shown and posted by those who may write
    "RW": ("read", "write"),  # a page with a form on it
    "P": (None, "write"),  # a button
}


@dataclass(frozen=True)
class Case:
    kwargs: dict
    hidden: frozenset = NOBODY  # answered 404, as if the object did not exist
    read: frozenset = SIGNED_IN
    write: frozenset = ONLY_LEAD
    label: str = ""
    get_ok: tuple = (200,)  # what a reader's GET answers
    extra: dict = field(default_factory=dict)
    # Roles refused a write by 403 before the object is looked up: they may read every agency, so it hides
    # nothing from them that the object exists.
    refused_before_lookup: frozenset = NOBODY


def agency_case(code: str, **kwargs) -> Case:
    """A page of agency 844 (or of its commune): its staff and the province-wide roles read it, the lead and its
    staff change it, other agencies' staff do not know it exists."""
    return Case({"code": code, **kwargs}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS, write=ONLY_LEAD | STAFF)


def agency_object(w, attr: str, *, write=ONLY_LEAD | STAFF, **more) -> list[Case]:
    """An object of 844 under its own agency, and the same object under 842's code, which nobody may reach."""
    pk = getattr(w.foreign, attr).pk
    return [
        Case({"code": "844", "pk": pk, **more}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS, write=write, label=attr),
        # 842's viewer reads 842 but writes nothing there: refused before the object is looked up, as the others.
        Case({"code": "842", "pk": pk, **more}, hidden=SIGNED_IN, label=f"{attr} of 844 under 842",
             refused_before_lookup=READ_ALL_VIEWERS | {INSPECTOR, OUTSIDER_VIEWER}),
    ]


def _agency_only(write=ONLY_LEAD | STAFF):
    return lambda w: [Case({"code": "844"}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS, write=write)]


def _obj(attr, **kw):
    return lambda w: agency_object(w, attr, **kw)


def _province(read=SIGNED_IN, write=ONLY_LEAD):
    return lambda w: [Case({}, read=read, write=write)]


def _plans(w, *, approved_read=True):
    """The draft plan is the lead's working paper; the approved plan is read by everyone signed in."""
    cases = [Case({"pk": w.draft_plan.pk}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE, label="draft plan")]
    if approved_read:
        cases.append(Case({"pk": w.plan.pk}, label="approved plan"))
    return cases


def _activity(w, attr="activity"):
    """An activity only 844 takes part in, or its budget line or disbursement: programme data only the lead
    changes, that 842's staff do not see."""
    return [Case({"pk": getattr(w.foreign, attr).pk}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS, label=attr)]


def _evidence(w):
    return [
        Case({"pk": w.foreign.activity.pk, "evidence_pk": w.foreign.evidence.pk}, hidden=OUTSIDERS,
             read=WHOLE | STAFF_READERS, label="evidence"),
        Case({"pk": w.own.activity.pk, "evidence_pk": w.foreign.evidence.pk}, hidden=SIGNED_IN,
             label="evidence of 844 under 842's activity",
             refused_before_lookup=OUTSIDERS | READ_ALL_VIEWERS | {INSPECTOR}),
    ]


def _event(attr):
    return lambda w: [Case({"pk": getattr(w.foreign, attr).pk}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS,
                           label=attr)]


def _account(w):
    return [Case({"pk": w.bob.pk}, read=ONLY_LEAD, write=ONLY_LEAD, label="bob's account")]


INSPECTORS = frozenset({LEAD, INSPECTOR})


def _inspection_plan():
    """The year's plan: read by the province-wide roles; agency staff are not told it exists."""
    return lambda w: [Case({"pk": w.inspection_plan.pk}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]


def _inspection():
    """844's on-site inspection: read by 844's staff and the province-wide roles, written by the lead and the
    inspector of the plan's team."""
    return lambda w: [Case({"pk": w.foreign.inspection.pk}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS,
                           write=INSPECTORS)]


def _inspection_file():
    return lambda w: [
        Case({"pk": w.foreign.inspection.pk, "file_pk": w.foreign.inspection_file.pk}, hidden=OUTSIDERS,
             read=WHOLE | STAFF_READERS, write=INSPECTORS, label="evidence file"),
        Case({"pk": w.own.inspection.pk, "file_pk": w.foreign.inspection_file.pk}, hidden=SIGNED_IN,
             label="844's file under 842's inspection", refused_before_lookup=OUTSIDERS | READ_ALL_VIEWERS),
    ]


def _job(w):
    return [Case({"pk": w.foreign.job.pk}, hidden=SIGNED_IN - {SECRETARY}, read=frozenset({SECRETARY}),
                 label="bob's export")]


# route name (or pattern when unnamed) → (kind, cases)
ROUTES = {
    # accounts
    "accounts:password_change": ("W", _province(write=SIGNED_IN)),
    "accounts:user_list": ("RR", _province(read=ONLY_LEAD)),
    # each person's own API tokens: nobody else's is found
    "accounts:tokens": ("W", _province(write=SIGNED_IN)),
    "accounts:token_revoke": ("P", lambda w: [Case({"pk": w.foreign.token.pk}, hidden=SIGNED_IN - {SECRETARY},
                                                   write=frozenset({SECRETARY}), label="bob's token")]),
    # the Word templates of the signable documents: the programme lead's
    "doctemplates:index": ("R", _province(read=ONLY_LEAD)),
    "doctemplates:detail": ("RW", lambda w: [Case({"key": "review_minutes"}, read=ONLY_LEAD)]),
    "doctemplates:download": ("R", lambda w: [Case({"key": "review_minutes"}, read=ONLY_LEAD)]),
    "doctemplates:reset": ("P", lambda w: [Case({"key": "review_minutes"}, read=ONLY_LEAD)]),
    "accounts:user_create": ("W", _province(read=ONLY_LEAD)),
    "accounts:user_edit": ("W", _account),
    "accounts:user_set_active": ("P", _account),
    "accounts:user_password": ("W", _account),
    # registry
    "registry:agency_list": ("R", _province()),
    "registry:agency_create": ("W", _province()),
    "registry:agency_import": ("W", _province()),
    "registry:agency_export": ("RW", _province(write=SIGNED_IN)),  # POST: the export as a background job
    "registry:agency_detail": ("R", _agency_only()),
    "registry:agency_edit": ("W", _agency_only()),
    "registry:agency_merge": ("W", _agency_only(write=ONLY_LEAD)),
    # qms
    "qms:procedures": ("RW", _province()),
    "qms:transition": ("P", _agency_only()),
    "qms:fact_create": ("P", _agency_only()),
    "qms:announce": ("W", _agency_only()),
    "qms:announcement_decision": ("R", _agency_only()),
    "qms:announcement_decision_pdf": ("R", _agency_only()),
    "qms:announcement_notice": ("R", _agency_only()),
    "qms:announcement_notice_pdf": ("R", _agency_only()),
    "qms:announcement_file": ("R", _obj("announcement")),
    "qms:scope": ("RW", _agency_only()),
    # A procedure is the national catalogue's, not the agency's: under another code it is simply not in scope.
    "qms:scope_remove": ("P", lambda w: agency_object(w, "procedure")[:1]),
    # the province's procedure catalogue and legal texts (the lead's), an agency's proposed scope and edition move
    "catalogue:index": ("R", _province()),
    "catalogue:publication_upload": ("W", _province(read=ONLY_LEAD)),
    "catalogue:publication": ("R", lambda w: [Case({"pk": w.publication.pk}, read=ONLY_LEAD)]),
    "catalogue:publication_apply": ("P", lambda w: [Case({"pk": w.publication.pk}, read=ONLY_LEAD)]),
    "catalogue:publication_cancel": ("P", lambda w: [Case({"pk": w.publication.pk}, read=ONLY_LEAD)]),
    "catalogue:legal_index": ("R", _province(read=WHOLE)),
    "catalogue:legal_create": ("W", _province(read=ONLY_LEAD)),
    "catalogue:legal_detail": ("R", lambda w: [Case({"pk": w.legal_text.pk}, read=WHOLE)]),
    "catalogue:proposal": ("RW", _agency_only()),
    "catalogue:edition": ("RW", _agency_only()),
    # audit trail
    "audit:event_list": ("RR", _province()),
    "audit:event_export": ("RW", _province(write=SIGNED_IN)),  # POST starts the export as a background job
    # background jobs: only who asked (bob, 844's secretary)
    "jobs:job_list": ("R", _province()),
    "jobs:job_detail": ("R", _job),
    "jobs:job_status": ("R", _job),
    "jobs:job_download": ("R", _job),
    # documents
    "documents:overdue_legal": ("R", _province()),
    "documents:agency_index": ("R", _agency_only()),
    "documents:create": ("W", _agency_only()),
    "documents:detail": ("R", _obj("document")),
    "documents:edit": ("W", _obj("document")),
    "documents:incorporate": ("P", _obj("document")),
    "documents:reviewed": ("P", _obj("document")),
    "documents:version_create": ("W", _obj("document")),
    "documents:version_edit": ("W", _obj("version")),
    "documents:version_transition": ("P", _obj("version")),
    "documents:version_file": ("R", _obj("version")),
    # the template library: the province's templates (read by everyone signed in, written by the lead); an agency's
    # adoption of one, read and written as the agency is
    "library:index": ("R", _province()),
    "library:template_create": ("W", _province()),
    "library:template": ("R", lambda w: [Case({"pk": w.template.pk})]),
    "library:version_create": ("W", lambda w: [Case({"pk": w.template.pk})]),
    "library:version": ("R", lambda w: [Case({"pk": w.template.pk, "number": 2})]),
    "library:version_docx": ("R", lambda w: [Case({"pk": w.template.pk, "number": 2})]),
    "library:agency_index": ("R", _agency_only()),
    "library:adopt": ("W", lambda w: [agency_case("844", pk=w.manual.pk)]),
    "library:adoption": ("R", _obj("adoption")),
    "library:adoption_take": ("P", _obj("adoption")),
    "library:adoption_handled": ("P", _obj("adoption")),
    # quality objectives
    "objectives:agency_index": ("R", _agency_only()),
    "objectives:create": ("W", _agency_only()),
    "objectives:import": ("W", _agency_only()),
    "objectives:detail": ("R", _obj("objective")),
    "objectives:edit": ("W", _obj("objective")),
    "objectives:delete": ("P", _obj("objective")),
    "objectives:measure": ("P", _obj("objective")),
    "objectives:measurement_delete": ("P", _obj("measurement")),
    # risks
    "risks:agency_index": ("R", _agency_only()),
    "risks:create": ("W", _agency_only()),
    "risks:detail": ("R", _obj("risk")),
    "risks:edit": ("W", _obj("risk")),
    "risks:delete": ("P", _obj("risk")),
    "risks:action_add": ("P", _obj("risk")),
    "risks:action_done": ("P", _obj("risk_action")),
    # internal audits
    "audits:agency_index": ("R", _agency_only()),
    "audits:create": ("W", _agency_only()),
    "audits:detail": ("R", _obj("audit")),
    "audits:edit": ("W", _obj("audit")),
    "audits:team": ("P", _obj("audit")),
    "audits:area_add": ("P", _obj("audit")),
    "audits:start": ("P", _obj("audit")),
    "audits:finding_add": ("P", _obj("audit")),
    "audits:report": ("P", _obj("audit")),
    "audits:cancel": ("P", _obj("audit")),
    "audits:report_docx": ("R", _obj("audit")),
    "audits:report_pdf": ("R", _obj("audit")),
    "audits:area_remove": ("P", _obj("area")),
    "audits:checklist_item": ("P", _obj("checklist_item")),
    "audits:finding_remove": ("P", _obj("finding")),
    # nonconformities
    "capa:province_list": ("R", _province()),
    "capa:agency_index": ("R", _agency_only()),
    "capa:create": ("W", _agency_only()),
    "capa:detail": ("R", _obj("nc")),
    "capa:edit": ("P", _obj("nc")),
    "capa:root_cause": ("P", _obj("nc")),
    "capa:step": ("P", _obj("nc")),
    "capa:verify": ("P", _obj("nc")),
    "capa:cancel": ("P", _obj("nc")),
    "capa:action_add": ("P", _obj("nc")),
    "capa:action_edit": ("P", _obj("action")),
    "capa:action_done": ("P", _obj("action")),
    "capa:action_reopen": ("P", _obj("action")),
    "capa:action_delete": ("P", _obj("action")),
    # management reviews
    "reviews:agency_index": ("R", _agency_only()),
    "reviews:plan": ("W", _agency_only()),
    "reviews:detail": ("R", _obj("review")),
    "reviews:edit": ("W", _obj("planned_review")),
    "reviews:hold": ("P", _obj("planned_review")),
    "reviews:delete": ("P", _obj("planned_review")),
    "reviews:action_add": ("P", _obj("review")),
    "reviews:minutes": ("R", _obj("review")),
    "reviews:minutes_pdf": ("R", _obj("review")),
    "reviews:agenda_note": ("P", _obj("agenda_item")),
    "reviews:action_done": ("P", _obj("review_action")),
    # citizen feedback
    "feedback:agency_index": ("R", _agency_only()),
    "feedback:complaint_create": ("P", _agency_only()),
    "feedback:complaint_respond": ("P", _obj("complaint")),
    "feedback:complaint_nonconformity": ("P", _obj("complaint")),
    "feedback:survey_create": ("P", _agency_only()),
    "feedback:survey_delete": ("P", _obj("survey")),
    # compliance
    "compliance:index": ("R", _province()),
    "compliance:agency_card": ("R", _agency_only()),
    # inspections: the plan is the province's paper; an inspection is read by its agency's staff too, and written
    # by the lead and the plan's inspector (the world's inspector leads the team)
    "inspections:index": ("R", _province(read=WHOLE)),
    "inspections:plan_create": ("W", _province(read=ONLY_LEAD)),
    "inspections:inspectors": ("R", _province(read=WHOLE)),
    "inspections:inspector_edit": ("W", lambda w: [Case({"pk": w.inspector.pk}, read=ONLY_LEAD)]),
    "inspections:plan": ("R", _inspection_plan()),
    "inspections:plan_edit": ("W", _inspection_plan()),
    "inspections:onsite": ("RW", _inspection_plan()),
    "inspections:plan_approve": ("P", _inspection_plan()),
    "inspections:plan_docx": ("R", _inspection_plan()),
    "inspections:plan_pdf": ("R", _inspection_plan()),
    "inspections:summary": ("R", _inspection_plan()),
    "inspections:records_check": ("RW", lambda w: [Case({"pk": w.inspection_plan.pk, "code": "STP"},
                                                        hidden=STAFF_READERS | OUTSIDERS, read=WHOLE,
                                                        write=INSPECTORS)]),
    "inspections:inspection": ("R", _inspection()),
    "inspections:inspection_edit": ("W", _inspection()),
    "inspections:checklist": ("W", _inspection()),
    "inspections:finding_add": ("P", _inspection()),
    "inspections:record": ("P", _inspection()),
    "inspections:signed_upload": ("P", _inspection()),
    "inspections:signed_file": ("R", _inspection()),
    "inspections:evidence_add": ("P", _inspection()),
    "inspections:evidence_file": ("R", _inspection_file()),
    "inspections:evidence_remove": ("P", _inspection_file()),
    "inspections:decision_docx": ("R", _inspection()),
    "inspections:decision_pdf": ("R", _inspection()),
    "inspections:record_docx": ("R", _inspection()),
    "inspections:record_pdf": ("R", _inspection()),
    "inspections:agency_index": ("R", _agency_only()),
    # scoring (every reader sees the figures of the agencies they may read)
    "scoring:index": ("R", _province()),
    "scoring:explain": ("R", lambda w: [Case({"year": 2020, "scope": "province-wide", "key": "announced"})]),
    "scoring:agency": ("R", _agency_only()),
    "scoring:rulesets": ("R", _province()),
    # the province dashboard (every reader sees the figures of the agencies they may read)
    "dashboard:province": ("R", _province()),
    "dashboard:agencies": ("R", _province()),
    # programme
    "programme:index": ("R", _province()),
    "programme:plan_create": ("W", _province()),
    "programme:plan_detail": ("R", _plans),
    "programme:plan_edit": ("W", lambda w: _plans(w, approved_read=False)),
    "programme:plan_approve": ("P", lambda w: _plans(w, approved_read=False)),
    "programme:plan_decision_file": ("R", _plans),
    "programme:plan_next": ("W", _plans),
    "programme:objective_create": ("P", lambda w: _plans(w, approved_read=False)),
    "programme:objective_edit": ("W", lambda w: [Case({"pk": w.programme_objective.pk})]),
    "programme:plan_activities": ("R", _plans),
    "programme:activity_create": ("W", lambda w: _plans(w, approved_read=False)),
    "programme:activity_detail": ("R", _activity),
    "programme:activity_edit": ("W", _activity),
    "programme:activity_progress": ("P", _activity),
    "programme:evidence_add": ("P", _activity),
    "programme:evidence_file": ("R", _evidence),
    "programme:evidence_delete": ("P", _evidence),
    "programme:line_create": ("W", _activity),
    "programme:plan_budget": ("R", _plans),
    "programme:line_edit": ("W", lambda w: _activity(w, "line")),
    "programme:line_disburse": ("P", lambda w: _activity(w, "line")),
    "programme:disbursement_reverse": ("P", lambda w: _activity(w, "disbursement")),
    "programme:plan_xlsx": ("R", _plans),
    "programme:plan_docx": ("R", _plans),
    "programme:plan_pdf": ("R", _plans),
    # training
    "training:index": ("R", _province()),
    "training:coverage": ("R", _province()),
    "training:course_create": ("W", _province()),
    "training:course_detail": ("R", lambda w: [Case({"pk": w.course.pk})]),
    "training:course_edit": ("W", lambda w: [Case({"pk": w.course.pk})]),
    "training:session_create": ("W", lambda w: [Case({"pk": w.course.pk})]),
    "training:session_detail": ("R", lambda w: [Case({"pk": w.session.pk})]),
    "training:session_edit": ("W", lambda w: [Case({"pk": w.session.pk})]),
    "training:trainee_add": ("P", lambda w: [Case({"pk": w.session.pk})]),
    "training:session_import": ("W", lambda w: [Case({"pk": w.session.pk})]),
    "training:trainee_edit": ("W", _event("trainee")),
    "training:trainee_remove": ("P", _event("trainee")),
    "training:agency_index": ("R", _agency_only()),
    # events
    "events:index": ("R", _province()),
    "events:event_create": ("W", _province()),
    "events:event_detail": ("R", lambda w: _event("event")(w) + [Case({"pk": w.shared_event.pk},
                                                                      label="event both districts attended")]),
    "events:event_edit": ("W", _event("event")),
    "events:attendance": ("W", _event("event")),
    "events:attendee_add": ("P", _event("event")),
    "events:material_add": ("P", _event("event")),
    "events:attendee_remove": ("P", _event("attendee")),
    "events:material_download": ("R", _event("material")),
    "events:material_remove": ("P", _event("material")),
    "events:agency_index": ("R", _agency_only()),
    # the registers as XLSX: the page's rows, its filters and its scope
    # the registers' downloads: a GET returns the file, the button's POST starts a background job for any reader
    "documents:register_xlsx": ("RW", _agency_only(write=WHOLE | STAFF_READERS)),
    "risks:register_xlsx": ("RW", _agency_only(write=WHOLE | STAFF_READERS)),
    "capa:log_xlsx": ("RW", _agency_only(write=WHOLE | STAFF_READERS)),
    "compliance:table_xlsx": ("RW", _province(write=SIGNED_IN)),
    "training:coverage_xlsx": ("RW", _province(write=SIGNED_IN)),
    # home: "/" sends each signed-in role on (to its agency's to-do or the province); the to-do is a page of 844
    "home:home": ("R", lambda w: [Case({}, get_ok=(302,))]),
    "home:agency_todo": ("R", _agency_only()),
    # annual reports: the province's is the province's paper (its text written by the lead); an agency's is read
    # and written as the agency is
    "reports:index": ("R", lambda w: [Case({}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE, get_ok=(302,))]),
    "reports:province": ("R", lambda w: [Case({"year": 2020}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]),
    "reports:province_text": ("W", lambda w: [Case({"year": 2020}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]),
    # the files: a GET returns the file, the buttons' POST starts a background job for any reader
    "reports:province_file": ("RW", lambda w: [Case({"year": 2020, "fmt": "xlsx"}, hidden=STAFF_READERS | OUTSIDERS,
                                                    read=WHOLE, write=WHOLE)]),
    "reports:agency_index": ("R", lambda w: [Case({"code": "844"}, hidden=OUTSIDERS, read=WHOLE | STAFF_READERS,
                                                  get_ok=(302,))]),
    "reports:agency": ("R", lambda w: [agency_case("844", year=2020)]),
    "reports:agency_text": ("W", lambda w: [agency_case("844", year=2020)]),
    "reports:agency_file": ("RW", lambda w: [Case({"code": "844", "year": 2020, "fmt": "docx"}, hidden=OUTSIDERS,
                                                  read=WHOLE | STAFF_READERS, write=WHOLE | STAFF_READERS)]),
    # notifications: each person's own, about what they may read; their preferences
    "notifications:index": ("R", _province()),
    "notifications:mark_all_read": ("P", _province(write=SIGNED_IN)),
    "notifications:mark_read": ("P", lambda w: [Case({"pk": w.bob_notification.pk}, hidden=SIGNED_IN - {SECRETARY},
                                                     write=frozenset({SECRETARY}), label="bob's notification")]),
    "notifications:preferences": ("W", _province(write=SIGNED_IN)),
    # the public portal's news desk: province-wide roles read the drafts, the programme lead writes
    "portal:news_desk": ("R", lambda w: [Case({}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]),
    "portal:news_create": ("W", lambda w: [Case({}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]),
    "portal:news_edit": ("W", lambda w: [Case({"pk": w.news.pk}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]),
    "portal:news_publish": ("P", lambda w: [Case({"pk": w.draft_news.pk}, hidden=STAFF_READERS | OUTSIDERS,
                                                 read=WHOLE)]),
    "portal:news_unpublish": ("P", lambda w: [Case({"pk": w.news.pk}, hidden=STAFF_READERS | OUTSIDERS, read=WHOLE)]),
    # search: every signed-in reader, each within what they may read (isogov/search/tests)
    "search:results": ("R", _province()),
}

# Routes open to anyone: they name no object of an agency. Each is still requested by every role, and must
# answer without an error.
PUBLIC = {"healthz", "login", "logout", "set_language", "favicon"}
# The public portal's pages (isogov/portal, no login): walked anonymously, over private records, by
# portal/tests/test_public_pages.py, which fails on a public route it does not walk.
PUBLIC_NAMESPACES = {"public"}
