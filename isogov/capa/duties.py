"""The corrective actions' duties: a root cause to analyse, a plan to adopt, the response asked for by a date
(`respond_by`, e.g. an inspection's finding), actions due, effectiveness to verify.

Two queries whatever the number of agencies.
"""
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _

from isogov.capa.models import CorrectiveAction, Nonconformity, State
from isogov.capa.workflow import ACTION_DONE_STATES
from isogov.core.duties import HEAD, SECRETARY, Duty, UrlTemplates, agency_filter

_STEP_STATES = (State.DRAFT, State.ANALYSED, State.AWAITING_VERIFICATION)


def _nc_duty(nc: Nonconformity, url) -> Duty:
    # Asked to answer by a date (an inspection's finding, a complaint): the plan's adoption is the answer.
    due = nc.respond_by if nc.awaiting_response else None
    if nc.state == State.DRAFT:
        kind, actor = "capa.analyse", SECRETARY
        title = _("Analyse the root cause of nonconformity #%(number)s: %(description)s")
    elif nc.state == State.ANALYSED:
        # The roles that adopt a plan are a setting (CAPA_PLAN_ADOPTERS); the head by default, never the secretary.
        kind, actor = "capa.adopt", HEAD
        title = _("Adopt the corrective action plan of nonconformity #%(number)s: %(description)s")
    else:
        kind, actor = "capa.verify", HEAD
        title = _("Verify the effectiveness of the actions of nonconformity #%(number)s: %(description)s")
    return Duty(key=f"{kind}:{nc.pk}", kind=kind, agency_id=nc.agency_id,
                title=title % {"number": nc.number, "description": nc.description[:120]}, due=due,
                url=url("capa:detail", nc.agency.code, nc.pk), actor=actor)


def duties(*, agency_ids: Collection[int] | None, today: dt.date) -> list[Duty]:
    url = UrlTemplates()
    # The states that wait on a person's step; in the others the actions (below) are what is due.
    ncs = (Nonconformity.objects.filter(state__in=_STEP_STATES, **agency_filter(agency_ids))
           .select_related("agency").order_by("agency_id", "number"))
    out = [_nc_duty(nc, url) for nc in ncs]
    actions = (CorrectiveAction.objects
               .filter(done_on__isnull=True, nonconformity__state__in=ACTION_DONE_STATES,
                       **agency_filter(agency_ids, "nonconformity__agency_id"))
               .select_related("nonconformity", "nonconformity__agency").order_by("due_date", "pk"))
    for a in actions:
        nc = a.nonconformity
        out.append(Duty(key=f"capa.action:{a.pk}", kind="capa.action", agency_id=nc.agency_id,
                        title=_("Corrective action of nonconformity #%(number)s: %(description)s")
                        % {"number": nc.number, "description": a.description[:120]},
                        due=a.due_date, url=url("capa:detail", nc.agency.code, nc.pk), actor=SECRETARY))
    return out
