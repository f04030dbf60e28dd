"""The benchmarks and, for each, the SQL a skilled engineer would hand-write for the figures or rows its page
shows, paged as the page is paged (50 agencies, 50 events). Portable SQL: the date thresholds are computed in
Python and passed as parameters, so the same text runs on SQLite and PostgreSQL."""
import datetime as dt
from dataclasses import dataclass
from typing import Callable

from django.conf import settings

from bench import raw_dashboard
from isogov.core.dates import add_months

PAGE = 50


@dataclass
class Bench:
    name: str
    url: str
    user: str  # "lead", "secretary" or "anonymous" (the public portal)
    raw: Callable
    province_wide: bool = True


def context_for(today: dt.date) -> dict:
    from isogov.accounts.models import User
    from isogov.programme.models import Plan
    from isogov.registry.models import Agency

    # The secretary of the first district (or, under two tiers, the first province's first commune): a subtree.
    agency = (Agency.objects.filter(tier__code="district").order_by("code").first()
              or Agency.objects.filter(parent__isnull=False).order_by("code").first())
    secretary = User.objects.get(agency=agency, role="secretary")
    return {"today": today, "year": today.year, "plan": Plan.objects.order_by("-start_year").first(),
            "agency": agency, "secretary_username": secretary.username,
            "users": {u.username: u for u in User.objects.filter(username__in=["lead", secretary.username])}}


def rows(cursor, sql: str, params=()) -> list:
    cursor.execute(sql, params)
    return cursor.fetchall()


# The compliance card's inputs per active agency: the last internal audit and review, overdue legal texts, open
# nonconformities with an overdue action, the year's objectives (measured, achieved), the QMS state.
CARD_INPUTS = """
SELECT a.id, a.code, a.name, a.tier_id, a.qms_state, f.audit, f.review, COALESCE(l.n, 0), COALESCE(c.n, 0),
       COALESCE(o.total, 0), COALESCE(o.achieved, 0), COALESCE(o.measured, 0)
FROM registry_agency a
LEFT JOIN (SELECT agency_id, MAX(CASE WHEN kind = 'internal_audit' THEN date END) AS audit,
                  MAX(CASE WHEN kind = 'management_review' THEN date END) AS review
           FROM qms_qmsfact GROUP BY agency_id) f ON f.agency_id = a.id
LEFT JOIN (SELECT agency_id, COUNT(*) AS n FROM documents_document
           WHERE kind = 'external' AND incorporated_on IS NULL AND legal_due_on < %s GROUP BY agency_id) l
       ON l.agency_id = a.id
LEFT JOIN (SELECT nc.agency_id, COUNT(DISTINCT nc.id) AS n FROM capa_nonconformity nc
           JOIN capa_correctiveaction ca ON ca.nonconformity_id = nc.id
           WHERE nc.state IN ('draft', 'analysed', 'action_plan', 'in_progress', 'awaiting_verification')
             AND ca.done_on IS NULL AND ca.due_date < %s GROUP BY nc.agency_id) c ON c.agency_id = a.id
LEFT JOIN (SELECT agency_id, COUNT(*) AS total, SUM(CASE WHEN year_achieved THEN 1 ELSE 0 END) AS achieved,
                  SUM(CASE WHEN periods_measured > 0 THEN 1 ELSE 0 END) AS measured
           FROM objectives_objective WHERE year = %s GROUP BY agency_id) o ON o.agency_id = a.id
WHERE a.status = 'active'
"""
# Green when nothing is overdue: both periodic duties within their interval, no overdue legal text or action,
# no re-announcement due, and the objectives' share achieved at the green threshold.
CARD_OK = """(audit >= %s AND review >= %s AND legal = 0 AND capa = 0 AND qms_state <> 'reannounce_due'
              AND (total = 0 OR achieved * 100 >= total * %s))"""


def card_params(ctx) -> tuple:
    today = ctx["today"]
    return (today, today, ctx["year"])


def ok_params(ctx) -> tuple:
    today = ctx["today"]
    return (add_months(today, -12), add_months(today, -settings.ISOGOV["MANAGEMENT_REVIEW_MONTHS"]),
            settings.ISOGOV["OBJECTIVES_GREEN_SHARE"])


def compliance_raw(*, paged: bool, rollup: bool = True):
    def run(cursor, ctx):
        columns = ("id", "code", "name", "tier_id", "qms_state", "audit", "review", "legal", "capa", "total",
                   "achieved", "measured")
        cards = f"WITH c({', '.join(columns)}) AS ({CARD_INPUTS}), k AS (SELECT c.*, {CARD_OK} AS ok FROM c) "
        params = card_params(ctx) + ok_params(ctx)
        if paged:
            # The page, then the counts per tier and per district (each agency's roll-up key, as the dashboard's
            # raw SQL: its own path where it heads a district, else its parent's) and the districts' names.
            rows(cursor, f"{cards} SELECT * FROM k ORDER BY code LIMIT {PAGE}", params)
            if not rollup:  # the plan overview: the counts per tier alone
                return rows(cursor, f"{cards} SELECT tier_id, COUNT(*), SUM(CASE WHEN ok THEN 1 ELSE 0 END) FROM k "
                                    "GROUP BY tier_id", params)
            rows(cursor, "SELECT a.path, a.code, a.name FROM registry_agency a "
                         "JOIN registry_tier t ON t.id = a.tier_id "
                         "LEFT JOIN registry_agency p ON p.id = a.parent_id WHERE t.code = 'district' "
                         "AND (p.id IS NULL OR p.tier_id <> a.tier_id) ORDER BY a.path")
            return rows(cursor, f"""{cards} SELECT k.tier_id, CASE WHEN t.code = 'district' AND
                                    (p.id IS NULL OR p.tier_id <> a.tier_id) THEN a.path ELSE p.path END AS key,
                                    COUNT(*), SUM(CASE WHEN ok THEN 1 ELSE 0 END)
                                FROM k JOIN registry_agency a ON a.id = k.id JOIN registry_tier t ON t.id = a.tier_id
                                LEFT JOIN registry_agency p ON p.id = a.parent_id GROUP BY k.tier_id, key""", params)
        return rows(cursor, f"{cards} SELECT * FROM k JOIN registry_tier t ON t.id = k.tier_id "
                            "ORDER BY t.rank, k.code", params)
    return run


def plan_overview(cursor, ctx):
    """The plan's measured objectives: agencies by tier and QMS state, the training coverage by the page's own rule
    (at least TRAINING_MIN_PER_AGENCY people trained; secretaries trained, by mark or by name), the compliant
    agencies, and the plan's activities."""
    rows(cursor, "SELECT tier_id, qms_state, mandatory, COUNT(*) FROM registry_agency WHERE status = 'active' "
                 "GROUP BY tier_id, qms_state, mandatory")
    training_coverage(cursor, ctx)
    rows(cursor, "SELECT a.id, a.number, a.title, a.status, a.progress FROM programme_activity a "
                 "WHERE a.plan_id = %s ORDER BY a.number", (ctx["plan"].pk,))
    return compliance_raw(paged=True, rollup=False)(cursor, ctx)


def training_coverage(cursor, ctx, ids=None):
    """The coverage by tier: active agencies, covered (at least TRAINING_MIN_PER_AGENCY distinct people trained),
    with a secretary (named or a trainee marked), and of those trained: marked, or a trained person by the
    secretary's folded name (registry_agency.secretary_key, training_trainee.name_key)."""
    marks = ", ".join(["%s"] * len(ids)) if ids else ""
    scope, trainees = (f" AND a.id IN ({marks})", f" WHERE agency_id IN ({marks})") if ids else ("", "")
    params = list(ids or [])
    return rows(cursor, f"""
        SELECT a.tier_id, COUNT(*), SUM(CASE WHEN COALESCE(t.trained, 0) >= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN t.marked_any > 0 OR a.secretary_key <> '' THEN 1 ELSE 0 END),
               SUM(CASE WHEN (t.marked_any > 0 OR a.secretary_key <> '')
                         AND (t.marked > 0 OR nm.agency_id IS NOT NULL) THEN 1 ELSE 0 END)
        FROM registry_agency a
        LEFT JOIN (SELECT agency_id, COUNT(DISTINCT CASE WHEN completed THEN name_key END) AS trained,
                          SUM(CASE WHEN completed AND is_iso_secretary THEN 1 ELSE 0 END) AS marked,
                          SUM(CASE WHEN is_iso_secretary THEN 1 ELSE 0 END) AS marked_any
                   FROM training_trainee{trainees} GROUP BY agency_id) t ON t.agency_id = a.id
        LEFT JOIN (SELECT DISTINCT tr.agency_id FROM training_trainee tr JOIN registry_agency s ON s.id = tr.agency_id
                   WHERE tr.completed AND s.secretary_key <> '' AND tr.name_key = s.secretary_key) nm
               ON nm.agency_id = a.id
        WHERE a.status = 'active'{scope} GROUP BY a.tier_id""",
                [settings.ISOGOV["TRAINING_MIN_PER_AGENCY"], *params, *params])


def training_courses(cursor, ctx, ids=None):
    """A page of courses, newest first, with their sessions, trainees and those who completed (of `ids` only)."""
    marks = ", ".join(["%s"] * len(ids)) if ids else ""
    scope = f" WHERE agency_id IN ({marks})" if ids else ""
    rows(cursor, "SELECT COUNT(*) FROM training_course")
    return rows(cursor, f"""
        SELECT c.id, c.title, c.topic, o.name, COALESCE(s.n, 0), COALESCE(t.n, 0), COALESCE(t.done, 0)
        FROM training_course c JOIN registry_agency o ON o.id = c.organiser_id
        LEFT JOIN (SELECT course_id, COUNT(*) AS n FROM training_session GROUP BY course_id) s ON s.course_id = c.id
        LEFT JOIN (SELECT course_id, COUNT(*) AS n, SUM(CASE WHEN completed THEN 1 ELSE 0 END) AS done
                   FROM training_trainee{scope} GROUP BY course_id) t ON t.course_id = c.id
        ORDER BY c.id DESC LIMIT {PAGE}""", list(ids or []))


def training_index(cursor, ctx):
    training_coverage(cursor, ctx)
    return training_courses(cursor, ctx)


def overdue_legal(cursor, ctx):
    """The agencies with texts past their deadline (how many), a page of them most overdue first, and the page's
    texts still to be brought in and brought in late in the last twelve months."""
    today = ctx["today"]
    overdue = ("d.kind = 'external' AND d.legal_effective_on <= %s AND d.incorporated_on IS NULL "
               "AND d.legal_due_on < %s")
    rows(cursor, f"SELECT COUNT(DISTINCT d.agency_id) FROM documents_document d WHERE {overdue}", (today, today))
    page = rows(cursor, f"""
        SELECT d.agency_id, a.code, a.name, t.name_vi, COUNT(*) AS n
        FROM documents_document d JOIN registry_agency a ON a.id = d.agency_id JOIN registry_tier t ON t.id = a.tier_id
        WHERE {overdue} GROUP BY d.agency_id, a.code, a.name, t.name_vi ORDER BY n DESC, a.code LIMIT {PAGE}""",
                (today, today))
    ids = [r[0] for r in page] or [0]
    marks = ", ".join(["%s"] * len(ids))
    return rows(cursor, f"""
        SELECT agency_id, SUM(CASE WHEN legal_effective_on <= %s AND incorporated_on IS NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN incorporated_on > legal_due_on AND incorporated_on > %s AND incorporated_on <= %s
                   THEN 1 ELSE 0 END)
        FROM documents_document WHERE kind = 'external' AND agency_id IN ({marks}) GROUP BY agency_id""",
                (today, add_months(today, -12), today, *ids))


def agency_list(cursor, ctx):
    rows(cursor, "SELECT COUNT(*) FROM registry_agency")
    return rows(cursor, f"SELECT a.id, a.code, a.name, a.qms_state, t.name_vi, p.code FROM registry_agency a "
                        f"JOIN registry_tier t ON t.id = a.tier_id LEFT JOIN registry_agency p ON p.id = a.parent_id "
                        f"ORDER BY a.code LIMIT {PAGE}")


def agency_export(cursor, ctx):
    """The list's rows unfiltered but for its default (active agencies), in its order; the lead reads them all."""
    return rows(cursor, "SELECT a.code, a.name, t.name_vi, p.code, a.kind, a.mandatory, a.iso_secretary, a.email, "
                        "a.phone, a.qms_state FROM registry_agency a JOIN registry_tier t ON t.id = a.tier_id "
                        "LEFT JOIN registry_agency p ON p.id = a.parent_id WHERE a.status = 'active' "
                        "ORDER BY t.rank, a.path")


def audit_export(cursor, ctx):
    """Every event the lead may read, newest first, with its agency; the names an event's changes refer to by pk
    are looked up by the app per chunk too, but the generated events carry no changes."""
    return rows(cursor, "SELECT e.id, e.at, e.actor_name, e.action, e.object_type, e.object_repr, e.object_id, "
                        "a.code, a.name, e.note, e.changes FROM audit_auditevent e "
                        "LEFT JOIN registry_agency a ON a.id = e.agency_id ORDER BY e.at DESC, e.id DESC")


def api_courses(cursor, ctx):
    rows(cursor, "SELECT COUNT(*) FROM training_course")
    return rows(cursor, f"SELECT c.id, c.title, c.topic, o.code FROM training_course c JOIN registry_agency o "
                        f"ON o.id = c.organiser_id ORDER BY c.id LIMIT {PAGE}")


def api_nonconformities(cursor, ctx):
    rows(cursor, "SELECT COUNT(*) FROM capa_nonconformity WHERE agency_id = %s", (ctx["agency"].pk,))
    return rows(cursor, f"SELECT id, number, source, state, detected_on, description FROM capa_nonconformity "
                        f"WHERE agency_id = %s ORDER BY detected_on DESC, number DESC LIMIT {PAGE}",
                (ctx["agency"].pk,))


# A public agency: active, in an announced state, with a signed announcement; shown with its latest one and tier.
PUBLIC = """FROM registry_agency a JOIN (
    SELECT agency_id, MAX(decision_date) AS decided FROM qms_announcement WHERE signed_file <> '' GROUP BY agency_id
  ) n ON n.agency_id = a.id JOIN registry_tier t ON t.id = a.tier_id
  WHERE a.status = 'active' AND a.qms_state IN ('announced', 'maintaining', 'reannounce_due')"""


def portal_home(cursor, ctx):
    """The public counts per tier, the five latest announcements and the five newest news items."""
    rows(cursor, f"SELECT a.tier_id, COUNT(*) {PUBLIC} GROUP BY a.tier_id")
    rows(cursor, f"SELECT a.code, a.name, n.decided {PUBLIC} ORDER BY n.decided DESC, a.name LIMIT 5")
    return rows(cursor, "SELECT id, title, summary, published_at FROM portal_news WHERE is_public "
                        "AND published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT 5")


def portal_agencies(cursor, ctx):
    """The count and the first page of public agencies (PORTAL_PAGE_SIZE), by tier and name."""
    size = settings.ISOGOV["PORTAL_PAGE_SIZE"]
    rows(cursor, f"SELECT COUNT(*) {PUBLIC}")
    return rows(cursor, f"SELECT a.code, a.name, t.name_vi, n.decided {PUBLIC} "
                        f"ORDER BY t.rank, a.name, a.code LIMIT {size}")


def agency_page(cursor, ctx):
    a = ctx["agency"]
    rows(cursor, "SELECT a.*, t.name_vi FROM registry_agency a JOIN registry_tier t ON t.id = a.tier_id "
                 "WHERE a.id = %s", (a.pk,))
    return rows(cursor, "SELECT id, code, name, qms_state FROM registry_agency WHERE parent_id = %s ORDER BY code",
                (a.pk,))


def budget(cursor, ctx):
    return rows(cursor, """
        SELECT l.id, l.description, l.category, l.estimate, l.allocated, l.committed, COALESCE(SUM(d.amount), 0)
        FROM programme_budgetline l JOIN programme_activity a ON a.id = l.activity_id
        LEFT JOIN programme_disbursement d ON d.line_id = l.id WHERE a.plan_id = %s
        GROUP BY l.id, l.description, l.category, l.estimate, l.allocated, l.committed ORDER BY l.id""",
                (ctx["plan"].pk,))


def capped_count(cursor, sql: str, params=()) -> list:
    """The audit trail's count: exact up to AUDIT_COUNT_CAP, "more than" past it (isogov/core/paging.py)."""
    cap = settings.ISOGOV["AUDIT_COUNT_CAP"]
    return rows(cursor, f"SELECT COUNT(*) FROM ({sql} LIMIT {cap + 1}) capped", params)


def audit_trail_lead(cursor, ctx):
    capped_count(cursor, "SELECT 1 FROM audit_auditevent")
    return rows(cursor, f"SELECT id, at, actor_name, action, object_type, object_repr, agency_id "
                        f"FROM audit_auditevent ORDER BY at DESC, id DESC LIMIT {PAGE}")


def subtree_ids(cursor, ctx) -> list[int]:
    return [r[0] for r in rows(cursor, "SELECT id FROM registry_agency WHERE path >= %s AND path < %s",
                               (ctx["agency"].path, ctx["agency"].path[:-1] + "0"))]


def audit_trail_secretary(cursor, ctx):
    ids = subtree_ids(cursor, ctx)
    marks = ", ".join(["%s"] * len(ids))
    capped_count(cursor, f"SELECT 1 FROM audit_auditevent WHERE agency_id IN ({marks})", ids)
    return rows(cursor, f"SELECT id, at, actor_name, action, object_type, object_repr FROM audit_auditevent "
                        f"WHERE agency_id IN ({marks}) ORDER BY at DESC, id DESC LIMIT {PAGE}", ids)


def dashboard(cursor, ctx):
    """The province's figures on today (bench/raw_dashboard.py)."""
    return raw_dashboard.dashboard(cursor, ctx["today"])


def annual_report(cursor, ctx):
    """The year's report: the dashboard's figures on 31 December plus the year's training, findings, payments."""
    return raw_dashboard.annual_report(cursor, ctx["year"])


def agency_documents(cursor, ctx):
    return rows(cursor, "SELECT d.id, d.code, d.title, d.kind, v.number, v.status FROM documents_document d "
                        "LEFT JOIN documents_version v ON v.document_id = d.id AND v.status = 'published' "
                        "WHERE d.agency_id = %s ORDER BY d.code", (ctx["agency"].pk,))


def agency_todo(cursor, ctx):
    """The secretary's duties: overdue or due actions, legal texts to bring in, open nonconformities."""
    a = ctx["agency"].pk
    rows(cursor, "SELECT ca.id, ca.description, ca.due_date FROM capa_correctiveaction ca JOIN capa_nonconformity nc "
                 "ON nc.id = ca.nonconformity_id WHERE nc.agency_id = %s AND ca.done_on IS NULL ORDER BY ca.due_date",
         (a,))
    rows(cursor, "SELECT ra.id, ra.description, ra.due_date FROM risks_riskaction ra JOIN risks_risk r "
                 "ON r.id = ra.risk_id WHERE r.agency_id = %s AND ra.done_on IS NULL ORDER BY ra.due_date", (a,))
    return rows(cursor, "SELECT id, code, title, legal_due_on FROM documents_document WHERE agency_id = %s AND "
                        "kind = 'external' AND incorporated_on IS NULL ORDER BY legal_due_on", (a,))


def agency_card(cursor, ctx):
    """One agency's card inputs, each filtered on the agency first."""
    a, today = ctx["agency"].pk, ctx["today"]
    rows(cursor, "SELECT kind, MAX(date) FROM qms_qmsfact WHERE agency_id = %s GROUP BY kind", (a,))
    rows(cursor, "SELECT COUNT(*) FROM documents_document WHERE agency_id = %s AND kind = 'external' "
                 "AND incorporated_on IS NULL AND legal_due_on < %s", (a, today))
    rows(cursor, "SELECT COUNT(DISTINCT nc.id) FROM capa_nonconformity nc JOIN capa_correctiveaction ca "
                 "ON ca.nonconformity_id = nc.id WHERE nc.agency_id = %s AND nc.state IN ('draft', 'analysed', "
                 "'action_plan', 'in_progress', 'awaiting_verification') AND ca.done_on IS NULL AND ca.due_date < %s",
         (a, today))
    return rows(cursor, "SELECT COUNT(*), SUM(CASE WHEN year_achieved THEN 1 ELSE 0 END) FROM objectives_objective "
                        "WHERE agency_id = %s AND year = %s", (a, ctx["year"]))


def secretary_training(cursor, ctx):
    ids = subtree_ids(cursor, ctx)
    training_coverage(cursor, ctx, ids)
    return training_courses(cursor, ctx, ids)


def benchmarks(ctx) -> list[Bench]:
    def bind(fn):
        return lambda cursor: fn(cursor, ctx)

    code, plan, year = ctx["agency"].code, ctx["plan"].pk, ctx["year"]
    return [
        Bench("compliance", "/compliance/", "lead", bind(compliance_raw(paged=True))),
        Bench("plan overview", f"/programme/plans/{plan}/", "lead", bind(plan_overview)),
        Bench("training index", "/training/", "lead", bind(training_index)),
        Bench("overdue legal texts", "/documents/overdue-legal/", "lead", bind(overdue_legal)),
        Bench("agency list", "/agencies/", "lead", bind(agency_list)),
        Bench("budget", f"/programme/plans/{plan}/budget/", "lead", bind(budget)),
        Bench("audit trail", "/audit/", "lead", bind(audit_trail_lead)),
        Bench("dashboard", "/dashboard/", "lead", bind(dashboard)),
        Bench("annual report", f"/reports/annual/{year}/", "lead", bind(annual_report)),
        Bench("agency export XLSX", "/agencies/export/?format=xlsx", "lead", bind(agency_export)),
        Bench("agency export CSV", "/agencies/export/?format=csv", "lead", bind(agency_export)),
        Bench("audit export CSV", "/audit/export.csv", "lead", bind(audit_export)),
        Bench("compliance XLSX", "/compliance/table.xlsx", "lead", bind(compliance_raw(paged=False))),
        Bench("API agencies", "/api/v1/agencies/", "lead", bind(agency_list)),
        Bench("API training courses", "/api/v1/training/courses/", "lead", bind(api_courses)),
        Bench("public portal home", "/public/", "anonymous", bind(portal_home)),
        Bench("public agencies", "/public/agencies/", "anonymous", bind(portal_agencies)),
        Bench("agency page", f"/agencies/{code}/", "lead", bind(agency_page), province_wide=False),
        Bench("agency page", f"/agencies/{code}/", "secretary", bind(agency_page), province_wide=False),
        Bench("agency to-do", f"/agencies/{code}/todo/", "secretary", bind(agency_todo), province_wide=False),
        Bench("agency documents", f"/agencies/{code}/documents/", "secretary", bind(agency_documents),
              province_wide=False),
        Bench("API agency documents", f"/api/v1/agencies/{code}/documents/", "secretary", bind(agency_documents),
              province_wide=False),
        Bench("API agency nonconformities", f"/api/v1/agencies/{code}/nonconformities/", "secretary",
              bind(api_nonconformities), province_wide=False),
        Bench("agency compliance card", f"/agencies/{code}/compliance/", "secretary", bind(agency_card),
              province_wide=False),
        Bench("training index", "/training/", "secretary", bind(secretary_training), province_wide=False),
        Bench("audit trail", "/audit/", "secretary", bind(audit_trail_secretary), province_wide=False),
    ]
