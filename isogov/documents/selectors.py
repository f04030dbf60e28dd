"""Reads of documented information. Callers pass an agency obtained through the access helper, or the user.

Legal texts (kind "external"), with ISOGOV["LEGAL_UPDATE_MONTHS"] as the deadline:
- pending: in effect (effective date on or before today) and not yet brought into the QMS;
- overdue: pending, and the deadline has passed (a subset of pending);
- late: brought in after the deadline.
"""
import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet

from isogov.accounts import access
from isogov.audit.models import AuditEvent
from isogov.audit.presentation import event_rows
from isogov.documents import legal
from isogov.documents.filters import DocumentFilter, LegalFilter
from isogov.documents.models import IN_PROGRESS, Document, DocumentKind, Version, VersionStatus
from isogov.documents.versioning import ACTION_LABELS, ACTIONS, transition_problems
from isogov.registry.models import Agency


def _pending_q(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}kind": DocumentKind.EXTERNAL, f"{prefix}legal_effective_on__lte": today,
                f"{prefix}incorporated_on__isnull": True})


def _overdue_q(today: dt.date, prefix: str = "") -> Q:
    return _pending_q(today, prefix) & Q(**{f"{prefix}legal_due_on__lt": today})


def _late_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}kind": DocumentKind.EXTERNAL,
                f"{prefix}incorporated_on__gt": F(f"{prefix}legal_due_on")})


def overdue_agency_ids(*, today: dt.date) -> QuerySet:
    """The ids of the agencies with a legal text past its deadline, as a subquery (`pk__in=`): the compliance
    verdict in SQL (compliance.verdict) reads this set once per query, not once per agency."""
    return Document.objects.filter(_overdue_q(today)).order_by().values("agency_id")


def compliance_facts(*, agencies: QuerySet[Agency], today: dt.date) -> dict[int, dict]:
    """{agency id: {"legal_pending", "legal_overdue", "legal_late_12m"}} for the agencies with legal texts.

    One aggregate query whatever the number of agencies. "late_12m": brought in late, within the
    twelve months up to `today`.
    """
    year_ago = legal.add_months(today, -12)
    # Only the ids: the caller's queryset may carry annotations or ordering of its own.
    ids = agencies.values("pk") if isinstance(agencies, QuerySet) else [getattr(a, "pk", a) for a in agencies]
    rows = (
        Document.objects.filter(kind=DocumentKind.EXTERNAL, agency__in=ids)
        .order_by()
        .values("agency_id")
        .annotate(
            legal_pending=Count("pk", filter=_pending_q(today)),
            legal_overdue=Count("pk", filter=_overdue_q(today)),
            legal_late_12m=Count("pk", filter=_late_q() & Q(incorporated_on__gt=year_ago,
                                                             incorporated_on__lte=today)),
        )
    )
    return {
        r["agency_id"]: {"legal_pending": r["legal_pending"], "legal_overdue": r["legal_overdue"],
                         "legal_late_12m": r["legal_late_12m"]}
        for r in rows
    }


def document_list(*, agency: Agency, data, today: dt.date) -> DocumentFilter:
    """The agency's documents filtered by the register's query `data`: `.form` to show, `.qs` to list."""
    qs = Document.objects.filter(agency=agency).select_related("owner_user", "procedure").prefetch_related(
        Prefetch("versions", queryset=Version.objects.order_by("-number")))
    return DocumentFilter(data, queryset=qs, legal_conditions={
        LegalFilter.PENDING: _pending_q(today),
        LegalFilter.OVERDUE: _overdue_q(today),
        LegalFilter.LATE: _late_q(),
        LegalFilter.UPCOMING: Q(kind=DocumentKind.EXTERNAL, legal_effective_on__gt=today),
    })


def decorate(documents, *, today: dt.date) -> list[Document]:
    """Each document with the version in force, the version in progress and its legal status (no queries)."""
    rows = list(documents)
    for doc in rows:
        versions = list(doc.versions.all())
        doc.in_force = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
        doc.in_progress = next((v for v in versions if v.status in IN_PROGRESS), None)
        doc.latest = versions[0] if versions else None
        doc.legal = legal.legal_status(effective_on=doc.legal_effective_on, incorporated_on=doc.incorporated_on,
                                       due=doc.legal_due_on, today=today)
    return rows


def agency_legal_counts(*, agency: Agency, today: dt.date) -> dict:
    return compliance_facts(agencies=Agency.objects.filter(pk=agency.pk), today=today).get(
        agency.pk, {"legal_pending": 0, "legal_overdue": 0, "legal_late_12m": 0})


def versions_of(document: Document) -> list[Version]:
    return list(
        document.versions.order_by("-number").select_related(
            "created_by", "submitted_by", "approved_by", "published_by", "ended_by")
    )


def history(document: Document, versions: list[Version]) -> list[dict]:
    """The document's change log from the audit trail: who, when, what changed."""
    events = AuditEvent.objects.filter(
        Q(object_type="documents.document", object_id=str(document.pk))
        | Q(object_type="documents.version", object_id__in=[str(v.pk) for v in versions])
    ).select_related("actor").order_by("-at", "-id")[:200]
    events = list(events)
    return [{"event": e, "changes": changes} for e, changes in zip(events, event_rows(events))]


def version_actions(*, user, version: Version) -> list[dict]:
    """The workflow buttons to offer on a version, each with what still blocks it."""
    agency = version.document.agency
    if not access.can_write_agency(user, agency):
        return []
    offered = []
    for action, (sources, _target) in ACTIONS.items():
        if version.status not in sources:
            continue
        if action == "approve" and not access.can_approve_documents(user, agency):
            continue
        # The date and the reason are asked for in the form itself; everything else is checked now.
        problems = transition_problems(version=version, actor=user, action=action,
                                       effective_on=dt.date.max if action == "publish" else None, reason="-")
        offered.append({
            "action": action, "label": ACTION_LABELS[action],
            "needs_date": action == "publish", "needs_reason": action in ("withdraw", "return"),
            "reason_required": action == "withdraw",
            "problems": [m for messages in problems.values() for m in messages],
        })
    return offered


def owner_choices(agency: Agency) -> QuerySet:
    return get_user_model().objects.filter(agency=agency, is_active=True).order_by("username")


def overdue_legal(*, user, today: dt.date) -> QuerySet:
    """The agencies the user may read with legal texts past their deadline, most overdue first then by code: a
    query to page, of {"agency_id", "legal_overdue"}. Counted in SQL; overdue_legal_rows() completes one page."""
    return (
        Document.objects.filter(_overdue_q(today), access.agency_scope_q(user, prefix="agency__"))
        .values("agency_id")
        .annotate(legal_overdue=Count("pk"))
        .order_by("-legal_overdue", "agency__code")
    )


def overdue_legal_rows(page, *, today: dt.date) -> list[dict]:
    """One page of overdue_legal(): each agency (with its tier) and its three counts, in the page's order. Two
    queries whatever the page's length."""
    ids = [r["agency_id"] for r in page]
    agencies = Agency.objects.select_related("tier").in_bulk(ids)
    facts = compliance_facts(agencies=ids, today=today)
    return [{"agency": agencies[pk], **facts[pk]} for pk in ids if pk in agencies and pk in facts]
