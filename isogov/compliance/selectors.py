"""The compliance card of an agency: computed from the records, never typed.

compliance_cards() costs a fixed number of queries whatever the number of agencies and records: the
agencies, one aggregate over the QMS facts, one over the objectives, and the fixed number of the documents'
and the corrective actions' compliance_facts(*, agencies, today) -> dict[int, dict].
"""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from isogov.accounts import access
from isogov.capa.selectors import compliance_facts as capa_facts
from isogov.compliance import rules, verdict
from isogov.compliance.filters import CardFilter
from isogov.compliance.rules import Card, item_labels  # noqa: F401  (the rules and the card live in rules.py)
from isogov.documents.selectors import compliance_facts as legal_facts
from isogov.objectives.selectors import objectives_summary
from isogov.qms.models import FactKind, QmsFact
from isogov.registry import rollups
from isogov.registry.models import Agency, AgencyStatus


def _facts(agencies: QuerySet[Agency]) -> dict[int, dict]:
    rows = (QmsFact.objects.filter(agency__in=agencies.values("pk"))
            .values("agency_id")
            .annotate(audit=Max("date", filter=Q(kind=FactKind.INTERNAL_AUDIT)),
                      review=Max("date", filter=Q(kind=FactKind.MANAGEMENT_REVIEW)))
            .order_by())
    return {r["agency_id"]: r for r in rows}


class _Urls:
    """Links per agency without resolving the URL configuration once per agency and item."""

    def __init__(self):
        self.templates: dict[str, str] = {}

    def __call__(self, name: str, code: str, anchor: str = "") -> str:
        if name not in self.templates:
            try:
                self.templates[name] = reverse(name, args=["__code__"])
            except NoReverseMatch:
                self.templates[name] = ""
        template = self.templates[name]
        return template.replace("__code__", code) + anchor if template else ""


def compliance_cards(*, agencies: QuerySet[Agency], today: dt.date) -> dict[int, Card]:
    cfg = rules.config()
    agency_list = list(agencies.select_related("tier").order_by("tier__rank", "path"))
    facts = _facts(agencies)
    objectives = objectives_summary(agencies=agencies, year=today.year)
    provided = {"documents": legal_facts(agencies=agencies, today=today),
                "capa": capa_facts(agencies=agencies, today=today)}
    urls = _Urls()
    cards = {}
    for agency in agency_list:
        f = facts.get(agency.pk, {})
        cards[agency.pk] = Card(agency, [
            rules.periodic_item(agency, "internal_audit", f.get("audit"), today, cfg, urls),
            rules.periodic_item(agency, "management_review", f.get("review"), today, cfg, urls),
            rules.legal_item(agency, provided["documents"], urls),
            rules.reannounce_item(agency, urls),
            rules.corrective_item(agency, provided["capa"], urls),
            rules.objectives_item(agency, objectives.get(agency.pk), today, cfg, urls),
        ])
    return cards


def judged_on(agency: Agency, today: dt.date) -> dt.date:
    """The day an agency's card is judged: today, or its last day for one merged or dissolved since (its duties
    passed to its successor; judging it against today would show it "overdue" for ever)."""
    return min(today, agency.ended_on) if agency.ended_on else today


def compliance_card(*, agency: Agency, today: dt.date) -> Card:
    return compliance_cards(agencies=Agency.objects.filter(pk=agency.pk), today=judged_on(agency, today))[agency.pk]


def compliance_flags(*, agencies: QuerySet[Agency], today: dt.date) -> dict[int, bool]:
    """Compliant or not, per agency id, judged in SQL (verdict.compliant_q: the cards' rule, held equal to them by
    the tests) without reading any agency's facts. For the province-wide figures and filters."""
    ok = set(agencies.filter(verdict.compliant_q(today=today)).values_list("pk", flat=True))
    return {pk: pk in ok for pk in agencies.order_by().values_list("pk", flat=True)}


@dataclass
class ProvinceTable:
    """The province table's filter form, its figures, and the ids of the agencies listed, in the table's order."""
    form: object
    agencies: QuerySet[Agency]
    total: int
    compliant: int
    by_tier: list[dict]
    rollups: list[tuple[str, list[rollups.Group]]]
    shown: QuerySet  # of agency ids
    has_districts: bool = False  # districts not rolled up here: the table is to be narrowed to a province first


def province_table(*, user, data, tiers) -> ProvinceTable:
    """Every readable active agency the filters select judged compliant or not, counted per tier and per province
    and district in one grouped query (no agency's facts read, no card built); the ids shown, in the table's
    order (the not-compliant ones only when asked), as a query to page."""
    # A bad value is left out of the form's cleaned_data, so that filter is simply not applied.
    readable = access.agencies_readable(user).filter(status=AgencyStatus.ACTIVE)
    found = CardFilter(data, queryset=readable, tiers=tiers, heads=subtree_heads(readable))
    agencies = found.qs
    ok = verdict.compliant_q(today=timezone.localdate())
    levels = rollups.levels()
    counted = list(agencies.order_by().annotate(key=rollups.roll_up_key(levels)).values("tier_id", "key")
                   .annotate(total=Count("pk"), compliant=Count("pk", filter=ok)))
    by_tier = {t.pk: {"tier": t, "total": 0, "compliant": 0} for t in tiers}
    for row in counted:
        by_tier[row["tier_id"]]["total"] += row["total"]
        by_tier[row["tier_id"]]["compliant"] += row["compliant"]
    for row in by_tier.values():
        row["share"] = round(100 * row["compliant"] / row["total"]) if row["total"] else None
    groups = []
    for level in levels:
        grouped = rollups.roll_up_counts(((row["key"], {"total": row["total"], "compliant": row["compliant"]})
                                          for row in counted), level)
        if len(grouped) > 1:
            groups.append((level, grouped))
            # Under a ministry the country's districts (hundreds of rows) are shown one province at a time, once
            # the table is narrowed to it (`within`), as on the dashboard.
            if level == "province":
                break
    shown = agencies.order_by("tier__rank", "path")
    if found.form.cleaned_data.get("not_compliant"):
        shown = shown.filter(~ok)
    return ProvinceTable(
        form=found.form, agencies=agencies, total=sum(r["total"] for r in counted),
        compliant=sum(r["compliant"] for r in counted), by_tier=list(by_tier.values()), rollups=groups,
        has_districts=bool(groups) and groups[-1][0] == "province" and "district" in levels,
        shown=shown.values_list("pk", flat=True))


def cards_in_order(*, ids: list[int], today: dt.date) -> list[Card]:
    """The cards of these agencies (a page of the table), in the order given."""
    cards = compliance_cards(agencies=Agency.objects.filter(pk__in=ids), today=today)
    return [cards[pk] for pk in ids]


def subtree_heads(readable: QuerySet[Agency]) -> list[Agency]:
    """The provinces and districts whose agencies the table may be narrowed to, among those the user may read."""
    return [head for level in rollups.levels() for head in rollups.heads(level, among=readable).values()]
