"""The news desk: the programme lead writes, publishes and takes off news; province-wide roles read the drafts."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core.writeflow import go, write
from isogov.portal import selectors, services
from isogov.portal.forms import NewsForm


@login_required
@require_safe
def news_desk(request):
    access.access_news_desk(request.user)
    return render(request, "portal/staff/news_desk.html", {
        "items": selectors.news_desk(), "can_manage": access.can_manage_programme(request.user)})


def _form_page(request, *, title: str, news=None):
    def refused(form, status):
        return render(request, "portal/staff/news_form.html", {"form": form, "title": title, "news": news},
                      status=status)
    return refused


@login_required
@require_http_methods(["GET", "POST"])
def news_create(request):
    access.access_news_desk(request.user, write=True)
    form = NewsForm(request.POST or None, request.FILES or None)
    return write(
        request, form,
        service=lambda data: services.news_create(
            actor=request.user, attachment=data.get("attachment"),
            **{k: data[k] for k in ("kind", "title", "summary", "body")}),
        success=lambda news: go(request, "portal:news_edit", pk=news.pk),
        refused=_form_page(request, title=_("New news item")),
        message=_("Draft saved. It is not public until you publish it."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def news_edit(request, pk):
    news = access.access_news(request.user, pk, write=True)
    form = NewsForm(request.POST or None, request.FILES or None, instance=news)
    return write(
        request, form,
        service=lambda data: services.news_update(
            actor=request.user, news=news, attachment=data.get("attachment"),
            remove_attachment=bool(data.get("remove_attachment")),
            **{k: data[k] for k in ("kind", "title", "summary", "body")}),
        success=lambda _news: go(request, "portal:news_edit", pk=news.pk),
        refused=_form_page(request, title=news.title, news=news),
        message=_("Changes saved."),
    )


def _button(request, pk, service, message):
    news = access.access_news(request.user, pk, write=True)

    def back(*_):
        return go(request, reverse("portal:news_desk"))

    return write(request, None, service=lambda _data: service(actor=request.user, news=news),
                 success=back, refused=back, message=message)


@login_required
@require_POST
def news_publish(request, pk):
    return _button(request, pk, services.news_publish, _("Published on the public portal."))


@login_required
@require_POST
def news_unpublish(request, pk):
    return _button(request, pk, services.news_unpublish, _("Taken off the public portal."))
