"""The province's compliance table as the compliance page shows it (same filters, same agencies), through
core.registers: each item's level in words and its fact, so the colour is never the only signal."""
import datetime as dt

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isogov.compliance.rules import Card, item_labels
from isogov.core.registers import Column, register_xlsx


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
