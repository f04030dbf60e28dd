from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from isogov.accounts import access
from isogov.compliance import registers, selectors
from isogov.jobs import files
from isogov.registry.models import Tier


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def table_xlsx(request):
    return files.download(request, registers.TABLE, params={"query": request.GET.urlencode()},
                          title=_("Compliance table (XLSX)"))


@login_required
@require_safe
def index(request):
    table = selectors.province_table(user=request.user, data=request.GET, tiers=list(Tier.objects.all()))
    page = Paginator(table.shown, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    # Every agency is judged for the counts; only the page's cards are built and put into words.
    page.object_list = selectors.cards_in_order(ids=list(page.object_list), today=timezone.localdate())
    context = {"form": table.form, "page": page, "table": table, "item_labels": selectors.item_labels()}
    template = "compliance/_results.html" if request.htmx else "compliance/index.html"
    return render(request, template, context)


@login_required
@require_safe
def agency_card(request, code):
    agency = access.access_agency(request.user, code)
    card = selectors.compliance_card(agency=agency, today=timezone.localdate())
    return render(request, "compliance/agency_card.html", {"agency": agency, "card": card})
