"""Reads of the public portal. Public pages read only through portal/rules.py; the news desk through access."""
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import Http404

from isogov.portal import rules
from isogov.portal.filters import PublicAgencyFilter
from isogov.portal.models import News
from isogov.qms.models import Announcement, Procedure
from isogov.registry.models import Agency, Tier


def page_of(qs, number) -> Page:
    """A page with its numbered links (1 2 3 … 9), the way the province's news portal pages its news."""
    page = Paginator(qs, settings.ISOGOV["PORTAL_PAGE_SIZE"]).get_page(number)
    page.links = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def agency_list(*, data) -> PublicAgencyFilter:
    # A tier is offered when one public agency is of it: an EXISTS per tier (a handful), not a join of every one.
    tiers = Tier.objects.filter(Exists(rules.public_agencies().filter(tier=OuterRef("pk")))).order_by("rank")
    qs = rules.public_agencies().select_related("tier").order_by("tier__rank", "name", "code")
    return PublicAgencyFilter(data, queryset=qs, tiers=list(tiers))


def agency_page(*, code: str) -> dict:
    """A public agency with its latest announcement and the procedures it announced; 404 for any other."""
    agency = rules.public_agencies().select_related("tier", "parent").filter(code=code).first()
    if agency is None:
        raise Http404("No such agency")
    announcement = Announcement.objects.get(pk=agency.announcement_id)
    names = dict(Procedure.objects.filter(code__in=announcement.scope_codes).values_list("code", "name"))
    procedures = [{"code": code, "name": names.get(code, "")} for code in announcement.scope_codes]
    parent = agency.parent if agency.parent_id and rules.public_agencies().filter(pk=agency.parent_id).exists() \
        else None
    return {"agency": agency, "announcement": announcement, "procedures": procedures, "public_parent": parent}


def announcement_file(*, code: str, pk: int) -> Announcement:
    """The signed decision of a public agency's current announcement; 404 for an earlier or any other one."""
    agency = rules.public_agencies().filter(code=code).first()
    if agency is None or agency.announcement_id != pk:
        raise Http404("No such announcement")
    return Announcement.objects.get(pk=pk)


def news_item(*, pk: int) -> News:
    news = rules.public_news().filter(pk=pk).first()
    if news is None:
        raise Http404("No such news item")
    return news


def home() -> dict:
    by_tier = {row["tier"]: row["n"] for row in
               rules.public_agencies().order_by().values("tier").annotate(n=Count("id"))}
    tiers = [(tier, by_tier[tier.pk]) for tier in Tier.objects.filter(pk__in=list(by_tier)).order_by("rank")]
    return {"announced": sum(by_tier.values()), "by_tier": tiers,
            "news": rules.public_news()[:5], "latest": _latest_announced(5)}


def _latest_announced(n: int) -> list[Agency]:
    """The `n` public agencies with the newest announcements, newest first, each with its latest announcement's
    number and date: read from the newest published announcements of public agencies (their agency's latest
    comes first, so the first of each agency is it), not by ranking every public agency's latest one."""
    found: dict[int, Announcement] = {}
    newest = (rules.published_announcements().filter(rules.public_agency_q("agency__"))
              .order_by("-decision_date", "agency__name", "-id").only("agency_id", "decision_number", "decision_date"))
    for announcement in newest.iterator(chunk_size=50):
        found.setdefault(announcement.agency_id, announcement)
        if len(found) == n:
            break
    agencies = Agency.objects.select_related("tier").in_bulk(list(found))
    latest = []
    for agency_id, announcement in found.items():
        agency = agencies[agency_id]
        agency.announcement_id = announcement.pk
        agency.decision_number, agency.decision_date = announcement.decision_number, announcement.decision_date
        latest.append(agency)
    return latest


def news_desk() -> list[News]:
    """Every item, drafts first, for the programme lead and the province-wide readers (access.access_news_desk)."""
    return News.objects.select_related("created_by").order_by("is_public", "-published_at", "-updated_at")


__all__ = ["agency_list", "agency_page", "announcement_file", "home", "news_desk", "news_item",
           "page_of"]
