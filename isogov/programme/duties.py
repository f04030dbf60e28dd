"""The province's plan: each activity of an approved plan, due on its end date until it is done or cancelled.

The programme lead (role admin) updates an activity's progress, whichever agency leads it; the duty is filed under
the activity's lead unit (the plan's when it names none). One query.
"""
import datetime as dt
from collections.abc import Collection

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from isogov.core.duties import ADMIN, Duty, UrlTemplates
from isogov.programme.models import FINISHED_STATUSES, Activity, PlanStatus


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    rows = (Activity.objects.filter(plan__status=PlanStatus.APPROVED).exclude(status__in=FINISHED_STATUSES)
            .annotate(unit_id=Coalesce("lead_unit_id", "plan__lead_unit_id"))
            .select_related("plan").order_by("end_date", "pk"))
    if agency_ids is not None:
        rows = rows.filter(Q(unit_id__in=list(agency_ids)))
    return [Duty(key=f"programme.activity:{a.pk}", kind="programme.activity", agency_id=a.unit_id,
                 title=_("Carry out activity %(number)s of %(plan)s: %(title)s (%(progress)s%% done)")
                 % {"number": a.number, "plan": a.plan.title, "title": a.title, "progress": a.progress},
                 due=a.end_date, url=url("programme:activity_detail", a.pk), actor=ADMIN)
            for a in rows]
