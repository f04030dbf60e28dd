"""The province's annual report to the Ministry of Science and Technology, due in December (Decision 19/2014
art. 12.6, Circular 26/2014 art. 42.4): this year's, filed under the programme lead unit, until its text carries
the date it was signed. Two queries.
"""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.core.duties import ADMIN, Duty, UrlTemplates
from isogov.registry.models import Agency
from isogov.reports.models import AnnualText


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    lead = Agency.objects.filter(is_programme_lead=True).order_by("code").values_list("pk", flat=True).first()
    if lead is None or (agency_ids is not None and lead not in set(agency_ids)):
        return []
    year = today.year
    if AnnualText.objects.filter(year=year, agency=None, signed_on__isnull=False).exists():
        return []
    return [Duty(key=f"reports.annual:{year}", kind="reports.annual", agency_id=lead,
                 title=_("Send the province's annual report for %(year)s to the Ministry of Science and Technology")
                 % {"year": year},
                 due=dt.date(year, 12, 31), url=UrlTemplates()("reports:province", year), actor=ADMIN)]
