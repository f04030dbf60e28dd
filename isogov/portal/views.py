"""The public portal: no login, nothing but what portal/rules.py calls public.

Every page goes through `public`: read-only (GET and HEAD) and allowed to be kept by the visitor's browser for
PORTAL_CACHE_SECONDS; a page (not a file) is counted once by the visit counter. "private": the page differs by
the visitor's language cookie and carries the language switch's CSRF token, so no shared cache may hand it to
someone else.
"""
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.core.files import file_response
from isogov.portal import rules, selectors, visits


def public(view):
    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, max_age=settings.ISOGOV["PORTAL_CACHE_SECONDS"])
        return response

    return wrapped


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    """A portal page, counted as a view before its footer reads the figures (files and 404s are not counted)."""
    visits.record(request)
    return render(request, template, {**context, "visit_figures": visits.figures(),
                                      "province": settings.ISOGOV["PROVINCE_NAME"],
                                      "reads_news_desk": access.reads_whole_programme(request.user)}, status=status)


@public
def home(request):
    return _render(request, "portal/home.html", selectors.home())


@public
def agency_list(request):
    found = selectors.agency_list(data=request.GET or None)
    page = selectors.page_of(found.qs, request.GET.get("page"))
    return _render(request, "portal/agency_list.html", {"form": found.form, "page": page},
                   status=400 if found.form.errors else 200)


@public
def agency_detail(request, code):
    return _render(request, "portal/agency_detail.html", selectors.agency_page(code=code))


@public
def announcement_file(request, code, pk):
    announcement = selectors.announcement_file(code=code, pk=pk)
    return file_response(announcement.signed_file.open("rb"), content_type="application/pdf",
                         filename=f"cong-bo-{code}-{announcement.decision_date:%Y%m%d}.pdf")


@public
def news_list(request):
    page = selectors.page_of(rules.public_news(), request.GET.get("page"))
    return _render(request, "portal/news_list.html", {"page": page})


@public
def news_detail(request, pk):
    news = selectors.news_item(pk=pk)
    others = rules.public_news().exclude(pk=news.pk)[:5]
    return _render(request, "portal/news_detail.html", {"news": news, "others": others})


@public
def news_attachment(request, pk):
    news = selectors.news_item(pk=pk)
    if not news.attachment:
        raise Http404("No attachment")
    return file_response(news.attachment.open("rb"), content_type=news.attachment_type,
                         filename=news.attachment_name)


@require_safe
def robots(request):
    """Search engines may read the portal; everything else is behind the login and not for indexing."""
    lines = ["User-agent: *", f"Allow: {reverse('public:home')}", "Disallow: /", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response
