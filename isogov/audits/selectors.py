"""Reads of internal audits. Callers pass an agency they obtained through the access helper."""
import datetime as dt
from collections import Counter

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q

from isogov.accounts import access
from isogov.audits import rules
from isogov.audits.models import NONCONFORMITY_GRADES, Audit, Auditor, AuditState, Finding, Grade, Result
from isogov.qms.models import FactKind, QmsFact
from isogov.registry.models import Agency


def agency_programmes(*, agency: Agency, today: dt.date) -> dict:
    """The agency's programmes, newest year first, each with its audits; and when the last audit was reported."""
    audits = list(
        Audit.objects.filter(agency=agency).select_related("programme", "agency")
        .annotate(n_findings=Count("findings", distinct=True),
                  n_nonconformities=Count("findings", filter=Q(findings__grade__in=NONCONFORMITY_GRADES),
                                          distinct=True))
        .prefetch_related(Prefetch("team", queryset=Auditor.objects.filter(is_lead=True), to_attr="leads"))
        .order_by("-programme__year", "planned_month", "id")
    )
    years: dict[int, list[Audit]] = {}
    for audit in audits:
        audit.is_overdue = rules.is_overdue(audit, today)
        audit.lead = audit.leads[0] if audit.leads else None
        years.setdefault(audit.programme.year, []).append(audit)
    # The dated facts are what the compliance card and the lifecycle read; audits reported here write one each,
    # and the others were recorded on the lifecycle directly. Reading the same facts with the same rule keeps
    # this page and the card in agreement.
    facts = list(QmsFact.objects.filter(agency=agency, kind=FactKind.INTERNAL_AUDIT)
                 .annotate(from_audit=Exists(Audit.objects.filter(fact=OuterRef("pk"))))
                 .select_related("recorded_by").order_by("-date", "-id"))
    last_fact = facts[0] if facts else None
    return {
        "programmes": [{"year": year, "audits": items} for year, items in years.items()],
        "last_reported_on": last_fact.date if last_fact else None,
        "last_from_lifecycle": last_fact is not None and not last_fact.from_audit,
        "lifecycle_facts": [f for f in facts if not f.from_audit],
        # The law asks for an internal audit at least once every INTERNAL_AUDIT_MONTHS; the compliance card reads the
        # same rule, and the page says the same interval.
        "audit_due": rules.internal_audit_overdue(last_fact.date if last_fact else None, today),
        "audit_months": rules.internal_audit_months(),
    }


def audit_page(*, user, audit: Audit, today: dt.date) -> dict:
    """Everything the audit's page shows, in a fixed number of queries."""
    checklist = list(audit.checklist.select_related("clause"))
    findings = list(audit.findings.select_related("clause", "area", "nonconformity"))
    team = list(audit.team.select_related("user"))
    areas = list(audit.areas.select_related("owner"))
    results = Counter(i.result for i in checklist)
    can_write = access.can_write_agency(user, audit.agency)
    return {
        "checklist": checklist,
        "findings": findings,
        "team": team,
        "lead": next((m for m in team if m.is_lead), None),
        "auditors": [m for m in team if not m.is_lead],
        "areas": areas,
        "results": {r.value: results.get(r.value, 0) for r in Result},
        "grades": {g.value: sum(1 for f in findings if f.grade == g) for g in Grade},
        "can_write": can_write and audit.state in (AuditState.PLANNED, AuditState.IN_PROGRESS),
        "can_plan": can_write and audit.state == AuditState.PLANNED,
        "can_record": can_write and audit.state == AuditState.IN_PROGRESS,
        "start_problems": rules.start_problems(audit) if can_write and audit.state == AuditState.PLANNED else [],
        "report_problems": rules.report_problems(audit) if can_write and audit.state == AuditState.IN_PROGRESS
        else [],
        "is_overdue": rules.is_overdue(audit, today),
    }


def audit_results(*, agency: Agency, since: dt.date) -> dict:
    """Internal audit results since `since`, an input of the management review (ISO 9001, 9.3.2)."""
    reported = Audit.objects.filter(agency=agency, state=AuditState.REPORTED, reported_on__gte=since)
    found = dict(Finding.objects.filter(audit__in=reported).order_by().values_list("grade").annotate(n=Count("id")))
    return {
        "audits": reported.count(),
        "last_reported_on": Audit.objects.filter(agency=agency, state=AuditState.REPORTED)
        .aggregate(last=Max("reported_on"))["last"],
        "findings": {g.value: found.get(g.value, 0) for g in Grade},
        "audits_list": list(reported.order_by("-reported_on")),
    }
