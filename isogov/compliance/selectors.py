"""The compliance card of an agency: computed from the records, never typed.

compliance_cards() costs a fixed number of queries whatever the number of agencies and records: the
agencies, one aggregate over the QMS facts, one over the objectives, and the fixed number of the documents'
and the corrective actions' compliance_facts(*, agencies, today) -> dict[int, dict].
"""
import datetime as dt

from django.db.models import Max, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from isogov.accounts import access
from isogov.capa.selectors import compliance_facts as capa_facts
from isogov.compliance import rules
from isogov.compliance.filters import CardFilter
from isogov.compliance.rules import Card, item_labels  # noqa: F401  (the rules and the card live in rules.py)
from isogov.documents.selectors import compliance_facts as legal_facts
from isogov.objectives.selectors import objectives_summary
from isogov.qms.models import FactKind, QmsFact
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


def counts_by_tier(cards: list[Card], tiers) -> list[dict]:
    """Compliant agencies of each tier among `cards`, every tier listed, top tier first."""
    counts = {t.pk: {"tier": t, "total": 0, "compliant": 0} for t in tiers}
    for card in cards:
        row = counts.setdefault(card.agency.tier_id, {"tier": card.agency.tier, "total": 0, "compliant": 0})
        row["total"] += 1
        row["compliant"] += int(card.ok)
    for row in counts.values():
        row["share"] = round(100 * row["compliant"] / row["total"]) if row["total"] else None
    return list(counts.values())


def province_table(*, user, data, tiers) -> tuple:
    """The province table's filter form, every card it selects, and those shown (the page's and the register's)."""
    # A bad value is left out of the form's cleaned_data, so that filter is simply not applied.
    found = CardFilter(data, queryset=access.agencies_readable(user).filter(status=AgencyStatus.ACTIVE), tiers=tiers)
    cards = list(compliance_cards(agencies=found.qs, today=timezone.localdate()).values())
    shown = [c for c in cards if not c.ok] if found.form.cleaned_data.get("not_compliant") else cards
    return found.form, cards, shown
