"""The management review due every MANAGEMENT_REVIEW_MONTHS (the law's 12) and the review's actions due.

Two queries whatever the number of agencies. The period is counted from the last review recorded as a QMS fact,
as the compliance card counts it (compliance.rules.periodic_level).
"""
import datetime as dt
from collections.abc import Collection

from django.conf import settings
from django.utils.translation import gettext as _

from isogov.core.dates import add_months
from isogov.core.duties import HEAD, SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.qms.duties import periodic_agencies
from isogov.qms.models import FactKind
from isogov.reviews.models import ReviewAction


def review_due(last: dt.date | None) -> dt.date | None:
    return add_months(last, settings.ISOGOV["MANAGEMENT_REVIEW_MONTHS"]) if last else None


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    out = []
    for agency in periodic_agencies(agency_ids, FactKind.MANAGEMENT_REVIEW):
        due = review_due(agency.last)
        if agency.last is None:
            title = _("Hold the first management review (none recorded)")
        else:
            title = _("Hold the management review (the last one was on %(date)s)") % {"date": f"{agency.last:%d/%m/%Y}"}
        out.append(Duty(key=f"reviews.periodic:{agency.pk}:{due or ''}", kind="reviews.periodic", agency_id=agency.pk,
                        title=title, due=due, url=url("reviews:agency_index", agency.code), actor=HEAD))
    actions = (ReviewAction.objects.filter(done_on__isnull=True, **agency_filter(agency_ids, "review__agency_id"))
               .select_related("review", "review__agency").order_by("due_date", "pk"))
    for a in actions:
        agency = a.review.agency
        out.append(Duty(key=f"reviews.action:{a.pk}", kind="reviews.action", agency_id=agency.pk,
                        title=_("Management review action: %(description)s") % {"description": a.description[:120]},
                        due=a.due_date, url=url("reviews:detail", agency.code, a.review_id), actor=SECRETARY))
    return out
