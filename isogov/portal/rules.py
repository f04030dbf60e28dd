"""What the public portal may show: the one definition of "public", asked by every public page.

- An agency is public when it is active, its QMS is in an announced state (announced, maintaining, or
  re-announcement due: its last announcement stands until the next one) and it has an announcement with its
  signed decision on file. Shown of it: name, tier, kind, the QMS state, and of its latest announcement the
  decision number, date, the procedures announced (as they stood when announced), the signed PDF and the
  agency's own web posting. Nothing else of the agency (contacts, ISO secretary, records) is public.
- A merged or dissolved agency is left out: the portal answers where a citizen can go now, and its QMS lives
  on in the agency that took it over, which re-announces for the new scope.
- An agency that never announced, or whose state went back before "announced", is not shown.
- A news item is public when published (is_public); drafts and unpublished items are not.
"""
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from isogov.portal.models import News
from isogov.qms.models import Announcement
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus

PUBLIC_STATES = frozenset({QmsState.ANNOUNCED, QmsState.MAINTAINING, QmsState.REANNOUNCE_DUE})


def published_announcements() -> QuerySet[Announcement]:
    return Announcement.objects.exclude(signed_file="").order_by("-decision_date", "-id")


def public_agency_q(prefix: str = "") -> Q:
    """The agency's own part of being public (active, in an announced state), on Agency or through `prefix`
    (e.g. "agency__" from an announcement, which is then the signed announcement it must have)."""
    return Q(**{f"{prefix}status": AgencyStatus.ACTIVE, f"{prefix}qms_state__in": PUBLIC_STATES})


def public_agencies() -> QuerySet[Agency]:
    """Every public agency, with its latest announcement's id, number and date as annotations."""
    latest = published_announcements().filter(agency=OuterRef("pk"))
    return (Agency.objects.filter(public_agency_q())
            .filter(Exists(latest))
            .annotate(announcement_id=Subquery(latest.values("pk")[:1]),
                      decision_number=Subquery(latest.values("decision_number")[:1]),
                      decision_date=Subquery(latest.values("decision_date")[:1])))


def public_news() -> QuerySet[News]:
    return News.objects.filter(Q(is_public=True) & Q(published_at__isnull=False)).order_by("-published_at", "-id")
