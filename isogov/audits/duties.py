"""The internal audit due every INTERNAL_AUDIT_MONTHS (the law's 12), counted from the last one recorded.

One query whatever the number of agencies; the date is audits.rules.internal_audit_due, the same rule the
audits page, the compliance card and the management review use.
"""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.audits import rules
from isogov.core.duties import SECRETARY, Duty, UrlTemplates
from isogov.qms.duties import periodic_agencies
from isogov.qms.models import FactKind


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    out = []
    for agency in periodic_agencies(agency_ids, FactKind.INTERNAL_AUDIT):
        due = rules.internal_audit_due(agency.last)
        if agency.last is None:
            title = _("Hold the first internal audit (none recorded)")
        else:
            title = _("Hold the internal audit (the last one was on %(date)s)") % {"date": f"{agency.last:%d/%m/%Y}"}
        out.append(Duty(key=f"audits.internal:{agency.pk}:{due or ''}", kind="audits.internal", agency_id=agency.pk,
                        title=title, due=due, url=url("audits:agency_index", agency.code), actor=SECRETARY))
    return out
