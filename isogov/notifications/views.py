"""A person's notifications and their preferences: each person sees only their own, within what they may read."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.core.writeflow import go, write
from isogov.notifications import selectors, services
from isogov.notifications.forms import PreferenceForm

PAGE_SIZE = 50


@login_required
@require_safe
def index(request):
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/index.html", {"page": page})


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "notifications:index"


@login_required
@require_POST
def mark_read(request, pk):
    # Someone else's notification, or one about an agency the reader no longer reads, is no notification: 404.
    note = selectors.own_notification(request.user, pk)
    return write(request, None, service=lambda _data: services.mark_read(user=request.user, notification=note),
                 success=lambda _n: go(request, _back(request)), refused=lambda *_: go(request, _back(request)))


@login_required
@require_POST
def mark_all_read(request):
    return write(request, None, service=lambda _data: services.mark_all_read(user=request.user),
                 success=lambda _n: go(request, "notifications:index"),
                 refused=lambda *_: go(request, "notifications:index"), message=_("All notifications marked read."))


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    # Everyone chooses their own: no access helper beyond being signed in (as the password page).
    form = PreferenceForm(request.POST or None, instance=services.preference_of(request.user), user=request.user)
    return write(request, form, template="notifications/preferences.html",
                 service=lambda data: services.preference_update(actor=request.user, user=request.user, **data),
                 success=lambda _p: go(request, "notifications:preferences"), message=_("Your choices are saved."))
