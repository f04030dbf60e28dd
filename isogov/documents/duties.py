"""The documents' duties: versions to send for review, to approve, to publish; legal texts to bring in.

Two queries whatever the number of agencies. The legal deadline is the one the services store on the document
(legal.due_on: effective date + LEGAL_UPDATE_MONTHS); selectors._pending_q says which texts still wait.
"""
import datetime as dt
from collections.abc import Collection

from django.db.models import Q
from django.utils.translation import gettext as _

from isogov.core.duties import HEAD, SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.documents.models import Document, DocumentKind, Version, VersionStatus
from isogov.documents.selectors import _pending_q

# status → (kind, actor, title): who moves a version in progress on, and to what.
_STEPS = {
    VersionStatus.DRAFT: ("documents.submit", SECRETARY, lambda: _("Send %(code)s v%(version)s for review: %(title)s")),
    VersionStatus.IN_REVIEW: ("documents.approve", HEAD, lambda: _("Approve %(code)s v%(version)s: %(title)s")),
    VersionStatus.APPROVED: ("documents.publish", SECRETARY, lambda: _("Publish %(code)s v%(version)s: %(title)s")),
}


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    out = []
    versions = (Version.objects.filter(status__in=list(_STEPS), **agency_filter(agency_ids, "document__agency_id"))
                .select_related("document", "document__agency").order_by("document__agency_id", "document__code"))
    for v in versions:
        kind, actor, title = _STEPS[v.status]
        doc = v.document
        out.append(Duty(key=f"{kind}:{v.pk}", kind=kind, agency_id=doc.agency_id,
                        title=title() % {"code": doc.code, "version": v.label, "title": doc.title},
                        due=None, url=url("documents:detail", doc.agency.code, doc.pk), actor=actor))
    # In effect and not brought in yet (the register's "pending"), or not yet in effect: its deadline lies ahead.
    upcoming = Q(kind=DocumentKind.EXTERNAL, legal_effective_on__gt=today, incorporated_on__isnull=True)
    legal = (Document.objects.filter(_pending_q(today) | upcoming, legal_due_on__isnull=False,
                                     **agency_filter(agency_ids))
             .select_related("agency").order_by("legal_due_on", "pk"))
    for doc in legal:
        out.append(Duty(key=f"documents.legal:{doc.pk}", kind="documents.legal", agency_id=doc.agency_id,
                        title=_("Bring the legal text %(number)s into the QMS: %(title)s")
                        % {"number": doc.legal_number or doc.code, "title": doc.title},
                        due=doc.legal_due_on, url=url("documents:detail", doc.agency.code, doc.pk), actor=SECRETARY))
    return out
