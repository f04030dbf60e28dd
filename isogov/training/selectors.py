"""Reads of the training records, always within what the given user (or agency set) may see.

coverage() and untrained_agencies() are a contract with the programme area: keep their signatures.
"""
from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from isogov.accounts import access
from isogov.registry.models import Agency, AgencyStatus, Tier
from isogov.training.filters import CoverageFilter
from isogov.training.models import Course, Session, Trainee


def default_min_trained() -> int:
    return settings.ISOGOV["TRAINING_MIN_PER_AGENCY"]  # the one default: isogov/conf.py


def _trained_count() -> Count:
    # Distinct people: someone who completed three courses is one trained member of staff, not three.
    return Count("trainees__name_key", filter=Q(trainees__completed=True), distinct=True)


def coverage(*, agencies: QuerySet[Agency], min_trained: int) -> dict[str, dict]:
    """Per tier code (top tier first): how many of `agencies` have at least `min_trained` people who completed a
    course ("covered"), how many have an ISO secretary, and how many of those secretaries are trained.

    An agency has an ISO secretary when the registry names one or a trainee of it is marked as such; the
    secretary is trained when a trainee who completed a course is marked as ISO secretary, or has the
    registry's secretary name, compared without case and diacritics (the trainee's name_key and the agency's
    secretary_key, both folded when saved). One grouped query whatever the data: each condition is a set of
    agency ids the database reads once (an uncorrelated IN), not a subquery per agency.
    """
    done = Trainee.objects.filter(completed=True).order_by()
    enough = (done.values("agency_id").annotate(people=Count("name_key", distinct=True))
              .filter(people__gte=min_trained).values("agency_id"))
    covered = Q() if min_trained <= 0 else Q(pk__in=enough)
    marked = Q(pk__in=Trainee.objects.filter(is_iso_secretary=True).order_by().values("agency_id"))
    marked_done = Q(pk__in=done.filter(is_iso_secretary=True).values("agency_id"))
    by_name = Q(pk__in=done.exclude(agency__secretary_key="").filter(name_key=F("agency__secretary_key"))
                .values("agency_id"))
    has_secretary = ~Q(secretary_key="") | marked
    rows = (agencies.order_by().values("tier__code", "tier__rank")
            .annotate(agencies=Count("pk"), covered=Count("pk", filter=covered),
                      secretaries=Count("pk", filter=has_secretary),
                      secretaries_trained=Count("pk", filter=has_secretary & (marked_done | by_name))))
    keys = ("agencies", "covered", "secretaries", "secretaries_trained")
    return {row["tier__code"]: {key: row[key] for key in keys}
            for row in sorted(rows, key=lambda r: (r["tier__rank"], r["tier__code"]))}


def untrained_agencies(*, agencies: QuerySet[Agency], min_trained: int) -> QuerySet[Agency]:
    """The agencies with fewer than `min_trained` trained people, each annotated with `trained_count`. One query."""
    return (
        agencies.annotate(trained_count=_trained_count())
        .filter(trained_count__lt=min_trained)
        .select_related("tier", "parent")
        .order_by("tier__rank", "path")
    )


def coverage_agencies(*, user) -> QuerySet[Agency]:
    """The agencies a coverage figure is about: the active ones the user may read."""
    return access.agencies_readable(user).filter(status=AgencyStatus.ACTIVE)


def coverage_filter(*, user, data=None) -> CoverageFilter:
    """The active agencies the user may read, of the tier asked: `.form` to show, `.qs` the agencies and
    `.min_trained` the threshold asked (the setting's when none is)."""
    return CoverageFilter(data, queryset=coverage_agencies(user=user), tiers=Tier.objects.all(),
                          default_min=default_min_trained())


def _trainees_in_scope(user) -> Q:
    # By the readable agencies' ids, not their path through a join: SQLite cannot index a LIKE on the path.
    ids = access.readable_agency_ids(user)
    return Q() if ids is None else Q(agency_id__in=ids)


def _count(rows: QuerySet, by: str) -> Coalesce:
    """How many of `rows` (filtered on OuterRef) belong to the outer row, as a scalar subquery: two counts taken over
    two LEFT JOINs multiply each other's rows (sessions × trainees per course) and then need DISTINCT."""
    return Coalesce(Subquery(rows.order_by().values(by).annotate(n=Count("pk")).values("n")), 0)


def course_list(*, user) -> QuerySet[Course]:
    """Courses are public within the programme; the trainee counts cover only the agencies the user may read."""
    trainees = Trainee.objects.filter(_trainees_in_scope(user), course=OuterRef("pk"))
    return (
        Course.objects.select_related("organiser")
        .annotate(session_count=_count(Session.objects.filter(course=OuterRef("pk")), "course"),
                  trainee_count=_count(trainees, "course"),
                  completed_count=_count(trainees.filter(completed=True), "course"))
        .order_by("-id")
    )


def sessions_of(*, user, course: Course) -> QuerySet[Session]:
    trainees = Trainee.objects.filter(_trainees_in_scope(user), session=OuterRef("pk"))
    return course.sessions.annotate(
        trainee_count=_count(trainees, "session"),
        completed_count=_count(trainees.filter(completed=True), "session"),
    ).order_by("start_date", "id")


def trainees_of(*, user, session: Session) -> QuerySet[Trainee]:
    return (
        Trainee.objects.filter(session=session)
        .filter(access.agency_scope_q(user, prefix="agency__"))
        .select_related("agency", "agency__tier")
        .order_by("agency__tier__rank", "agency__path", "full_name", "id")
    )


def agency_training(*, agency: Agency, min_trained: int) -> dict:
    """One agency's trainees and where it stands; the caller obtained the agency through the access helper."""
    trainees = list(
        Trainee.objects.filter(agency=agency).select_related("session", "session__course")
        .order_by("-session__start_date", "full_name", "id")
    )
    done = [t for t in trainees if t.completed]
    people = {t.name_key for t in done}
    secretary = agency.secretary_key  # folded as the trainees' name_key is (Agency.save)
    return {
        "trainees": trainees,
        "trained_people": len(people),
        "min_trained": min_trained,
        "covered": len(people) >= min_trained,
        "secretary_trained": any(t.is_iso_secretary for t in done) or bool(secretary and secretary in people),
    }


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def coverage_table(*, agencies: QuerySet[Agency], min_trained: int) -> dict:
    """coverage() as the pages show it: a row per tier with its name and shares, a total, and bar geometry."""
    by_tier = coverage(agencies=agencies, min_trained=min_trained)
    tiers = {t.code: t for t in Tier.objects.filter(code__in=list(by_tier))}
    rows = []
    total = {"agencies": 0, "covered": 0, "secretaries": 0, "secretaries_trained": 0}
    for index, (code, counts) in enumerate(by_tier.items()):
        rows.append({"code": code, "tier": tiers.get(code, code), **counts,
                     "covered_pct": _percent(counts["covered"], counts["agencies"]),
                     "secretaries_pct": _percent(counts["secretaries_trained"], counts["secretaries"]),
                     "y": 10 + index * 56})
        for key in total:
            total[key] += counts[key]
    total["covered_pct"] = _percent(total["covered"], total["agencies"])
    total["secretaries_pct"] = _percent(total["secretaries_trained"], total["secretaries"])
    for row in rows:
        # Bars are 3 px per percentage point; the labels sit in the first 200 px.
        row["covered_w"], row["secretaries_w"] = 3 * row["covered_pct"], 3 * row["secretaries_pct"]
    return {"rows": rows, "total": total, "min_trained": min_trained, "chart_height": 20 + 56 * len(rows)}
