"""The risk register's duties: open risks whose review date comes, treatment actions due. Two queries."""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.core.duties import SECRETARY, Duty, UrlTemplates, agency_filter
from isogov.risks.models import Risk, RiskAction, Status


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    # Only the columns a duty shows: whole rows of risk, action and agency were most of a district's to-do's time.
    url = UrlTemplates()
    out = []
    # The register's "review overdue" filter (filters.RiskFilter.review_overdue) reads the same two fields.
    for r in (Risk.objects.filter(status=Status.OPEN, **agency_filter(agency_ids)).order_by("review_date", "pk")
              .values("pk", "agency_id", "agency__code", "description", "review_date")):
        out.append(Duty(key=f"risks.review:{r['pk']}:{r['review_date']}", kind="risks.review",
                        agency_id=r["agency_id"],
                        title=_("Review the risk: %(description)s") % {"description": r["description"][:120]},
                        due=r["review_date"], url=url("risks:detail", r["agency__code"], r["pk"]), actor=SECRETARY))
    for a in (RiskAction.objects.filter(done_on__isnull=True, risk__status=Status.OPEN,
                                        **agency_filter(agency_ids, "risk__agency_id"))
              .order_by("due_date", "pk")
              .values("pk", "description", "due_date", "risk_id", "risk__agency_id", "risk__agency__code")):
        out.append(Duty(key=f"risks.action:{a['pk']}", kind="risks.action", agency_id=a["risk__agency_id"],
                        title=_("Risk treatment action: %(description)s") % {"description": a["description"][:120]},
                        due=a["due_date"], url=url("risks:detail", a["risk__agency__code"], a["risk_id"]),
                        actor=SECRETARY))
    return out
