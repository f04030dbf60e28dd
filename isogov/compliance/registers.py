"""The province's compliance table as the compliance page shows it (same filters, same agencies), through
core.registers: each item's level in words and its fact, so the colour is never the only signal."""
import datetime as dt

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isogov.compliance import selectors
from isogov.compliance.rules import Card, item_labels
from isogov.core.registers import Column, register_xlsx
from isogov.jobs import files
from isogov.registry.models import Tier

TABLE = "compliance.table"


def compliance_table(*, cards: list[Card], today: dt.date) -> bytes:
    rows = []
    for card in cards:
        a = card.agency
        items = [f"{capfirst(i.level_label)}: {i.fact}" for i in card.items]
        rows.append([a.code, a.name, str(a.tier), str(a.get_qms_state_display()), *items,
                     _("yes") if card.ok else _("no")])
    columns = [Column(_("Code"), 10), Column(_("Agency"), 36), Column(_("Tier"), 14), Column(_("QMS state"), 20),
               *(Column(label, 30) for label in item_labels()), Column(_("Compliant"), 10)]
    return register_xlsx(title=_("Compliance table"), scope=_("Agencies you may read"), columns=columns, rows=rows,
                         today=today)


def table_file(*, user, params: dict) -> tuple[str, bytes]:
    """The table's file for `user` with the page's filters (`params["query"]`), in Vietnamese."""
    with translation.override("vi"):
        today = timezone.localdate()
        table = selectors.province_table(user=user, data=QueryDict(params.get("query", "")),
                                         tiers=list(Tier.objects.all()))
        cards = selectors.compliance_cards(agencies=table.agencies, today=today)
        return "bang-tuan-thu.xlsx", compliance_table(cards=[cards[pk] for pk in table.shown], today=today)


def register() -> None:
    files.register(TABLE, table_file)
