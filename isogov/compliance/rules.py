"""What turns each item of the compliance card green, amber, red or grey, and the card's colour.

The legal periods are the law's, the rest assumptions; all are settings (isogov/conf.py). The records are
read in selectors.py, which hands each item's facts to the functions here.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.audits import rules as audit_rules

# The same day `months` later, the 31st becoming the month's last day; it never fails on odd stored dates.
from isogov.core.dates import add_months  # noqa: F401  (imported from here by tests and other areas)
from isogov.objectives.selectors import achieved_share
from isogov.qms.states import QmsState
from isogov.registry.models import Agency

GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"
LEVEL_ORDER = {GREY: 0, GREEN: 1, AMBER: 2, RED: 3}
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


def config() -> dict:
    """The card's thresholds, from the settings (their defaults and legal basis: isogov/conf.py)."""
    isogov = settings.ISOGOV
    return {
        "audit_months": audit_rules.internal_audit_months(),
        "review_months": isogov["MANAGEMENT_REVIEW_MONTHS"],
        "due_soon_days": isogov["DUE_SOON_DAYS"],
        "objectives_green_share": isogov["OBJECTIVES_GREEN_SHARE"],
        "objectives_amber_share": isogov["OBJECTIVES_AMBER_SHARE"],
    }


def _soon_or_green(due: dt.date, today: dt.date, due_soon_days: int) -> str:
    return AMBER if (due - today).days <= due_soon_days else GREEN


def periodic_level(last: dt.date | None, *, months: int, today: dt.date,
                   due_soon_days: int) -> tuple[str, dt.date | None]:
    """(level, next due date) of a duty repeated every `months`: red once the due date has passed."""
    if last is None:
        return RED, None
    due = add_months(last, months)
    if due < today:
        return RED, due
    return _soon_or_green(due, today, due_soon_days), due


def internal_audit_level(last: dt.date | None, *, today: dt.date, due_soon_days: int) -> tuple[str, dt.date | None]:
    """Red exactly when audits.rules says the internal audit is overdue; amber when it is due soon."""
    due = audit_rules.internal_audit_due(last)
    if audit_rules.internal_audit_overdue(last, today):
        return RED, due
    return _soon_or_green(due, today, due_soon_days), due


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

    @property
    def colour(self) -> str:
        """The card's frame: "ok" when compliant, "bad" when an item is red, else "warn" (not announced yet)."""
        if self.ok:
            return "ok"
        return "bad" if self.level == RED else "warn"

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)


def _d(day: dt.date | None) -> str:
    return date_format(day, "d/m/Y") if day else ""


def periodic_item(agency, key, last, today, cfg, urls) -> Item:
    url = urls("audits:agency_index" if key == "internal_audit" else "reviews:agency_index", agency.code)
    if last is None and agency.qms_state in NOT_APPLYING_YET:
        return Item(key, GREY, _("Not due before the QMS is applied."), url)
    if key == "internal_audit":
        level, due = internal_audit_level(last, today=today, due_soon_days=cfg["due_soon_days"])
    else:
        level, due = periodic_level(last, months=cfg["review_months"], today=today,
                                    due_soon_days=cfg["due_soon_days"])
    if last is None:
        fact = _("None recorded.")
    elif level == RED:
        fact = _("Last on %(date)s; was due by %(due)s.") % {"date": _d(last), "due": _d(due)}
    else:
        fact = _("Last on %(date)s; next due by %(due)s.") % {"date": _d(last), "due": _d(due)}
    return Item(key, level, fact, url, date=last, short=_d(last))


def legal_item(agency, provided, urls) -> Item:
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


def reannounce_item(agency, urls) -> Item:
    url = urls("registry:agency_detail", agency.code, "#announcements")
    since = agency.qms_state_since.date() if agency.qms_state_since else None
    if agency.qms_state == QmsState.REANNOUNCE_DUE:
        return Item("reannounce", RED, _("The scope changed on %(date)s: re-announcement due.") % {"date": _d(since)},
                    url, date=since, short=_d(since))
    if agency.qms_state in ANNOUNCED:
        return Item("reannounce", GREEN, _("The announced scope is current."), url)
    return Item("reannounce", GREY, _("Not announced yet (%(state)s).") % {"state": agency.get_qms_state_display()},
                url)


def corrective_item(agency, provided, urls) -> Item:
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


def objectives_level(state: str, summary: dict | None, cfg: dict) -> str:
    """Grey before the QMS is applied (unless objectives were set), red without objectives or below the amber share,
    amber with none measured yet or below the green share."""
    if state in NOT_APPLYING_YET and not summary:
        return GREY
    if not summary:
        return RED
    share = achieved_share(summary)
    if share is None:
        return AMBER
    if share >= cfg["objectives_green_share"]:
        return GREEN
    return AMBER if share >= cfg["objectives_amber_share"] else RED


def objectives_item(agency, summary, today, cfg, urls) -> Item:
    url = urls("objectives:agency_index", agency.code)
    level = objectives_level(agency.qms_state, summary, cfg)
    if level == GREY:
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
    return Item("objectives", level, fact, url, count=summary["achieved"],
                short=f"{summary['achieved']}/{summary['measured']}")


def label_of(key: str) -> str:
    """The item's title, with the periods the settings give (the law's 12 and 3 months by default)."""
    cfg = config()
    months = {"internal_audit": cfg["audit_months"], "management_review": cfg["review_months"],
              "legal": settings.ISOGOV["LEGAL_UPDATE_MONTHS"]}
    text = str(LABELS[key])
    return text % {"months": months[key]} if key in months else text


def item_labels() -> list[str]:
    return [label_of(key) for key in LABELS]
