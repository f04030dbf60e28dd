"""The hand-written SQL of the dashboard and of the annual report: the same figures the pages show.

The dashboard counts, per tier and per roll-up group (registry/rollups.py: each agency under its province's and its
district's top agency), the agencies that existed on the day by what their dated records said by its end
(isogov/dashboard/dated.py): announced, maintaining, building, not started, compliant, overdue corrective actions
and legal texts, trained, on the inspection plan and inspected; then the approved plans' budget, the year's
inspections, and the PAR score of the last year over per tier (isogov/scoring/totals.py). The annual report is the
dashboard's figures on 31 December plus the year's training, findings and payments (isogov/reports/counts.py).
Each agency's dated facts come from grouped subqueries joined once (its last transition by a window function),
the way one writes it by hand, and run without PostgreSQL's JIT compilation as the app's do (core.counting).
"""
import datetime as dt

from django.conf import settings
from django.db import connection
from django.utils import timezone

from isogov.core.counting import no_jit
from isogov.core.dates import add_days, add_months

# Started but not announced (dashboard.dated.UNDER_WAY).
UNDER_WAY = "('building', 'applying', 'confirmed', 'announced', 'maintaining', 'reannounce_due')"
OPEN_NC = "('draft', 'analysed', 'action_plan', 'in_progress', 'awaiting_verification')"


def _rows(cursor, sql: str, params=()) -> list:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _start(day: dt.date):
    """The first moment of `day` in the site's time zone, as the database stores moments (SQLite: UTC text)."""
    return connection.ops.adapt_datetimefield_value(timezone.make_aware(dt.datetime.combine(day, dt.time.min)))


# Each agency that existed on the day with its roll-up key (its own path where it may head a province's or a
# district's group, else its parent's) and its facts by the end of the day.
FACTS = """
SELECT a.id, a.tier_id, a.mandatory,
       CASE WHEN t.code IN ({levels}) AND (p.id IS NULL OR p.tier_id <> a.tier_id) THEN a.path
            ELSE p.path END AS key,
       st.to_state AS state, n.agency_id IS NOT NULL AS announced, q.audit, q.review,
       ca.agency_id IS NOT NULL AS ca_late, lg.agency_id IS NOT NULL AS legal_late, COALESCE(tn.n, 0) AS trained,
       os.agency_id IS NOT NULL AS onsite, ins.agency_id IS NOT NULL AS inspected
FROM registry_agency a
JOIN registry_tier t ON t.id = a.tier_id
LEFT JOIN registry_agency p ON p.id = a.parent_id
LEFT JOIN (SELECT agency_id, to_state FROM (
             SELECT agency_id, to_state, ROW_NUMBER() OVER (PARTITION BY agency_id ORDER BY at DESC, id DESC) AS n
             FROM qms_transition WHERE at < %(end)s) last WHERE n = 1) st ON st.agency_id = a.id
LEFT JOIN (SELECT DISTINCT agency_id FROM qms_announcement WHERE decision_date <= %(day)s) n ON n.agency_id = a.id
LEFT JOIN (SELECT agency_id, MAX(CASE WHEN kind = 'internal_audit' THEN date END) AS audit,
                  MAX(CASE WHEN kind = 'management_review' THEN date END) AS review
           FROM qms_qmsfact WHERE date <= %(day)s GROUP BY agency_id) q ON q.agency_id = a.id
LEFT JOIN (SELECT DISTINCT nc.agency_id FROM capa_correctiveaction c
           JOIN capa_nonconformity nc ON nc.id = c.nonconformity_id
           WHERE c.due_date < %(day)s AND nc.detected_on <= %(day)s
             AND (c.done_on IS NULL OR c.done_on > %(day)s) AND (nc.closed_on IS NULL OR nc.closed_on > %(day)s)
             AND NOT EXISTS (SELECT 1 FROM capa_step s WHERE s.nonconformity_id = nc.id
                             AND s.to_state = 'cancelled' AND s.at < %(end)s)) ca ON ca.agency_id = a.id
LEFT JOIN (SELECT DISTINCT agency_id FROM documents_document
           WHERE kind = 'external' AND legal_effective_on <= %(day)s AND legal_due_on < %(day)s
             AND (incorporated_on IS NULL OR incorporated_on > %(day)s)) lg ON lg.agency_id = a.id
LEFT JOIN (SELECT tt.agency_id, COUNT(DISTINCT tt.name_key) AS n FROM training_trainee tt
           JOIN training_session ss ON ss.id = tt.session_id
           WHERE tt.completed AND ss.end_date <= %(day)s GROUP BY tt.agency_id) tn ON tn.agency_id = a.id
LEFT JOIN (SELECT DISTINCT o.agency_id FROM inspections_inspectionplan_onsite o
           JOIN inspections_inspectionplan ip ON ip.id = o.inspectionplan_id WHERE ip.year = %(year)s) os
       ON os.agency_id = a.id
LEFT JOIN (SELECT DISTINCT i.agency_id FROM inspections_inspection i
           JOIN inspections_inspectionplan ip ON ip.id = i.plan_id
           WHERE ip.year = %(year)s AND i.record_date <= %(day)s) ins ON ins.agency_id = a.id
WHERE (a.active_from IS NULL OR a.active_from <= %(day)s) AND (a.ended_on IS NULL OR a.ended_on > %(day)s)
"""
MAINTAINING = "(announced AND audit >= %(audit_since)s AND review >= %(review_since)s)"
FIGURES = {
    "agencies": "1 = 1",
    "must_apply": "mandatory",
    "announced": "announced",
    "maintaining": MAINTAINING,
    "building": f"(NOT announced AND state IN {UNDER_WAY})",
    "not_started": "(NOT announced AND (state IS NULL OR state = 'not_started'))",
    "announced_must": "(mandatory AND announced)",
    "maintaining_must": f"(mandatory AND {MAINTAINING})",
    "compliant": f"({MAINTAINING} AND NOT legal_late AND NOT ca_late "
                 "AND (state IS NULL OR state <> 'reannounce_due'))",
    "ca_overdue": "ca_late",
    "legal_overdue": "legal_late",
    "trained": "trained >= %(min_trained)s",
    "onsite_planned": "onsite",
    "inspected": "inspected",
}


def agency_figures(cursor, day: dt.date) -> list:
    """Per tier and roll-up key, how many agencies each figure counts; then the roll-ups' heads."""
    params = {"day": day, "end": _start(add_days(day, 1)), "year": day.year,
              "audit_since": add_months(day, -settings.ISOGOV["INTERNAL_AUDIT_MONTHS"]),
              "review_since": add_months(day, -settings.ISOGOV["MANAGEMENT_REVIEW_MONTHS"]),
              "min_trained": settings.ISOGOV["TRAINING_MIN_PER_AGENCY"]}
    ranks = dict(_rows(cursor, "SELECT code, rank FROM registry_tier"))
    # Per province only under a tier above it (a ministry's registry), as registry.rollups.levels().
    levels = [code for code in ("province", "district") if code in ranks
              and (code == "district" or any(rank < ranks["province"] for rank in ranks.values()))]
    facts = FACTS.replace("{levels}", ", ".join(f"'{code}'" for code in levels) or "NULL")
    sums = ", ".join(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)" for cond in FIGURES.values())
    with no_jit(connection) as plain:
        found = _rows(plain, f"SELECT tier_id, key, {sums} FROM ({facts}) f GROUP BY tier_id, key", params)
    for level in levels:
        _rows(cursor, "SELECT a.path, a.code, a.name FROM registry_agency a JOIN registry_tier t ON t.id = a.tier_id "
                      "LEFT JOIN registry_agency p ON p.id = a.parent_id WHERE t.code = %s "
                      "AND (p.id IS NULL OR p.tier_id <> a.tier_id) ORDER BY a.path", (level,))
    return found


def budget(cursor, day: dt.date) -> list:
    return _rows(cursor, """
        SELECT p.id, p.title,
               (SELECT COALESCE(SUM(l.estimate), 0) FROM programme_budgetline l JOIN programme_activity ac
                ON ac.id = l.activity_id WHERE ac.plan_id = p.id),
               (SELECT COALESCE(SUM(l.allocated), 0) FROM programme_budgetline l JOIN programme_activity ac
                ON ac.id = l.activity_id WHERE ac.plan_id = p.id),
               (SELECT COALESCE(SUM(d.amount), 0) FROM programme_disbursement d JOIN programme_budgetline l
                ON l.id = d.line_id JOIN programme_activity ac ON ac.id = l.activity_id
                WHERE ac.plan_id = p.id AND d.date <= %s)
        FROM programme_plan p WHERE p.status = 'approved' AND p.start_year <= %s AND p.end_year >= %s
        ORDER BY p.start_year, p.id""", (day, day.year, day.year))


def inspections(cursor, day: dt.date) -> list:
    plan = _rows(cursor, "SELECT id, onsite_target FROM inspections_inspectionplan WHERE year = %s", (day.year,))
    if not plan:
        return []
    _rows(cursor, "SELECT COUNT(*) FROM inspections_recordscheck WHERE plan_id = %s AND checked_on <= %s",
          (plan[0][0], day))
    return _rows(cursor, """
        SELECT COUNT(*), COUNT(f.nonconformity_id),
               SUM(CASE WHEN nc.state = 'closed' AND nc.closed_on <= %s THEN 1 ELSE 0 END)
        FROM inspections_finding f JOIN inspections_inspection i ON i.id = f.inspection_id
        LEFT JOIN capa_nonconformity nc ON nc.id = f.nonconformity_id
        WHERE i.plan_id = %s AND i.record_date <= %s""", (day, plan[0][0], day))


# Per tier, the PAR score's four measures over the mandatory agencies in force on 31/12 (scoring/totals.py).
SCORE = """
SELECT a.tier_id, COUNT(*),
       SUM(CASE WHEN n.agency_id IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN q.audit > %(since)s AND q.review > %(since)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN lg.due > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN lg.due > 0 AND lg.late = 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN r.at_start = 'reannounce_due' OR r.changed = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN (r.at_start = 'reannounce_due' OR r.changed = 1) AND r.at_end <> 'reannounce_due' THEN 1
                ELSE 0 END)
FROM registry_agency a
LEFT JOIN (SELECT DISTINCT agency_id FROM qms_announcement WHERE decision_date <= %(ref)s) n ON n.agency_id = a.id
LEFT JOIN (SELECT agency_id, MAX(CASE WHEN kind = 'internal_audit' THEN date END) AS audit,
                  MAX(CASE WHEN kind = 'management_review' THEN date END) AS review
           FROM qms_qmsfact WHERE date <= %(ref)s GROUP BY agency_id) q ON q.agency_id = a.id
LEFT JOIN (SELECT agency_id, COUNT(*) AS due,
                  SUM(CASE WHEN incorporated_on IS NULL OR incorporated_on > legal_due_on THEN 1 ELSE 0 END) AS late
           FROM documents_document WHERE kind = 'external' AND legal_due_on >= %(first)s AND legal_due_on <= %(ref)s
           GROUP BY agency_id) lg ON lg.agency_id = a.id
LEFT JOIN (SELECT agency_id, MAX(CASE WHEN before_start = 1 THEN to_state END) AS at_start,
                  MAX(CASE WHEN last = 1 THEN to_state END) AS at_end,
                  MAX(CASE WHEN to_state = 'reannounce_due' AND at >= %(start)s THEN 1 ELSE 0 END) AS changed
           FROM (SELECT agency_id, to_state, at,
                        ROW_NUMBER() OVER (PARTITION BY agency_id ORDER BY at DESC, id DESC) AS last,
                        CASE WHEN at < %(start)s THEN ROW_NUMBER() OVER (
                          PARTITION BY agency_id, CASE WHEN at < %(start)s THEN 0 ELSE 1 END ORDER BY at DESC, id DESC)
                        END AS before_start
                 FROM qms_transition WHERE at < %(end)s
                   AND (to_state = 'reannounce_due' OR from_state = 'reannounce_due')) e
           GROUP BY agency_id) r ON r.agency_id = a.id
WHERE a.mandatory AND (a.active_from IS NULL OR a.active_from <= %(ref)s)
  AND (a.ended_on IS NULL OR a.ended_on > %(ref)s)
GROUP BY a.tier_id
"""


def score(cursor, year: int) -> list:
    ruleset = _rows(cursor, "SELECT code, criteria FROM scoring_ruleset WHERE first_year <= %s AND "
                            "(last_year IS NULL OR last_year >= %s) ORDER BY first_year DESC, code LIMIT 1",
                    (year, year))
    if not ruleset:
        return []
    ref = dt.date(year, 12, 31)
    with no_jit(connection) as plain:
        return _rows(plain, SCORE, {"ref": ref, "first": dt.date(year, 1, 1), "since": add_months(ref, -12),
                                    "start": _start(dt.date(year, 1, 1)), "end": _start(add_days(ref, 1))})


def score_year(day: dt.date) -> int:
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


def dashboard(cursor, day: dt.date) -> list:
    budget(cursor, day)
    inspections(cursor, day)
    score(cursor, score_year(day))
    return agency_figures(cursor, day)


def annual_report(cursor, year: int) -> list:
    """The dashboard on 31/12 of the year, and the year's sessions, trainees, findings by grade and payments."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    found = dashboard(cursor, last)
    _rows(cursor, "SELECT COUNT(*) FROM training_session WHERE start_date BETWEEN %s AND %s", (first, last))
    _rows(cursor, "SELECT COUNT(*), SUM(CASE WHEN t.completed THEN 1 ELSE 0 END), COUNT(DISTINCT t.agency_id) "
                  "FROM training_trainee t JOIN training_session s ON s.id = t.session_id "
                  "WHERE s.start_date BETWEEN %s AND %s", (first, last))
    _rows(cursor, "SELECT f.grade, COUNT(*) FROM inspections_finding f JOIN inspections_inspection i "
                  "ON i.id = f.inspection_id JOIN inspections_inspectionplan p ON p.id = i.plan_id "
                  "WHERE p.year = %s AND i.record_date BETWEEN %s AND %s GROUP BY f.grade", (year, first, last))
    _rows(cursor, "SELECT l.category, SUM(d.amount) FROM programme_disbursement d JOIN programme_budgetline l "
                  "ON l.id = d.line_id WHERE d.date BETWEEN %s AND %s GROUP BY l.category", (first, last))
    return found
