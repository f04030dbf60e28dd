"""The QMS's duties: the announcement decision the head signs once effectiveness is confirmed or the scope has
changed (Decision 19/2014: re-announce), and the lead unit to notify of an announcement.

Two queries whatever the number of agencies. Also the agencies whose periodic records (internal audit,
management review) fall due, which the audits and reviews areas date with their own rules.
"""
import datetime as dt
from collections.abc import Collection

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from isogov.core.duties import HEAD, SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.qms.models import Announcement
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus

# Before the QMS is applied no audit or review is due (the compliance card shows those items grey).
NOT_APPLYING_YET = (QmsState.NOT_STARTED, QmsState.BUILDING)


def periodic_agencies(agency_ids, kind: str):
    """Active agencies applying their QMS, each with `last`: the date of its last QMS fact of `kind`. One query."""
    return (Agency.objects.filter(status=AgencyStatus.ACTIVE, **agency_filter(agency_ids, "pk"))
            .exclude(qms_state__in=NOT_APPLYING_YET)
            .annotate(last=Max("qms_facts__date", filter=Q(qms_facts__kind=kind)))
            .order_by("path"))


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    out = []
    to_sign = (Agency.objects.filter(status=AgencyStatus.ACTIVE, qms_state__in=(QmsState.CONFIRMED,
                                                                                 QmsState.REANNOUNCE_DUE),
                                     **agency_filter(agency_ids, "pk")).order_by("path"))
    for agency in to_sign:
        if agency.qms_state == QmsState.CONFIRMED:
            kind, title = "qms.announce", _("Sign the decision announcing the QMS")
        else:
            since = agency.qms_state_since
            kind = "qms.reannounce"
            title = _("Sign the re-announcement: the scope changed on %(date)s") % {
                "date": f"{since:%d/%m/%Y}" if since else "—"}
        out.append(Duty(key=f"{kind}:{agency.pk}", kind=kind, agency_id=agency.pk, title=title, due=None,
                        url=url("qms:announce", agency.code), actor=HEAD))
    unnotified = (Announcement.objects.filter(notified_on__isnull=True, agency__status=AgencyStatus.ACTIVE,
                                              **agency_filter(agency_ids)).select_related("agency")
                  .order_by("decision_date", "pk"))
    for a in unnotified:
        out.append(Duty(key=f"qms.notify:{a.pk}", kind="qms.notify", agency_id=a.agency_id,
                        title=_("Notify the lead unit of announcement %(number)s") % {"number": a.decision_number},
                        due=None, url=url("registry:agency_detail", a.agency.code) + "#announcements",
                        actor=SECRETARY))
    return out
