"""Reads of events, always within what the given user may see.

Province-wide roles see every event; an agency user sees the events their agencies were invited to or
attended, and among invitees and attendees only their own agencies.
"""
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from isogov.accounts import access
from isogov.events.filters import EventFilter
from isogov.events.models import Attendee, Event, Material
from isogov.registry.models import Agency, Tier

Invitation = Event.invited.through
Presence = Event.attending.through


def events_readable(*, user) -> QuerySet[Event]:
    return Event.objects.filter(access.event_scope_q(user))


def event_list(*, user, data=None) -> EventFilter:
    """The events the user may read, filtered by the list's query `data` (the years offered are those with
    an event): `.form` to show, `.qs` to list."""
    qs = events_readable(user=user)
    # Counted in subqueries: two many-to-many joins in one GROUP BY would multiply each other.
    invited = Invitation.objects.filter(event_id=OuterRef("pk")).filter(access.agency_scope_q(user, "agency__"))
    present = Presence.objects.filter(event_id=OuterRef("pk")).filter(access.agency_scope_q(user, "agency__"))
    qs = (
        qs.select_related("organiser", "activity")
        .annotate(invited_count=_count(invited), attending_count=_count(present),
                  material_count=Count("materials", distinct=True))
        .order_by("-date", "-id")
    )
    return EventFilter(data, queryset=qs, years=event_years(user=user))


def _count(qs):
    counted = qs.order_by().values("event_id").annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def event_years(*, user) -> list[int]:
    return sorted({d.year for d in events_readable(user=user).dates("date", "year")}, reverse=True)


def attendance_by_tier(*, user, events: QuerySet[Event]) -> dict:
    """Invitations and attendance per tier over `events`, within what the user may read. Three queries.

    `attended` counts the invitations honoured; `uninvited` the agencies that came without one.
    """
    scope = access.agency_scope_q(user, prefix="agency__")
    came = Presence.objects.filter(event_id=OuterRef("event_id"), agency_id=OuterRef("agency_id"))
    was_invited = Invitation.objects.filter(event_id=OuterRef("event_id"), agency_id=OuterRef("agency_id"))
    invited = {
        row["agency__tier_id"]: row for row in
        Invitation.objects.filter(event__in=events).filter(scope).annotate(came=Exists(came))
        .values("agency__tier_id").annotate(invited=Count("id"), attended=Count("id", filter=Q(came=True)))
        .order_by()
    }
    uninvited = dict(
        Presence.objects.filter(event__in=events).filter(scope).annotate(was_invited=Exists(was_invited))
        .filter(was_invited=False).values("agency__tier_id").annotate(n=Count("id")).order_by()
        .values_list("agency__tier_id", "n")
    )
    rows = []
    total = {"invited": 0, "attended": 0, "uninvited": 0}
    for tier in Tier.objects.filter(pk__in=set(invited) | set(uninvited)).order_by("rank"):
        row = {"tier": tier, "invited": invited.get(tier.pk, {}).get("invited", 0),
               "attended": invited.get(tier.pk, {}).get("attended", 0), "uninvited": uninvited.get(tier.pk, 0)}
        row["rate"] = round(100 * row["attended"] / row["invited"]) if row["invited"] else 0
        rows.append(row)
        for key in total:
            total[key] += row[key]
    total["rate"] = round(100 * total["attended"] / total["invited"]) if total["invited"] else 0
    for index, row in enumerate(rows):
        row["y"], row["bar"] = 10 + 30 * index, 3 * row["rate"]  # 3 px per percentage point
    return {"rows": rows, "total": total, "chart_height": 20 + 30 * len(rows)}


def invited_agencies(*, user, event: Event) -> QuerySet[Agency]:
    """The event's invited and attending agencies the user may read, each marked `was_invited` and `came`."""
    return (
        access.agencies_readable(user)
        .filter(Q(pk__in=Invitation.objects.filter(event=event).values("agency_id"))
                | Q(pk__in=Presence.objects.filter(event=event).values("agency_id")))
        .annotate(was_invited=Exists(Invitation.objects.filter(event=event, agency_id=OuterRef("pk"))),
                  came=Exists(Presence.objects.filter(event=event, agency_id=OuterRef("pk"))))
        .select_related("tier")
        .order_by("tier__rank", "path")
    )


def attendees_of(*, user, event: Event) -> QuerySet[Attendee]:
    return (
        Attendee.objects.filter(event=event).filter(access.agency_scope_q(user, prefix="agency__"))
        .select_related("agency").order_by("agency__tier__rank", "agency__path", "full_name", "id")
    )


def materials_of(*, event: Event) -> QuerySet[Material]:
    return Material.objects.filter(event=event).order_by("title", "id")


def agency_events(*, agency: Agency) -> QuerySet[Event]:
    """The events an agency was invited to or attended; the caller obtained the agency through the access helper."""
    return (
        Event.objects.filter(Q(pk__in=Invitation.objects.filter(agency=agency).values("event_id"))
                             | Q(pk__in=Presence.objects.filter(agency=agency).values("event_id")))
        .annotate(was_invited=Exists(Invitation.objects.filter(agency=agency, event_id=OuterRef("pk"))),
                  came=Exists(Presence.objects.filter(agency=agency, event_id=OuterRef("pk"))))
        .select_related("organiser").order_by("-date", "-id")
    )


def agency_attendees(*, agency: Agency) -> QuerySet[Attendee]:
    return Attendee.objects.filter(agency=agency).select_related("event").order_by("-event__date", "full_name")
