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
    tiers = list(Tier.objects.all())
    form, cards, shown = selectors.province_table(user=request.user, data=request.GET, tiers=tiers)
    page = Paginator(shown, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    context = {
        "form": form, "page": page, "total": len(cards), "compliant": sum(1 for c in cards if c.ok),
        "by_tier": selectors.counts_by_tier(cards, tiers),
        "item_labels": selectors.item_labels(),
    }
    template = "compliance/_results.html" if request.htmx else "compliance/index.html"
    return render(request, template, context)


@login_required
@require_safe
def agency_card(request, code):
    agency = access.access_agency(request.user, code)
    card = selectors.compliance_card(agency=agency, today=timezone.localdate())
    return render(request, "compliance/agency_card.html", {"agency": agency, "card": card})
