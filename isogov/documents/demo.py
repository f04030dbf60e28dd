"""Demo document registers, consistent with each agency's QMS state.

Building agencies have drafts and documents in review; agencies applying their QMS or further
have published policy, objectives, scope, procedures and one process per procedure of their
scope (a few); maintaining agencies have revised some (the old version superseded). Every agency
past "not started" tracks legal texts, and a few provincial decisions are overdue.

Rows are bulk-created (the services would take minutes for 169 agencies); the audit trail gets
the entries the services would have written.
"""
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from isogov.accounts.models import Role
from isogov.audit.services import Action, Entry, audit_record_many
from isogov.clauses.models import Clause
from isogov.demo.history import not_before
from isogov.demo.pdf import one_page_pdf
from isogov.documents import demo_content as content
from isogov.documents import legal
from isogov.documents.models import Document, DocumentKind, Version, search_text, version_upload_to
from isogov.documents.models import VersionStatus as VS
from isogov.qms.models import ScopeItem
from isogov.qms.states import QmsState as S
from isogov.registry.models import Agency, AgencyStatus

ORDER = [VS.DRAFT, VS.IN_REVIEW, VS.APPROVED, VS.PUBLISHED]
APPLYING_OR_LATER = {S.APPLYING, S.CONFIRMED, S.ANNOUNCED, S.MAINTAINING, S.REANNOUNCE_DUE}


@dataclass
class Plan:
    doc: Document
    clauses: tuple[str, ...]
    versions: list[Version] = field(default_factory=list)
    steps: list[tuple[Version, str, str, dt.datetime]] = field(default_factory=list)  # (version, from, to, at)


class Builder:
    def __init__(self, *, actor, rng: random.Random, today: dt.date, heads: dict[int, object]):
        self.actor, self.rng, self.today, self.heads = actor, rng, today, heads
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.plans: list[Plan] = []

    def at(self, day: dt.date) -> dt.datetime:
        day = min(day, self.today)
        return dt.datetime.combine(day, dt.time(7, 30), tzinfo=self.tz) + dt.timedelta(
            minutes=self.rng.randint(0, 540))

    def document(self, agency: Agency, *, code: str, title: str, kind: str, clauses, owner: str,
                 procedure=None, legal_text: content.LegalText | None = None,
                 effective_on: dt.date | None = None, incorporated_on: dt.date | None = None) -> Plan:
        doc = Document(agency=agency, code=code, title=title, kind=kind, owner_name=owner, procedure=procedure,
                       created_by=self.actor)
        if legal_text is not None:
            doc.issuing_body, doc.legal_number = legal_text.issuing_body, legal_text.number
            doc.legal_effective_on, doc.incorporated_on = effective_on, incorporated_on
            doc.legal_due_on = legal.due_on(effective_on)
        doc.search_text = search_text(code=code, title=title, legal_number=doc.legal_number,
                                      issuing_body=doc.issuing_body)
        plan = Plan(doc, tuple(clauses))
        self.plans.append(plan)
        return plan

    def version(self, plan: Plan, *, status: str, start: dt.date, summary: str = "",
                with_file: bool = True) -> Version:
        """A version taken from draft up to `status`, starting on `start`, each step a few days after the last."""
        number = len(plan.versions) + 1
        agency = plan.doc.agency
        v = Version(document=plan.doc, number=number, status=VS.DRAFT, change_summary=summary,
                    created_by=self.actor, created_at=self.at(start))
        day = start
        head = self.heads.get(agency.pk, self.actor)
        target = VS.PUBLISHED if status in (VS.PUBLISHED, VS.SUPERSEDED) else status
        for to in ORDER[1:ORDER.index(target) + 1] if target in ORDER else []:
            day = min(day + dt.timedelta(days=self.rng.randint(1, 6)), self.today)
            when = self.at(day)
            if to == VS.IN_REVIEW:
                v.submitted_by, v.submitted_at = self.actor, when
            elif to == VS.APPROVED:
                v.approved_by, v.approved_at = head, when
            else:
                # A legal text is in force from its own effective date, not from the day it was filed.
                v.published_by, v.published_at = self.actor, when
                v.effective_on = plan.doc.legal_effective_on or day
            plan.steps.append((v, v.status, to, when))
            v.status = to
        if with_file or v.status != VS.DRAFT:
            v.file_name = f"{plan.doc.code}-v{number:02d}.pdf"
        plan.versions.append(v)
        return v

    def supersede(self, plan: Plan, old: Version, new: Version) -> None:
        old.status, old.ended_by, old.ended_at = VS.SUPERSEDED, self.actor, new.published_at
        plan.steps.append((old, VS.PUBLISHED, VS.SUPERSEDED, new.published_at))


def _published_core(b: Builder, agency: Agency, procedures, *, since: dt.date, revise: bool) -> None:
    rng, today = b.rng, b.today
    for item in [*content.CORE, *content.APPLYING]:
        plan = b.document(agency, code=item.code, title=item.title, kind=item.kind, clauses=item.clauses,
                          owner=item.owner)
        start = since + dt.timedelta(days=rng.randint(0, 20))
        v1 = b.version(plan, status=VS.PUBLISHED, start=start)
        if revise and item.code in content.REVISIONS and rng.random() < 0.6:
            summary = content.REVISIONS[item.code].format(year=today.year)
            v2_start = today - dt.timedelta(days=rng.randint(30, 150))
            v2 = b.version(plan, status=VS.PUBLISHED, start=max(v2_start, start + dt.timedelta(days=30)),
                           summary=summary)
            b.supersede(plan, v1, v2)
        if agency.qms_state == S.REANNOUNCE_DUE and item.code == "PV-01":
            b.version(plan, status=VS.DRAFT, start=today - dt.timedelta(days=rng.randint(3, 20)),
                      summary=content.REVISIONS["PV-01"], with_file=False)
    for i, proc in enumerate(procedures[:4], start=1):
        plan = b.document(agency, code=f"QT-{i:02d}", title=f"Quy trình giải quyết thủ tục {proc.name}",
                          kind=DocumentKind.PROCESS, clauses=content.PROCESS_CLAUSES, owner="Bộ phận Một cửa",
                          procedure=proc)
        b.version(plan, status=VS.PUBLISHED, start=since + dt.timedelta(days=rng.randint(10, 40)))
        if revise and i == 1:
            b.version(plan, status=VS.IN_REVIEW, start=today - dt.timedelta(days=rng.randint(5, 25)),
                      summary=content.PROCESS_REVISION)


def _building_core(b: Builder, agency: Agency, procedures) -> None:
    rng, today = b.rng, b.today
    for item in content.CORE:
        plan = b.document(agency, code=item.code, title=item.title, kind=item.kind, clauses=item.clauses,
                          owner=item.owner)
        status = rng.choice([VS.DRAFT, VS.DRAFT, VS.IN_REVIEW, VS.APPROVED])
        b.version(plan, status=status, start=today - dt.timedelta(days=rng.randint(15, 80)),
                  with_file=rng.random() < 0.7)
    for i, proc in enumerate(procedures[:2], start=1):
        plan = b.document(agency, code=f"QT-{i:02d}", title=f"Quy trình giải quyết thủ tục {proc.name}",
                          kind=DocumentKind.PROCESS, clauses=content.PROCESS_CLAUSES, owner="Bộ phận Một cửa",
                          procedure=proc)
        b.version(plan, status=VS.DRAFT, start=today - dt.timedelta(days=rng.randint(5, 40)), with_file=False)


def _legal_texts(b: Builder, agency: Agency, *, national: int, provincial: int, force_overdue: bool,
                 registered: dt.date) -> None:
    """National texts brought in long ago, and recent provincial decisions: most on time, some late or overdue.

    The national texts were brought in when they took effect; the register entries date from
    `registered`, when the agency started keeping its documents in isogov.
    """
    rng, today = b.rng, b.today
    for text in content.NATIONAL[:national]:
        # An agency formed later brought the text in when it began.
        incorporated = not_before(agency, text.effective_on + dt.timedelta(days=rng.randint(20, 80)))
        plan = b.document(agency, code=text.code, title=text.title, kind=DocumentKind.EXTERNAL,
                          clauses=content.LEGAL_CLAUSES, owner="Văn phòng", legal_text=text,
                          effective_on=text.effective_on, incorporated_on=incorporated)
        b.version(plan, status=VS.PUBLISHED, start=registered + dt.timedelta(days=rng.randint(0, 10)))
    for n, topic in enumerate(rng.sample(content.PROVINCIAL_TOPICS, provincial), start=1):
        overdue = force_overdue and n == 1
        effective = today - dt.timedelta(days=rng.randint(120, 300) if overdue else rng.randint(10, 330))
        due = legal.due_on(effective)
        draw = rng.random()
        if overdue or (due < today and draw < 0.1):
            incorporated = None  # overdue
        elif due < today and draw < 0.3:
            incorporated = min(due + dt.timedelta(days=rng.randint(5, 45)), today)  # late
        elif due >= today and draw < 0.5:
            incorporated = None  # still within the deadline
        else:
            incorporated = min(effective + dt.timedelta(days=rng.randint(5, 80)), due, today)
        text = content.LegalText(f"VB-QD{n:02d}", content.provincial_title(topic), "UBND tỉnh",
                                 f"{rng.randint(100, 2999)}/QĐ-UBND", effective)
        plan = b.document(agency, code=text.code, title=text.title, kind=DocumentKind.EXTERNAL,
                          clauses=content.LEGAL_CLAUSES, owner="Văn phòng", legal_text=text,
                          effective_on=effective, incorporated_on=incorporated)
        b.version(plan, status=VS.PUBLISHED, start=max(effective - dt.timedelta(days=10), today - dt.timedelta(
            days=365)))


def _plan_agency(b: Builder, agency: Agency, procedures, *, force_overdue: bool) -> None:
    state = agency.qms_state
    if state == S.BUILDING:
        _building_core(b, agency, procedures)
        _legal_texts(b, agency, national=1, provincial=1, force_overdue=force_overdue,
                     registered=b.today - dt.timedelta(days=b.rng.randint(20, 80)))
    elif state in APPLYING_OR_LATER:
        maintaining = state in (S.MAINTAINING, S.REANNOUNCE_DUE)
        since = b.today - dt.timedelta(days=b.rng.randint(300, 360) if maintaining else b.rng.randint(120, 250))
        _published_core(b, agency, procedures, since=since, revise=maintaining)
        _legal_texts(b, agency, national=3 if maintaining else 2, provincial=b.rng.randint(1, 3),
                     force_overdue=force_overdue, registered=since)


def _save(b: Builder) -> dict[str, int]:
    docs = Document.objects.bulk_create([p.doc for p in b.plans], batch_size=500)
    clauses = {c.number: c.pk for c in Clause.objects.filter(framework__code="iso9001-2015")}
    through = Document.clauses.through
    through.objects.bulk_create(
        [through(document_id=p.doc.pk, clause_id=clauses[n]) for p in b.plans for n in p.clauses if n in clauses],
        batch_size=1000)
    files = 0
    for plan in b.plans:
        for v in plan.versions:
            if not v.file_name:
                continue
            data = one_page_pdf([plan.doc.agency.name, f"{plan.doc.code} {plan.doc.title}",
                                 f"Phien ban {v.label}", plan.doc.legal_number])
            v.file.name = default_storage.save(version_upload_to(v, v.file_name), ContentFile(data))
            v.file_type, v.file_size = "pdf", len(data)
            files += 1
    versions = Version.objects.bulk_create([v for p in b.plans for v in p.versions], batch_size=500)
    for plan in b.plans:
        plan.doc.created_at = plan.versions[0].created_at
    Document.objects.bulk_update(docs, ["created_at"], batch_size=500)
    return {"documents": len(docs), "versions": len(versions), "files": files, "audit_events": _audit(b)}


def _audit(b: Builder) -> int:
    """The entries the services would have written, each dated on the day its step happened."""
    stamped: list[tuple[dt.datetime, Entry]] = []
    for plan in b.plans:
        doc = plan.doc
        stamped.append((doc.created_at, Entry(Action.CREATE, doc, doc.agency, {
            "code": doc.code, "title": doc.title, "kind": doc.kind, "owner_name": doc.owner_name,
            "procedure": doc.procedure.code if doc.procedure else None, "legal_number": doc.legal_number,
            "legal_effective_on": doc.legal_effective_on, "incorporated_on": doc.incorporated_on,
            "clauses": sorted(plan.clauses)})))
        for v in plan.versions:
            stamped.append((v.created_at, Entry(Action.CREATE, v, doc.agency, {
                "number": v.number, "status": VS.DRAFT, "change_summary": v.change_summary, "file": v.file})))
        for v, before, after, when in plan.steps:
            stamped.append((when, Entry(Action.TRANSITION, v, doc.agency, {"status": [before, after]})))
    stamped.sort(key=lambda pair: pair[0])
    by_day: dict[dt.date, list[tuple[dt.datetime, Entry]]] = defaultdict(list)
    for when, entry in stamped:
        by_day[timezone.localtime(when).date()].append((when, entry))
    written = 0
    # audit_record_many stamps one batch with timezone.now(): one batch per day keeps the trail's dates true.
    for day_entries in by_day.values():
        with mock.patch("django.utils.timezone.now", return_value=day_entries[0][0]):
            written += audit_record_many(actor=b.actor, entries=[e for _, e in day_entries])
    return written


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Document.objects.exists():
        return {"documents": 0, "versions": 0, "files": 0, "audit_events": 0}
    agencies = list(Agency.objects.filter(status=AgencyStatus.ACTIVE).exclude(qms_state=S.NOT_STARTED).order_by("code"))
    procedures = defaultdict(list)
    for item in ScopeItem.objects.filter(agency__in=agencies).select_related("procedure").order_by(
            "agency_id", "procedure__code"):
        procedures[item.agency_id].append(item.procedure)
    heads = {u.agency_id: u for u in get_user_model().objects.filter(role=Role.HEAD, agency__in=agencies)}
    builder = Builder(actor=actor, rng=rng, today=timezone.localdate(), heads=heads)
    for index, agency in enumerate(agencies):
        # Every seventh agency has let a provincial decision run past its deadline, so the flags show.
        _plan_agency(builder, agency, procedures[agency.pk], force_overdue=index % 7 == 0)
    return _save(builder)
