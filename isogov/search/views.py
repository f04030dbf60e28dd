from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from isogov.search import selectors


@login_required
@require_GET
def results(request):
    """The top bar's search: every kind of object the reader may read (selectors.scope_q), ranked, a page at a time."""
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    q = request.GET.get("q", "")[:200]
    found = selectors.search(user=request.user, q=q, kind=request.GET.get("kind", ""), page=page)
    return render(request, "search/results.html", {"results": found})
