"""The risk register's duties: open risks whose review date comes, treatment actions due. Two queries."""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.core.duties import SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.risks.models import Risk, RiskAction, Status


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    out = []
    # The register's "review overdue" filter (filters.RiskFilter.review_overdue) reads the same two fields.
    for r in (Risk.objects.filter(status=Status.OPEN, **agency_filter(agency_ids))
              .select_related("agency").order_by("review_date", "pk")):
        out.append(Duty(key=f"risks.review:{r.pk}:{r.review_date}", kind="risks.review", agency_id=r.agency_id,
                        title=_("Review the risk: %(description)s") % {"description": r.description[:120]},
                        due=r.review_date, url=url("risks:detail", r.agency.code, r.pk), actor=SECRETARY))
    for a in (RiskAction.objects.filter(done_on__isnull=True, risk__status=Status.OPEN,
                                        **agency_filter(agency_ids, "risk__agency_id"))
              .select_related("risk", "risk__agency").order_by("due_date", "pk")):
        risk = a.risk
        out.append(Duty(key=f"risks.action:{a.pk}", kind="risks.action", agency_id=risk.agency_id,
                        title=_("Risk treatment action: %(description)s") % {"description": a.description[:120]},
                        due=a.due_date, url=url("risks:detail", risk.agency.code, risk.pk), actor=SECRETARY))
    return out
