"""The province dashboard: where the province stood at the end of a day, each figure a link to the agencies behind
it. Every reader sees the figures of the agencies they may read (the access helpers' agency scope)."""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.core.replica import reads_from_replica
from isogov.dashboard import charts, dated
from isogov.dashboard.figures import province_figures
from isogov.dashboard.forms import AsOfForm
from isogov.registry.models import Tier


@login_required
@require_safe
@reads_from_replica
def province(request):
    form = AsOfForm(request.GET or None, initial={"as_of": timezone.localdate()})
    as_of = form.chosen()
    figures = province_figures(user=request.user, as_of=as_of)
    context = {"form": form, "as_of": as_of, "f": figures, "charts": charts.chart_data(figures),
               "whole": access.reads_whole_programme(request.user),
               **rollup_tables(figures, request.GET.get("province", ""), request.GET.get("page"))}
    return render(request, "dashboard/province.html", context, status=400 if form.errors else 200)


def rollup_tables(figures, province: str, page) -> dict:
    """The roll-ups the page shows, each only when it has more than one group. Under a ministry (a roll-up per
    province) the districts are shown for the province chosen (`province`: its committee's code), a few dozen
    rows rather than every district of the country; more districts than a page holds come in pages."""
    provinces = figures.rollups.get("province", [])
    districts = figures.rollups.get("district", [])
    chosen = None
    if len(provinces) > 1:
        chosen = next((r for r in provinces if r.code and r.code == province), None)
        districts = [r for r in districts if chosen and r.code and r.path.startswith(chosen.path)]
    districts = districts if len(districts) > 1 else []
    return {"by_province": provinces if len(provinces) > 1 else [],
            "by_district": Paginator(districts, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(page),
            "chosen_province": chosen,
            "choose_province": len(provinces) > 1 and bool(figures.rollups.get("district"))}


@login_required
@require_safe
@reads_from_replica
def agencies(request):
    form = AsOfForm(request.GET or None)
    figure = request.GET.get("figure") or "agencies"
    tier_code = request.GET.get("tier", "")
    if figure not in dated.AGENCY_FIGURES or form.errors:
        raise Http404("No such figure")
    tier = Tier.objects.filter(code=tier_code).first() if tier_code else None
    if tier_code and tier is None:
        raise Http404("No such tier")
    under = access.access_agency(request.user, request.GET["under"]) if request.GET.get("under") else None
    as_of = form.chosen()
    qs = dated.agencies_behind(user=request.user, as_of=as_of, figure=figure, tier=tier_code, under=under)
    page = Paginator(qs, settings.ISOGOV["AGENCY_PAGE_SIZE"]).get_page(request.GET.get("page"))
    context = {"page": page, "total": page.paginator.count, "as_of": as_of, "tier": tier, "under": under,
               "label": dated.figure_label(figure), "figure": figure}
    return render(request, "dashboard/agencies.html", context)
