"""Each agency's facts as they stood at the end of a day, as SQL expressions, and the figures' conditions on them.

Every count of the dashboard and of the annual report is `Count(agency, filter=CONDITION)` over the agencies that
existed that day, and the agencies behind a figure are the same queryset filtered by the same condition: what
the page counts is exactly what the click lists.

Only dated records are read: the QMS's transitions (`Transition.at`), announcement decisions, the QMS facts
(internal audits, management reviews), nonconformities with their actions' due and done dates and their closing
or cancelling dates, legal texts' deadlines and incorporation dates, training sessions' days, inspection records'
dates. Never the agency's stored current state.
"""
import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.accounts import access
from isogov.audits import rules as audit_rules
from isogov.capa.models import CorrectiveAction, State, Step
from isogov.core.counting import grouped_counts
from isogov.core.dates import add_days, add_months
from isogov.documents.models import Document, DocumentKind
from isogov.inspections.models import Inspection, InspectionPlan
from isogov.qms.models import Announcement, FactKind, QmsFact, Transition
from isogov.qms.states import QmsState
from isogov.registry import rollups
from isogov.registry.models import Agency
from isogov.training.models import Session, Trainee
from isogov.training.selectors import default_min_trained

# Started but not announced: the states between "not started" and the announcement.
UNDER_WAY = (QmsState.BUILDING, QmsState.APPLYING, QmsState.CONFIRMED, QmsState.ANNOUNCED, QmsState.MAINTAINING,
             QmsState.REANNOUNCE_DUE)


def day_end(as_of: dt.date) -> dt.datetime:
    """The first moment after `as_of` in the site's time zone: a transition at or after it came later."""
    return timezone.make_aware(dt.datetime.combine(add_days(as_of, 1), dt.time.min))


def existing_q(as_of: dt.date) -> Q:
    """Agencies that existed on `as_of` (mandatory or not): as isogov.scoring.measures.in_force_q, which adds
    "mandatory". An agency with no creation date counts from the beginning, as in the scoring."""
    return ((Q(active_from__isnull=True) | Q(active_from__lte=as_of))
            & (Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)))


def scope(user) -> QuerySet[Agency]:
    """The agencies `user` may read; None is the command line, which reads the whole province."""
    return Agency.objects.all() if user is None else access.agencies_readable(user)


def _aliases(as_of: dt.date) -> dict:
    end = day_end(as_of)
    agency = OuterRef("pk")
    last_state = (Transition.objects.filter(agency=agency, at__lt=end).order_by("-at", "-pk").values("to_state")[:1])
    facts = QmsFact.objects.filter(agency=agency, date__lte=as_of).order_by().values("agency")
    # A nonconformity still open at the end of the day: found by then, neither closed nor cancelled by then.
    cancelled = Step.objects.filter(nonconformity=OuterRef("nonconformity"), to_state=State.CANCELLED, at__lt=end)
    late_actions = (CorrectiveAction.objects.filter(nonconformity__agency=agency, due_date__lt=as_of,
                                                    nonconformity__detected_on__lte=as_of)
                    .filter(Q(done_on__isnull=True) | Q(done_on__gt=as_of))
                    .filter(Q(nonconformity__closed_on__isnull=True) | Q(nonconformity__closed_on__gt=as_of))
                    .exclude(Exists(cancelled)))
    # A legal text in effect whose deadline has passed and which was not brought in by the end of the day.
    late_legal = (Document.objects.filter(agency=agency, kind=DocumentKind.EXTERNAL, legal_effective_on__lte=as_of,
                                          legal_due_on__lt=as_of)
                  .filter(Q(incorporated_on__isnull=True) | Q(incorporated_on__gt=as_of)))
    # Distinct people (as training.selectors counts them) who completed a session that had ended by then: every
    # session but those ending later. A NOT IN stays one hashed list of those few sessions for the whole query; a
    # join (or IN) to the ended ones had PostgreSQL hash every session again for each agency (200 of the
    # dashboard's 290 ms of SQL at 10,000 agencies).
    later = Session.objects.filter(end_date__gt=as_of).values("pk")
    trained = (Trainee.objects.filter(agency=agency, completed=True).exclude(session__in=later).order_by()
               .values("agency").annotate(n=Count("name_key", distinct=True)).values("n"))
    return {
        "d_state": Subquery(last_state),
        "d_announced": Exists(Announcement.objects.filter(agency=agency, decision_date__lte=as_of)),
        "d_audit": Subquery(facts.annotate(m=Max("date", filter=Q(kind=FactKind.INTERNAL_AUDIT))).values("m")),
        "d_review": Subquery(facts.annotate(m=Max("date", filter=Q(kind=FactKind.MANAGEMENT_REVIEW))).values("m")),
        "d_ca_overdue": Exists(late_actions),
        "d_legal_overdue": Exists(late_legal),
        "d_trained": Coalesce(Subquery(trained, output_field=IntegerField()), Value(0)),
        "d_onsite": Exists(InspectionPlan.onsite.through.objects.filter(
            agency=agency, inspectionplan__year=as_of.year)),
        "d_inspected": Exists(Inspection.objects.filter(agency=agency, plan__year=as_of.year,
                                                        record_date__lte=as_of)),
    }


def agencies_on(*, user, as_of: dt.date) -> QuerySet[Agency]:
    """The agencies `user` may read that existed on `as_of`, with their dated facts as aliases for `conditions`."""
    return scope(user).filter(existing_q(as_of)).alias(**_aliases(as_of))


def conditions(as_of: dt.date) -> dict[str, Q]:
    """Each agency figure's condition on the aliases of `agencies_on`. The keys are the figures' names in the
    drill-down's URL (?figure=...)."""
    announced = Q(d_announced=True)
    # On time on the due date itself, as the compliance card says (audits.rules.internal_audit_overdue).
    audit_ok = Q(d_audit__gte=add_months(as_of, -audit_rules.internal_audit_months()))
    review_ok = Q(d_review__gte=add_months(as_of, -settings.ISOGOV["MANAGEMENT_REVIEW_MONTHS"]))
    maintaining = announced & audit_ok & review_ok
    must = Q(mandatory=True)
    return {
        "agencies": Q(),
        "must_apply": must,
        "announced": announced,
        "maintaining": maintaining,
        "building": Q(d_announced=False, d_state__in=UNDER_WAY),
        "not_started": Q(d_announced=False) & (Q(d_state__isnull=True) | Q(d_state=QmsState.NOT_STARTED)),
        "announced_must": must & announced,
        "maintaining_must": must & maintaining,
        # The dated parts of the compliance card (compliance.rules): announced, internal audit and management
        # review in time, no legal text and no corrective action overdue, no re-announcement pending. Its
        # "quality objectives achieved" item is left out: objectives' measured values carry no date.
        "compliant": maintaining & Q(d_legal_overdue=False, d_ca_overdue=False)
        & (Q(d_state__isnull=True) | ~Q(d_state=QmsState.REANNOUNCE_DUE)),
        "ca_overdue": Q(d_ca_overdue=True),
        "legal_overdue": Q(d_legal_overdue=True),
        "trained": Q(d_trained__gte=default_min_trained()),
        "onsite_planned": Q(d_onsite=True),
        "inspected": Q(d_inspected=True),
    }


FIGURE_LABELS = {
    "agencies": _("Agencies"),
    "must_apply": _("Must apply"),
    "announced": _("Announced"),
    "maintaining": _("Maintaining"),
    "building": _("Building, not announced yet"),
    "not_started": _("Not started"),
    "announced_must": _("Announced, of those that must apply"),
    "maintaining_must": _("Maintaining, of those that must apply"),
    "compliant": _("Compliant"),
    "ca_overdue": _("With a corrective action overdue"),
    "legal_overdue": _("With a legal change overdue"),
    "trained": _("Covered by the training"),
    "onsite_planned": _("To inspect on site this year"),
    "inspected": _("Inspected on site"),
}
AGENCY_FIGURES = tuple(FIGURE_LABELS)


def figure_label(figure: str) -> str:
    return str(FIGURE_LABELS[figure])


def counts_by_group(*, user, as_of: dt.date, levels: list[str]) -> list[tuple[int, str | None, dict[str, int]]]:
    """[(tier id, roll-up key, {figure: number of agencies})]: one grouped query whatever the number of agencies,
    a row per tier and roll-up key (see rollups.roll_up_key; None: an agency at the top that heads no group). Each
    agency's dated facts are computed once and every figure's condition counted over them (core.counting)."""
    rows = grouped_counts(scope(user).filter(existing_q(as_of)),
                          facts={"key": rollups.roll_up_key(levels), **_aliases(as_of)}, group_by=["tier_id", "key"],
                          conditions=conditions(as_of), fields=("mandatory",))
    return [(r["tier_id"], r["key"], {key: r[key] for key in AGENCY_FIGURES}) for r in rows]


def counts_by_tier(*, user, as_of: dt.date) -> dict[int, dict[str, int]]:
    """{tier id: {figure: number of agencies}}: one grouped query whatever the number of agencies."""
    found: dict[int, dict[str, int]] = {}
    for tier_id, _key, counts in counts_by_group(user=user, as_of=as_of, levels=[]):
        found[tier_id] = counts
    return found


def agencies_behind(*, user, as_of: dt.date, figure: str, tier: str = "", under: Agency | None = None
                    ) -> QuerySet[Agency]:
    """The agencies a figure counts (a KeyError for an unknown figure), of one tier when `tier` names one, in the
    subtree of `under` when given (a province's or a district's group in the roll-ups: its head and all below)."""
    qs = agencies_on(user=user, as_of=as_of).filter(conditions(as_of)[figure])
    if tier:
        qs = qs.filter(tier__code=tier)
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    return qs.select_related("tier", "parent").order_by("tier__rank", "path")
