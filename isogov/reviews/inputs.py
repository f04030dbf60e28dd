"""The inputs of a management review (9.3.2), collected from isogov's own records.

Each collector returns lines {"msg", "params", "level", "url"}: the message id stays untranslated and
the parameters hold only data, so a review frozen in the minutes reads in whichever language it is shown.
Every collector costs a fixed number of queries.
"""
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from isogov.audit.models import AuditEvent
from isogov.audits.models import Audit
from isogov.audits.rules import internal_audit_overdue
from isogov.capa import selectors as capa
from isogov.core.dates import add_days, add_months, day_start
from isogov.documents.models import Document
from isogov.feedback.selectors import complaints_summary, satisfaction_summary
from isogov.objectives.models import Objective, Period, format_value
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.reviews.models import InputKey, Review, ReviewAction, ReviewState
from isogov.risks.models import Kind as RiskKind
from isogov.risks.models import Risk
from isogov.risks.models import Status as RiskStatus
from isogov.risks.selectors import risk_summary

LIST_LIMIT = 30
OK, WARN, BAD = "ok", "warn", "bad"


def line(msg: str, level: str = "", url: str = "", **params) -> dict:
    return {"msg": msg, "params": {k: _plain(v) for k, v in params.items()}, "level": level, "url": url}


def _plain(value):
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, str)) or value is None:
        return value
    return str(value)


def render(entry: dict) -> str:
    """A collected line in the active language, counts with thousands separators."""
    params = {k: number_format(v, force_grouping=True) if isinstance(v, int) and not isinstance(v, bool) else v
              for k, v in entry.get("params", {}).items()}
    try:
        return _(entry["msg"]) % params
    except (KeyError, TypeError, ValueError):
        return entry.get("msg", "")


@dataclass
class Context:
    agency: Agency
    review: Review
    since: dt.date
    until: dt.date
    today: dt.date
    _objectives: list | None = None

    def objectives(self) -> list[Objective]:
        """The objectives of the years the review covers, with their measurements: loaded once for two inputs."""
        if self._objectives is None:
            years = sorted({self.since.year, self.until.year})[-2:]
            self._objectives = list(Objective.objects.filter(agency=self.agency, year__in=years)
                                    .prefetch_related("measurements").order_by("year", "id"))
        return self._objectives


def previous_review_date(review: Review) -> dt.date:
    """The last review before this one: a held review, or a review fact recorded by hand; else one review period
    (MANAGEMENT_REVIEW_MONTHS, the law's 12) earlier."""
    held = (Review.objects.filter(agency=review.agency_id, state=ReviewState.HELD, date__lte=review.date)
            .exclude(pk=review.pk).aggregate(last=Max("date"))["last"])
    if held:
        return held
    fact = (QmsFact.objects.filter(agency=review.agency_id, kind=FactKind.MANAGEMENT_REVIEW, date__lt=review.date)
            .exclude(pk=review.fact_id).aggregate(last=Max("date"))["last"])
    return fact or add_months(review.date, -settings.ISOGOV["MANAGEMENT_REVIEW_MONTHS"])


def collect(review: Review, *, today: dt.date, since: dt.date | None = None) -> dict[str, list[dict]]:
    ctx = Context(review.agency, review, since or previous_review_date(review), min(review.date, today), today)
    return {key: COLLECTORS[key](ctx) if key in COLLECTORS else [] for key in InputKey.values}


def _previous_actions(ctx: Context) -> list[dict]:
    qs = (ReviewAction.objects.filter(review__agency=ctx.agency, review__date__lte=ctx.review.date)
          .exclude(review=ctx.review)
          .filter(Q(done_on__isnull=True) | Q(done_on__gte=ctx.since))
          .select_related("review").order_by("review__date", "due_date", "id"))
    lines = []
    for a in qs[:LIST_LIMIT]:
        params = {"description": a.description, "owner": a.owner, "due": a.due_date, "review": a.review.date}
        if a.done_on:
            lines.append(line(gettext_noop("%(description)s (%(owner)s, review of %(review)s): done on %(done)s"), OK,
                              done=a.done_on, **params))
        elif a.due_date < ctx.today:
            lines.append(line(gettext_noop("%(description)s (%(owner)s, review of %(review)s): overdue since %(due)s"),
                              BAD, **params))
        else:
            lines.append(line(gettext_noop("%(description)s (%(owner)s, review of %(review)s): open, due %(due)s"),
                              WARN, **params))
    return lines or [line(gettext_noop("No action was pending from previous reviews."))]


def _changes(ctx: Context) -> list[dict]:
    lines = []
    agency, since, until = ctx.agency, ctx.since, ctx.until
    # Bounds as moments, not at__date: the (agency, at) indexes serve a range, not a date cast.
    after, before = day_start(add_days(since, 1)), day_start(add_days(until, 1))
    for t in Transition.objects.filter(agency=agency, to_state=QmsState.REANNOUNCE_DUE, at__gte=after,
                                       at__lt=before).order_by("at")[:LIST_LIMIT]:
        lines.append(line(gettext_noop("Scope changed on %(date)s: %(note)s (re-announcement due)"), WARN,
                          date=t.at.date(), note=t.note))
    for a in Announcement.objects.filter(agency=agency, is_reannouncement=True, decision_date__gt=since,
                                         decision_date__lte=until).order_by("decision_date"):
        lines.append(line(gettext_noop("Re-announced by decision %(number)s of %(date)s"), OK, number=a.decision_number,
                          date=a.decision_date))
    scope_events = (AuditEvent.objects.filter(agency=agency, at__gte=after, at__lt=before,
                                              object_type="qms.scopeitem").order_by("at")[:LIST_LIMIT])
    for e in scope_events:
        code = e.changes.get("procedure")
        code = code[0] if isinstance(code, list) else code
        msg = gettext_noop("Procedure %(code)s added to the scope on %(date)s") if e.action == "create" else \
            gettext_noop("Procedure %(code)s removed from the scope on %(date)s")
        lines.append(line(msg, code=code or "?", date=e.at.date()))
    url = reverse("documents:agency_index", args=[agency.code])
    for d in (Document.objects.filter(agency=agency, kind="external", legal_effective_on__gt=since,
                                      legal_effective_on__lte=until)
              .order_by("legal_effective_on")[:LIST_LIMIT]):
        params = {"number": d.legal_number or d.code, "title": d.title, "date": d.legal_effective_on}
        if d.incorporated_on:
            lines.append(line(gettext_noop("New legal document %(number)s %(title)s, in effect from %(date)s: brought "
                                           "into the QMS on %(incorporated)s"), OK, url,
                              incorporated=d.incorporated_on, **params))
        else:
            lines.append(line(gettext_noop("New legal document %(number)s %(title)s, in effect from %(date)s: not yet "
                                           "brought into the QMS (due %(due)s)"),
                              BAD if d.legal_due_on and d.legal_due_on < ctx.today else WARN, url,
                              due=d.legal_due_on, **params))
    return lines or [line(gettext_noop("No change of scope or new legal document since %(since)s."), since=since)]


def _objectives(ctx: Context) -> list[dict]:
    url = reverse("objectives:agency_index", args=[ctx.agency.code])
    lines = []
    for o in ctx.objectives():
        params = {"year": str(o.year), "title": o.title, "target": f"{o.get_comparator_display()} {o.target_display}",
                  "value": format_value(o.year_value, o.unit), "good": o.periods_achieved, "n": o.periods_measured}
        if o.year_achieved is None:
            lines.append(line(gettext_noop("%(year)s · %(title)s (target %(target)s): not measured yet"), WARN, url,
                              **params))
        elif o.year_achieved:
            lines.append(line(gettext_noop("%(year)s · %(title)s (target %(target)s): %(value)s, achieved "
                                 "(%(good)s of %(n)s periods)"), OK, url, **params))
        else:
            lines.append(line(gettext_noop("%(year)s · %(title)s (target %(target)s): %(value)s, not achieved "
                                 "(%(good)s of %(n)s periods)"), BAD, url, **params))
    return lines or [line(gettext_noop("No quality objective recorded."), BAD, url)]


def _period_name(period: str, index: int, year: int) -> str:
    if period == Period.MONTHLY:
        return f"{index:02d}/{year}"
    if period == Period.QUARTERLY:
        return f"Q{index}/{year}"
    return str(year)


def _process_performance(ctx: Context) -> list[dict]:
    url = reverse("objectives:agency_index", args=[ctx.agency.code])
    lines = []
    for o in ctx.objectives():
        values = [f"{_period_name(o.period, m.period_index, o.year)}: {format_value(m.value, o.unit)}"
                  + ("" if o.meets(m.value) else " ✗")
                  for m in sorted(o.measurements.all(), key=lambda m: m.period_index)]
        if values:
            lines.append(line(gettext_noop("%(title)s: %(values)s"), "", url, title=o.title, values="; ".join(values)))
    return lines or [line(gettext_noop("No measurement recorded."), WARN, url)]


def _satisfaction(ctx: Context) -> list[dict]:
    url = reverse("feedback:agency_index", args=[ctx.agency.code])
    return feedback_lines(satisfaction_summary(agency=ctx.agency, since=ctx.since),
                          complaints_summary(agency=ctx.agency, since=ctx.since), url)


def feedback_lines(sat: dict, comp: dict, url: str) -> list[dict]:
    """The feedback summaries (isogov.feedback.selectors) as lines: the overall satisfaction rate, the rate per
    procedure, and the complaints received, handled and still open."""
    lines = []
    if sat.get("rate") is None:
        lines.append(line(gettext_noop("No satisfaction survey recorded."), WARN, url))
    else:
        lines.append(line(gettext_noop("Satisfaction: %(rate)s %% of %(surveyed)s people surveyed"), "", url,
                          rate=format_value(_decimal(sat["rate"]), ""), surveyed=sat.get("surveyed", 0)))
    for p in (sat.get("by_procedure") or [])[:LIST_LIMIT]:
        if p.get("rate") is None:
            continue
        params = {"rate": format_value(_decimal(p["rate"]), ""), "surveyed": p.get("surveyed", 0)}
        if p.get("code"):
            lines.append(line(gettext_noop("%(code)s %(name)s: %(rate)s %% of %(surveyed)s"), "", url, code=p["code"],
                              name=p.get("name", ""), **params))
        else:
            lines.append(line(gettext_noop("Whole agency: %(rate)s %% of %(surveyed)s"), "", url, **params))
    lines.append(line(gettext_noop("Complaints: %(received)s received, %(handled)s handled, %(open)s open"),
                      BAD if comp.get("open") else OK, url, received=comp.get("received", 0),
                      handled=comp.get("handled", 0), open=comp.get("open", 0)))
    if comp.get("nonconformities"):
        lines.append(line(gettext_noop("%(n)s complaints led to a nonconformity"), "", url, n=comp["nonconformities"]))
    return lines


def _decimal(value):
    from decimal import Decimal, InvalidOperation

    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    except InvalidOperation:
        return None


def _nonconformities(ctx: Context) -> list[dict]:
    url = reverse("capa:agency_index", args=[ctx.agency.code])
    # The register tells which are open now; those found after the meeting are left out.
    items = [nc for nc in capa.open_nonconformities(agency=ctx.agency, today=ctx.today)
             if getattr(nc, "detected_on", ctx.until) <= ctx.until]
    overdue = sum(1 for nc in items if getattr(nc, "is_overdue", False))
    lines = [line(gettext_noop("%(open)s open nonconformities, %(overdue)s overdue"), BAD if overdue else OK, url,
                  open=len(items), overdue=overdue)]
    facts = capa.compliance_facts(agencies=Agency.objects.filter(pk=ctx.agency.pk), today=ctx.today)
    row = facts.get(ctx.agency.pk, {})
    lines.append(line(gettext_noop("%(n)s closed in the last 12 months"), "", url, n=row.get("ca_closed_12m", 0)))
    for nc in items[:LIST_LIMIT]:
        lines.append(line(gettext_noop("#%(number)s %(description)s (%(state)s)"),
                          BAD if getattr(nc, "is_overdue", False) else "",
                          url, number=getattr(nc, "number", nc.pk), description=str(nc.description)[:200],
                          state=nc.get_state_display() if hasattr(nc, "get_state_display") else ""))
    return lines


def _audit_results(ctx: Context) -> list[dict]:
    audit = (Audit.objects.filter(agency=ctx.agency, state="reported", reported_on__lte=ctx.until)
             .order_by("-reported_on", "-id").first())
    if audit is not None:
        counts = dict(audit.findings.values_list("grade").annotate(n=Count("id")).order_by())
        url = reverse("audits:agency_index", args=[ctx.agency.code])
        major, minor = counts.get("major", 0), counts.get("minor", 0)
        return [line(gettext_noop("Last internal audit “%(title)s”, reported on %(date)s: %(major)s major and "
                                  "%(minor)s minor nonconformities, %(observation)s observations, %(good)s good "
                                  "practices"),
                     BAD if major else (WARN if minor else OK), url, title=audit.title, date=audit.reported_on,
                     major=major, minor=minor, observation=counts.get("observation", 0),
                     good=counts.get("good_practice", 0))]
    last = (QmsFact.objects.filter(agency=ctx.agency, kind=FactKind.INTERNAL_AUDIT, date__lte=ctx.until)
            .aggregate(last=Max("date"))["last"])
    if last:
        return [line(gettext_noop("Last internal audit recorded on %(date)s"),
                     BAD if internal_audit_overdue(last, ctx.until) else OK, date=last)]
    return [line(gettext_noop("No internal audit recorded."), BAD)]


def _risks(ctx: Context) -> list[dict]:
    url = reverse("risks:agency_index", args=[ctx.agency.code])
    s = risk_summary(agency=ctx.agency, today=ctx.today, since=ctx.since)
    if not s["open"] and not any(s["actions"].values()):
        return [line(gettext_noop("The register of risks and opportunities is empty."), BAD, url)]
    return [
        line(gettext_noop("%(open)s open risks and opportunities: %(high)s high, %(medium)s medium, %(low)s low"),
             BAD if s["bands"]["high"] else "", url, open=s["open"], **s["bands"]),
        line(gettext_noop("%(n)s due for review (review date passed)"), BAD if s["review_overdue"] else OK, url,
             n=s["review_overdue"]),
        line(gettext_noop("Treatment actions: %(open)s open, %(overdue)s overdue, %(done)s done since %(since)s"),
             BAD if s["actions"]["overdue"] else OK, url, since=ctx.since, open=s["actions"]["open"],
             overdue=s["actions"]["overdue"], done=s["actions"]["done_since"]),
    ]


def _improvement(ctx: Context) -> list[dict]:
    url = reverse("risks:agency_index", args=[ctx.agency.code])
    lines = [line(gettext_noop("Opportunity: %(description)s (owner %(owner)s)"), "", url,
                  description=r.description[:200], owner=r.owner)
             for r in Risk.objects.filter(agency=ctx.agency, kind=RiskKind.OPPORTUNITY,
                                          status=RiskStatus.OPEN).order_by("id")[:LIST_LIMIT]]
    return lines or [line(gettext_noop("No open opportunity in the register."))]


COLLECTORS = {
    InputKey.PREVIOUS_ACTIONS: _previous_actions,
    InputKey.CHANGES: _changes,
    InputKey.OBJECTIVES: _objectives,
    InputKey.SATISFACTION: _satisfaction,
    InputKey.PROCESS_PERFORMANCE: _process_performance,
    InputKey.NONCONFORMITIES: _nonconformities,
    InputKey.AUDIT_RESULTS: _audit_results,
    InputKey.RISKS: _risks,
    InputKey.IMPROVEMENT: _improvement,
}
