"""The quality objectives of the year (ISO 9001:2015, 6.2): an agency applying its QMS sets them. One query.

They have no legal date: the duty is undated, listed while the year has none, as the compliance card turns its
objectives item red (compliance.rules.objectives_item).
"""
import datetime as dt
from collections.abc import Collection

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from isogov.core.duties import SECRETARY, Duty, UrlTemplates
from isogov.qms.duties import NOT_APPLYING_YET
from isogov.registry.models import Agency, AgencyStatus


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    scope = {} if agency_ids is None else {"pk__in": list(agency_ids)}
    agencies = (Agency.objects.filter(status=AgencyStatus.ACTIVE, **scope).exclude(qms_state__in=NOT_APPLYING_YET)
                .annotate(n=Count("objectives", filter=Q(objectives__year=today.year))).filter(n=0).order_by("path"))
    return [Duty(key=f"objectives.set:{a.pk}:{today.year}", kind="objectives.set", agency_id=a.pk,
                 title=_("Set the quality objectives for %(year)s") % {"year": today.year}, due=None,
                 url=url("objectives:agency_index", a.code), actor=SECRETARY) for a in agencies]
