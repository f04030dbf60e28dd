"""The year's score of the province and of each tier, counted in the database: what the dashboard and the annual
report show, without building each agency's facts and explanations (selectors.year_score, for the score's pages
and the inspection proposal, which list the agencies behind every figure).

Each measure of measures.py is asked here as two conditions on the agency (concerned, met), each an EXISTS or a
subquery on the same dated records with the same bounds, computed once per agency, and the agencies are counted
per tier in one grouped query (core.counting). tests/test_totals.py holds both to the same figures.
"""
import datetime as dt

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from isogov.core.counting import grouped_counts
from isogov.core.dates import add_days, add_months
from isogov.documents.models import Document, DocumentKind
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, Tier
from isogov.scoring.measures import in_force_q, year_end
from isogov.scoring.rules import Criterion, criteria_of
from isogov.scoring.selectors import PROVINCE, CriterionCount, Score, YearScore, ruleset_for

ALWAYS = Q()  # every agency: a measure that concerns all


def _start_of(day: dt.date) -> dt.datetime:
    """The first moment of `day` in the site's time zone: a transition before it happened on an earlier day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def announced(year: int, criterion: Criterion, name: str) -> tuple[dict, Q, Q]:
    found = Exists(Announcement.objects.filter(agency=OuterRef("pk"), decision_date__lte=year_end(year)))
    return {name: found}, ALWAYS, Q(**{name: True})


def maintaining(year: int, criterion: Criterion, name: str) -> tuple[dict, Q, Q]:
    """The last internal audit and management review up to 31/12 both after `since`: one of each in (since, ref]."""
    ref = year_end(year)
    since = add_months(ref, -criterion.months)

    def held(kind):
        return Exists(QmsFact.objects.filter(agency=OuterRef("pk"), kind=kind, date__gt=since, date__lte=ref))

    aliases = {f"{name}_a": held(FactKind.INTERNAL_AUDIT), f"{name}_r": held(FactKind.MANAGEMENT_REVIEW)}
    return aliases, ALWAYS, Q(**{f"{name}_a": True, f"{name}_r": True})


def legal_in_time(year: int, criterion: Criterion, name: str) -> tuple[dict, Q, Q]:
    """Concerned: a legal text due in the year; met: none of them brought in late or not at all."""
    due = Document.objects.filter(agency=OuterRef("pk"), kind=DocumentKind.EXTERNAL,
                                  legal_due_on__gte=dt.date(year, 1, 1), legal_due_on__lte=year_end(year))
    late = due.filter(Q(incorporated_on__isnull=True) | Q(incorporated_on__gt=F("legal_due_on")))
    aliases = {f"{name}_due": Exists(due), f"{name}_late": Exists(late)}
    return aliases, Q(**{f"{name}_due": True}), Q(**{f"{name}_late": False})


def reannounced(year: int, criterion: Criterion, name: str) -> tuple[dict, Q, Q]:
    """Concerned: a re-announcement pending on 1 January or a change of scope in the year; met: none pending at the
    end of 31 December (the last change to or from "re-announcement due" by then did not lead into it)."""
    start, end = _start_of(dt.date(year, 1, 1)), _start_of(add_days(year_end(year), 1))
    events = (Transition.objects.filter(agency=OuterRef("pk"))
              .filter(Q(to_state=QmsState.REANNOUNCE_DUE) | Q(from_state=QmsState.REANNOUNCE_DUE)))

    def last_state(before):
        return Subquery(events.filter(at__lt=before).order_by("-at", "-pk").values("to_state")[:1])

    changed = Exists(Transition.objects.filter(agency=OuterRef("pk"), to_state=QmsState.REANNOUNCE_DUE,
                                               at__gte=start, at__lt=end))
    aliases = {f"{name}_start": last_state(start), f"{name}_end": last_state(end), f"{name}_changed": changed}
    concerned = Q(**{f"{name}_start": QmsState.REANNOUNCE_DUE}) | Q(**{f"{name}_changed": True})
    return aliases, concerned, ~Q(**{f"{name}_end": QmsState.REANNOUNCE_DUE})


MEASURE_COUNTS = {"announced": announced, "maintaining": maintaining, "legal_in_time": legal_in_time,
                  "reannounced": reannounced}


def year_totals(*, year: int, agencies: QuerySet[Agency]) -> YearScore:
    """year_score's province and tiers (no `by_agency`), from one grouped query whatever the number of agencies."""
    ruleset = ruleset_for(year)
    ref = year_end(year)
    if ruleset is None:
        return YearScore(year, None, ref, None, [], {})
    criteria = criteria_of(ruleset)
    tiers = list(Tier.objects.order_by("rank"))
    facts, conditions = {}, {"n": ALWAYS}
    for i, criterion in enumerate(criteria):
        more, concerned, met = MEASURE_COUNTS[criterion.measure](year, criterion, f"m{i}")
        facts.update(more)
        applies = Q(tier_id__in=[t.pk for t in tiers if t.code in criterion.tiers]) if criterion.tiers else ALWAYS
        conditions[f"met{i}"] = applies & concerned & met
        conditions[f"all{i}"] = applies & concerned
    # Each agency's facts once, every count over them (core.counting).
    rows = {r["tier_id"]: r for r in grouped_counts(agencies.filter(in_force_q(ref)), facts=facts,
                                                    group_by=["tier_id"], conditions=conditions)}

    def score(key: str, label: str, found: list[dict]) -> Score:
        return Score(key, label, sum(r["n"] for r in found), [
            CriterionCount(c, sum(r[f"met{i}"] for r in found), sum(r[f"all{i}"] for r in found))
            for i, c in enumerate(criteria)])

    return YearScore(year, ruleset, ref, score(PROVINCE, "", list(rows.values())),
                     [score(t.code, str(t), [rows[t.pk]] if t.pk in rows else []) for t in tiers], {})
