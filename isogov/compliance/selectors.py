"""The compliance card of an agency: computed from the records, never typed.

compliance_cards() costs a fixed number of queries whatever the number of agencies and records: the
agencies, one aggregate over the QMS facts, one over the objectives, and each fact provider's own fixed
number. Providers written by other areas are looked up lazily, so a card still renders (with the item
marked "not available") when one of them is not installed.
"""
import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.compliance import rules
from isogov.compliance.rules import AMBER, GREEN, GREY, LEVEL_ORDER, RED
from isogov.objectives.selectors import achieved_share, objectives_summary
from isogov.qms.models import FactKind, QmsFact
from isogov.registry.models import Agency, QmsState

# name → "module.function" with the contract compliance_facts(*, agencies, today) -> dict[int, dict]
PROVIDERS = {
    "documents": "isogov.documents.selectors.compliance_facts",
    "capa": "isogov.capa.selectors.compliance_facts",
}
ANNOUNCED = {QmsState.ANNOUNCED, QmsState.MAINTAINING}
NOT_APPLYING_YET = {QmsState.NOT_STARTED, QmsState.BUILDING}

LABELS = {
    "internal_audit": gettext_lazy("Internal audit in the last %(months)s months"),
    "management_review": gettext_lazy("Management review in the last %(months)s months"),
    "legal": gettext_lazy("Legal changes brought in within %(months)s months"),
    "reannounce": gettext_lazy("Re-announced after each change of scope"),
    "corrective_actions": gettext_lazy("Corrective actions on time"),
    "objectives": gettext_lazy("Quality objectives achieved this year"),
}
LEVEL_LABELS = {
    GREEN: gettext_lazy("met"), AMBER: gettext_lazy("due soon"), RED: gettext_lazy("not met"),
    GREY: gettext_lazy("not applicable"),
}


@dataclass
class Item:
    key: str
    level: str
    fact: str
    url: str = ""
    date: dt.date | None = None
    count: int | None = None
    short: str = ""  # what a cell of the province table shows

    @property
    def label(self) -> str:
        return label_of(self.key)

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])


@dataclass
class Card:
    agency: Agency
    items: list[Item] = field(default_factory=list)

    @property
    def announced(self) -> bool:
        return self.agency.qms_state in ANNOUNCED

    @property
    def ok(self) -> bool:
        """Compliant: the QMS is announced and nothing is missing or overdue (amber is a warning, not a fault)."""
        return self.announced and all(i.level != RED for i in self.items)

    @property
    def level(self) -> str:
        return max((i.level for i in self.items), key=LEVEL_ORDER.__getitem__, default=GREY)

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)


def provider(name: str):
    """The provider's function, or None when its module is not there (yet)."""
    module_path, func = PROVIDERS[name].rsplit(".", 1)
    try:
        module = import_module(module_path)
    except ImportError:
        return None
    return getattr(module, func, None)


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


def _d(day: dt.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


def compliance_cards(*, agencies: QuerySet[Agency], today: dt.date) -> dict[int, Card]:
    cfg = rules.config()
    agency_list = list(agencies.select_related("tier").order_by("tier__rank", "path"))
    facts = _facts(agencies)
    objectives = objectives_summary(agencies=agencies, year=today.year)
    provided = {}
    for name in PROVIDERS:
        func = provider(name)
        provided[name] = func(agencies=agencies, today=today) if func else None
    urls = _Urls()
    cards = {}
    for agency in agency_list:
        f = facts.get(agency.pk, {})
        cards[agency.pk] = Card(agency, [
            _periodic(agency, "internal_audit", f.get("audit"), cfg["audit_months"], today, cfg, urls),
            _periodic(agency, "management_review", f.get("review"), cfg["review_months"], today, cfg, urls),
            _legal(agency, provided["documents"], urls),
            _reannounce(agency, urls),
            _corrective(agency, provided["capa"], urls),
            _objectives(agency, objectives.get(agency.pk), today, cfg, urls),
        ])
    return cards


def compliance_card(*, agency: Agency, today: dt.date) -> Card:
    return compliance_cards(agencies=Agency.objects.filter(pk=agency.pk), today=today)[agency.pk]


def _periodic(agency, key, last, months, today, cfg, urls) -> Item:
    url = urls("audits:agency_index" if key == "internal_audit" else "reviews:agency_index", agency.code)
    if last is None and agency.qms_state in NOT_APPLYING_YET:
        return Item(key, GREY, _("Not due before the QMS is applied."), url)
    level, due = rules.periodic_level(last, months=months, today=today, due_soon_days=cfg["due_soon_days"])
    if last is None:
        fact = _("None recorded.")
    elif level == RED:
        fact = _("Last on %(date)s; was due by %(due)s.") % {"date": _d(last), "due": _d(due)}
    else:
        fact = _("Last on %(date)s; next due by %(due)s.") % {"date": _d(last), "due": _d(due)}
    return Item(key, level, fact, url, date=last, short=_d(last))


def _legal(agency, provided, urls) -> Item:
    url = urls("documents:agency_index", agency.code)
    if provided is None:
        return Item("legal", GREY, _("Not available."), url)
    facts = provided.get(agency.pk) or {}
    overdue, pending, late = (facts.get(k, 0) for k in ("legal_overdue", "legal_pending", "legal_late_12m"))
    if overdue:
        return Item("legal", RED, _("%(n)s legal document(s) not brought in within the deadline.") % {"n": overdue},
                    url, count=overdue, short=str(overdue))
    if pending:
        return Item("legal", AMBER, _("%(n)s legal document(s) to bring in, still within the deadline.")
                    % {"n": pending}, url, count=pending, short=str(pending))
    if late:
        return Item("legal", AMBER, _("%(n)s legal document(s) brought in late in the last 12 months.") % {"n": late},
                    url, count=late, short=str(late))
    return Item("legal", GREEN, _("No legal document waiting to be brought in."), url, count=0)


def _reannounce(agency, urls) -> Item:
    url = urls("registry:agency_detail", agency.code, "#announcements")
    since = agency.qms_state_since.date() if agency.qms_state_since else None
    if agency.qms_state == QmsState.REANNOUNCE_DUE:
        return Item("reannounce", RED, _("The scope changed on %(date)s: re-announcement due.") % {"date": _d(since)},
                    url, date=since, short=_d(since))
    if agency.qms_state in ANNOUNCED:
        return Item("reannounce", GREEN, _("The announced scope is current."), url)
    return Item("reannounce", GREY, _("Not announced yet (%(state)s).") % {"state": agency.get_qms_state_display()},
                url)


def _corrective(agency, provided, urls) -> Item:
    url = urls("capa:agency_index", agency.code)
    if provided is None:
        return Item("corrective_actions", GREY, _("Not available."), url)
    facts = provided.get(agency.pk) or {}
    open_, overdue = facts.get("ca_open", 0), facts.get("ca_overdue", 0)
    if overdue:
        return Item("corrective_actions", RED, _("%(overdue)s overdue of %(open)s open.")
                    % {"overdue": overdue, "open": open_}, url, count=overdue, short=f"{overdue}/{open_}")
    if open_:
        return Item("corrective_actions", GREEN, _("%(n)s open, none overdue.") % {"n": open_}, url, count=0,
                    short=f"0/{open_}")
    return Item("corrective_actions", GREEN, _("No open corrective action."), url, count=0)


def _objectives(agency, summary, today, cfg, urls) -> Item:
    url = urls("objectives:agency_index", agency.code)
    if agency.qms_state in NOT_APPLYING_YET and not summary:
        return Item("objectives", GREY, _("Not due before the QMS is applied."), url)
    if not summary:
        return Item("objectives", RED, _("No quality objective set for %(year)s.") % {"year": today.year}, url,
                    count=0)
    share = achieved_share(summary)
    if share is None:
        return Item("objectives", AMBER, _("%(n)s objective(s), none measured yet.") % {"n": summary["total"]}, url,
                    count=0)
    fact = _("%(achieved)s of %(measured)s measured objectives achieved (%(share)s %%).") % {
        "achieved": summary["achieved"], "measured": summary["measured"], "share": share}
    if share >= cfg["objectives_green_share"]:
        level = GREEN
    elif share >= cfg["objectives_amber_share"]:
        level = AMBER
    else:
        level = RED
    return Item("objectives", level, fact, url, count=summary["achieved"],
                short=f"{summary['achieved']}/{summary['measured']}")


def label_of(key: str) -> str:
    """The item's title, with the periods the settings give (the law's 12 and 3 months by default)."""
    cfg = rules.config()
    months = {"internal_audit": cfg["audit_months"], "management_review": cfg["review_months"],
              "legal": settings.ISOGOV.get("LEGAL_UPDATE_MONTHS", 3)}
    text = str(LABELS[key])
    return text % {"months": months[key]} if key in months else text


def item_labels() -> list[str]:
    return [label_of(key) for key in LABELS]


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
