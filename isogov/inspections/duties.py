"""The inspected agency's report of its corrective actions, due INSPECTION_REPORT_MONTHS (the law's 2) after the
inspection's record (rules.report_due), while a finding's nonconformity still waits for its plan. One query.
"""
import datetime as dt
from collections.abc import Collection

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from isogov.capa.models import REPORTED_STATES, State
from isogov.core.duties import SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.inspections import rules
from isogov.inspections.models import Inspection

# A finding is answered once its nonconformity's plan is adopted (selectors.responses counts it so).
_WAITING = Q(findings__nonconformity__isnull=False) & ~Q(
    findings__nonconformity__state__in=[*REPORTED_STATES, State.CANCELLED])


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    rows = (Inspection.objects.filter(record_date__isnull=False, **agency_filter(agency_ids))
            .annotate(waiting=Count("findings", filter=_WAITING)).filter(waiting__gt=0)
            .select_related("agency", "plan").order_by("record_date", "pk"))
    return [Duty(key=f"inspections.report:{i.pk}", kind="inspections.report", agency_id=i.agency_id,
                 title=_("Report the corrective actions to the inspection team (record of %(date)s, %(n)s finding(s) "
                         "waiting)") % {"date": f"{i.record_date:%d/%m/%Y}", "n": i.waiting},
                 due=rules.report_due(i.record_date), url=url("capa:agency_index", i.agency.code), actor=SECRETARY)
            for i in rows]
