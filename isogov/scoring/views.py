"""Scoring pages: the year's figures per tier and for the province, what each figure is made of, and what is
still needed for full marks. Every reader sees the figures of the agencies they may read."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.scoring import selectors
from isogov.scoring.forms import YearForm
from isogov.scoring.models import Ruleset


def _year_score(request, year: int) -> selectors.YearScore:
    return selectors.year_score(year=year, agencies=access.agencies_readable(request.user))


@login_required
@require_safe
def index(request):
    form = YearForm(request.GET or None)
    score = _year_score(request, form.chosen_year())
    context = {"form": form, "score": score, "whole": access.reads_whole_programme(request.user)}
    return render(request, "scoring/index.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def explain(request, year: int, scope: str, key: str):
    score = _year_score(request, year)
    found = score.province if scope == selectors.PROVINCE else next((s for s in score.tiers if s.key == scope), None)
    criterion = found.criterion(key) if found else None
    if criterion is None:
        raise Http404("No such score")
    return render(request, "scoring/explain.html", {"score": score, "scope": found, "c": criterion})


@login_required
@require_safe
def agency_score(request, code: str):
    agency = access.access_agency(request.user, code)
    form = YearForm(request.GET or None)
    score = selectors.year_score(year=form.chosen_year(), agencies=access.agencies_readable(request.user)
                                 .filter(pk=agency.pk))
    return render(request, "scoring/agency.html", {"form": form, "agency": agency, "score": score,
                                                   "mine": score.by_agency.get(agency.pk)},
                  status=400 if form.errors else 200)


@login_required
@require_safe
def rulesets(request):
    return render(request, "scoring/rulesets.html", {"rulesets": Ruleset.objects.all()})
