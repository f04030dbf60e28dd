from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.compliance import registers, selectors
from isogov.compliance.filters import CardFilter
from isogov.core.registers import xlsx_response
from isogov.registry.models import AgencyStatus, Tier


def table(request, tiers):
    """The province table's filter form, every card it selects, and those shown (the page's and the register's)."""
    # A bad value is left out of the form's cleaned_data, so that filter is simply not applied.
    found = CardFilter(request.GET, queryset=access.agencies_readable(request.user).filter(status=AgencyStatus.ACTIVE),
                       tiers=tiers)
    cards = list(selectors.compliance_cards(agencies=found.qs, today=timezone.localdate()).values())
    shown = [c for c in cards if not c.ok] if found.form.cleaned_data.get("not_compliant") else cards
    return found.form, cards, shown


@login_required
@require_safe
def table_xlsx(request):
    with translation.override("vi"):
        _form, _cards, shown = table(request, list(Tier.objects.all()))
        content = registers.compliance_table(cards=shown, today=timezone.localdate())
    return xlsx_response(content, "bang-tuan-thu.xlsx")


@login_required
@require_safe
def index(request):
    tiers = list(Tier.objects.all())
    form, cards, shown = table(request, tiers)
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
