"""The documents' duties: versions to send for review, to approve, to publish; legal texts to bring in; documents
due for their periodic review (DOCUMENT_REVIEW_MONTHS after the version in force took effect or the last review).

Three queries whatever the number of agencies, four for some (their documents' ids first). The legal deadline is
the one the services store on the document (legal.due_on: effective date + LEGAL_UPDATE_MONTHS);
selectors._pending_q says which texts still wait.
"""
import datetime as dt
from collections.abc import Collection

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from isogov import conf
from isogov.core.dates import add_months
from isogov.core.duties import HEAD, SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.documents.models import Document, DocumentKind, Version, VersionStatus
from isogov.documents.selectors import _pending_q

# status → (kind, actor, title): who moves a version in progress on, and to what.
_STEPS = {
    VersionStatus.DRAFT: ("documents.submit", SECRETARY, lambda: _("Send %(code)s v%(version)s for review: %(title)s")),
    VersionStatus.IN_REVIEW: ("documents.approve", HEAD, lambda: _("Approve %(code)s v%(version)s: %(title)s")),
    VersionStatus.APPROVED: ("documents.publish", SECRETARY, lambda: _("Publish %(code)s v%(version)s: %(title)s")),
}


def review_due(*, document: Document, in_force: Version | None) -> dt.date | None:
    """When the document is next due for review: None for a legal text, one with no version in force, or when
    reviews are switched off."""
    months = conf.setting("DOCUMENT_REVIEW_MONTHS")
    if not months or document.kind == DocumentKind.EXTERNAL or in_force is None or in_force.effective_on is None:
        return None
    return _review_due(in_force.effective_on, document.reviewed_on, months)


def _review_due(in_force_on: dt.date, reviewed_on: dt.date | None, months: int) -> dt.date:
    return add_months(max(in_force_on, reviewed_on or in_force_on), months)


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    # Only the columns a duty shows (values()): a district's to-do builds a few hundred duties, and whole rows of
    # version, document and agency (about 60 columns, their timestamps parsed one by one) were most of its time.
    url = UrlTemplates()
    out = []
    scope = {}
    if agency_ids is not None:
        # The agencies' documents by id first: joined to them (or given as a subquery), PostgreSQL read every version
        # in progress of the country (11,600 at 10,000 agencies: 20-150 ms) to keep a district's twenty; given the
        # ids, it looks them up in the versions-in-progress index (0.5 ms).
        scope = {"document_id__in": list(Document.objects.filter(agency_id__in=list(agency_ids))
                                         .values_list("pk", flat=True))}
    versions = (Version.objects.filter(status__in=list(_STEPS), **scope)
                .order_by("document__agency_id", "document__code")
                .values("pk", "status", "number", "document_id", "document__agency_id", "document__agency__code",
                        "document__code", "document__title"))
    for v in versions:
        kind, actor, title = _STEPS[v["status"]]
        out.append(Duty(key=f"{kind}:{v['pk']}", kind=kind, agency_id=v["document__agency_id"],
                        title=title() % {"code": v["document__code"], "version": f"{v['number']:02d}",
                                         "title": v["document__title"]},
                        due=None, url=url("documents:detail", v["document__agency__code"], v["document_id"]),
                        actor=actor))
    # In effect and not brought in yet (the register's "pending"), or not yet in effect: its deadline lies ahead.
    upcoming = Q(kind=DocumentKind.EXTERNAL, legal_effective_on__gt=today, incorporated_on__isnull=True)
    legal = (Document.objects.filter(_pending_q(today) | upcoming, legal_due_on__isnull=False,
                                     **agency_filter(agency_ids))
             .order_by("legal_due_on", "pk")
             .values("pk", "agency_id", "agency__code", "code", "title", "legal_number", "legal_due_on"))
    for doc in legal:
        out.append(Duty(key=f"documents.legal:{doc['pk']}", kind="documents.legal", agency_id=doc["agency_id"],
                        title=_("Bring the legal text %(number)s into the QMS: %(title)s")
                        % {"number": doc["legal_number"] or doc["code"], "title": doc["title"]},
                        due=doc["legal_due_on"], url=url("documents:detail", doc["agency__code"], doc["pk"]),
                        actor=SECRETARY))
    months = conf.setting("DOCUMENT_REVIEW_MONTHS")
    if months:
        reviewed = (Document.objects.exclude(kind=DocumentKind.EXTERNAL).filter(**agency_filter(agency_ids))
                    .values("pk", "agency_id", "agency__code", "code", "title", "reviewed_on")
                    .annotate(in_force_on=Max("versions__effective_on",
                                              filter=Q(versions__status=VersionStatus.PUBLISHED)))
                    .filter(in_force_on__isnull=False).order_by("agency_id", "code"))
        for doc in reviewed:
            due = _review_due(doc["in_force_on"], doc["reviewed_on"], months)
            # The key carries the cycle's start, so each yearly review is reminded afresh, and once only.
            out.append(Duty(key=f"documents.review:{doc['pk']}:{due:%Y%m%d}", kind="documents.review",
                            agency_id=doc["agency_id"], title=_("Review %(code)s for suitability: %(title)s")
                            % {"code": doc["code"], "title": doc["title"]},
                            due=due, url=url("documents:detail", doc["agency__code"], doc["pk"]), actor=SECRETARY))
    return out
