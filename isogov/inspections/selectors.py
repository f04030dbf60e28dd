"""Reads of inspection plans and inspections. Callers pass objects fetched through the access helpers."""
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet

from isogov.accounts import access
from isogov.accounts.models import Role
from isogov.capa.models import REPORTED_STATES, State
from isogov.inspections import checklist, proposal, rules
from isogov.inspections.models import Finding, Inspection, InspectionPlan
from isogov.registry.models import Agency, Tier
from isogov.scoring.measures import in_force_q


def plan_list(*, user) -> QuerySet[InspectionPlan]:
    if not access.reads_whole_programme(user):
        return InspectionPlan.objects.none()
    return InspectionPlan.objects.annotate(n_onsite=Count("onsite", distinct=True)).select_related("leader")


def plan_reference(plan: InspectionPlan) -> dt.date:
    """The day the plan's agencies are counted on: its first day (the plan is made for the agencies then)."""
    return plan.period_start


def mandatory_agencies(plan: InspectionPlan) -> QuerySet[Agency]:
    return Agency.objects.filter(in_force_q(plan_reference(plan)))


def onsite_counts(plan: InspectionPlan) -> dict:
    """What the law's one third is checked on: the mandatory agencies, and those of them chosen on site.
    Agencies that need not apply may be inspected too but do not count."""
    mandatory = mandatory_agencies(plan)
    total = mandatory.count()
    onsite = plan.onsite.filter(pk__in=mandatory.values("pk")).count()
    return {"mandatory": total, "onsite_mandatory": onsite, "onsite": plan.onsite.count(),
            "minimum": rules.onsite_minimum(total),
            "warning": rules.onsite_warning(onsite_mandatory=onsite, mandatory=total)}


def ranking(plan: InspectionPlan, *, today: dt.date) -> list[proposal.Candidate]:
    return proposal.ranked(agencies=Agency.objects.all(), year=plan.year, today=min(today, plan.period_end))


def proposed(plan: InspectionPlan, *, today: dt.date) -> list[proposal.Candidate]:
    return proposal.spread(ranking(plan, today=today), plan.onsite_target)


@dataclass
class Response:
    """Whether an inspected agency reported its corrective actions back (an adopted action plan per finding)."""
    findings: int = 0
    nonconformities: int = 0
    reported: int = 0
    late: int = 0
    due: dt.date | None = None

    @property
    def status(self) -> str:
        if not self.nonconformities:
            return "none"
        if self.reported == self.nonconformities:
            return "reported"
        return "late" if self.late else "waiting"


def responses(inspections, *, today: dt.date) -> dict[int, Response]:
    """{inspection id: Response}, in one query."""
    out = defaultdict(Response)
    for f in Finding.objects.filter(inspection__in=[i.pk for i in inspections]).select_related("nonconformity"):
        r = out[f.inspection_id]
        r.findings += 1
        nc = f.nonconformity
        if nc is None or nc.state == State.CANCELLED:
            continue
        r.nonconformities += 1
        r.due = nc.respond_by
        if nc.state in REPORTED_STATES:
            r.reported += 1
        elif nc.respond_by and nc.respond_by < today:
            r.late += 1
    return out


def plan_inspections(plan: InspectionPlan, *, user, today: dt.date) -> list[Inspection]:
    """The plan's inspections `user` may read, each with `.response` (its corrective actions reported back)."""
    rows = list(plan.inspections.filter(access.inspections_scope_q(user))
                .select_related("agency", "agency__tier", "leader")
                .annotate(n_findings=Count("findings")).order_by("agency__tier__rank", "agency__path"))
    answered = responses(rows, today=today)
    for row in rows:
        row.response = answered.get(row.pk)
    return rows


def records_rows(plan: InspectionPlan) -> list[dict]:
    """Every mandatory agency not inspected on site, with its records check if done."""
    onsite = set(plan.onsite.values_list("pk", flat=True))
    checks = {c.agency_id: c for c in plan.records_checks.all()}
    return [{"agency": a, "check": checks.get(a.pk)}
            for a in mandatory_agencies(plan).select_related("tier").order_by("tier__rank", "path")
            if a.pk not in onsite]


def inspection_detail(inspection: Inspection) -> dict:
    answers = {a.point: a for a in inspection.answers.all()}
    findings = list(inspection.findings.select_related("nonconformity").order_by("id"))
    rows = []
    for group in checklist.groups():
        rows.append({"group": checklist.group_title(group["code"]), "points": [
            {"point": p, "answer": answers.get(p.code), "findings": [f for f in findings if f.point == p.code]}
            for p in checklist.points() if p.group == group["code"]]})
    return {"groups": rows, "findings": findings, "answered": len(answers), "total": len(checklist.points()),
            "report_due": rules.report_due(inspection.record_date)}


@dataclass
class Summary:
    """The November summary of the year's inspections (Circular 26/2014/TT-BKHCN)."""
    plan: InspectionPlan
    mandatory: int = 0
    inspected: list = field(default_factory=list)  # (inspection, Response)
    records: list = field(default_factory=list)  # records rows
    by_point: list = field(default_factory=list)  # (point, {tier code: count}, total)
    tiers: list = field(default_factory=list)
    grades: Counter = field(default_factory=Counter)

    @property
    def reported(self) -> int:
        return sum(1 for _i, r in self.inspected if r.status == "reported")

    @property
    def late(self) -> int:
        return sum(1 for _i, r in self.inspected if r.status == "late")

    @property
    def point_table(self) -> list:
        """by_point with the counts as a list in the order of `tiers`, as a table shows them."""
        return [(p, [counts.get(t.code, 0) for t in self.tiers], total) for p, counts, total in self.by_point]

    @property
    def findings(self) -> int:
        return sum(self.grades.values())


def summary(plan: InspectionPlan, *, today: dt.date) -> Summary:
    s = Summary(plan, mandatory=mandatory_agencies(plan).count())
    inspections = list(plan.inspections.select_related("agency", "agency__tier").order_by("agency__tier__rank",
                                                                                           "agency__path"))
    answered = responses(inspections, today=today)
    s.inspected = [(i, answered.get(i.pk, Response())) for i in inspections]
    s.records = records_rows(plan)
    s.tiers = list(Tier.objects.order_by("rank"))
    counts = defaultdict(Counter)
    for f in Finding.objects.filter(inspection__plan=plan).select_related("inspection__agency__tier"):
        counts[f.point][f.inspection.agency.tier.code] += 1
        s.grades[f.grade] += 1
    s.by_point = [(p, counts[p.code], sum(counts[p.code].values())) for p in checklist.points()]
    return s


def agency_inspections(*, agency: Agency) -> QuerySet[Inspection]:
    """The agency's own inspections, for its pages (the caller fetched the agency through access_agency)."""
    return (agency.inspections.select_related("plan").prefetch_related(
        Prefetch("findings", queryset=Finding.objects.select_related("nonconformity")))
        .order_by("-plan__year"))



def inspectors() -> QuerySet:
    """Who may sit on an inspection team: the active inspectors, and the programme lead's staff."""
    return get_user_model().objects.filter(is_active=True, role__in=(Role.INSPECTOR, Role.PROVINCE_ADMIN)).order_by(
        "full_name", "username")


def inspector_rows() -> list[dict]:
    """Every active inspector (and the programme leads, who may join a team) with what they lack to lead one."""
    people = list(inspectors().select_related("inspector_profile"))
    return [{"user": u, "profile": getattr(u, "inspector_profile", None),
             "missing": rules.missing_qualifications(getattr(u, "inspector_profile", None))} for u in people]
