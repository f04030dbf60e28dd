"""Reads of management reviews. Callers pass an agency they obtained through the access helper."""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from isogov.qms.models import FactKind, QmsFact
from isogov.registry.models import Agency
from isogov.reviews import inputs
from isogov.reviews.models import AgendaItem, Review, ReviewAction, ReviewState


def reviews_of(*, agency: Agency, today: dt.date) -> QuerySet[Review]:
    open_ = Q(actions__done_on__isnull=True)
    return (Review.objects.filter(agency=agency)
            .annotate(n_actions=Count("actions"), n_open=Count("actions", filter=open_),
                      n_overdue=Count("actions", filter=open_ & Q(actions__due_date__lt=today)))
            .order_by("-date", "-id"))


def lifecycle_reviews(*, agency: Agency) -> list[QmsFact]:
    """Management reviews recorded on the lifecycle without a review here: the compliance card counts them too."""
    return list(QmsFact.objects.filter(agency=agency, kind=FactKind.MANAGEMENT_REVIEW)
                .exclude(Exists(Review.objects.filter(fact=OuterRef("pk"))))
                .select_related("recorded_by").order_by("-date", "-id"))


def open_actions(*, agency: Agency) -> QuerySet[ReviewAction]:
    return (ReviewAction.objects.filter(review__agency=agency, done_on__isnull=True)
            .select_related("review").order_by("due_date", "id"))


def review_of(*, agency: Agency, pk: int) -> Review | None:
    return Review.objects.filter(agency=agency, pk=pk).select_related("agency", "fact").first()


@dataclass
class Line:
    text: str
    level: str = ""
    url: str = ""


@dataclass
class AgendaRow:
    item: AgendaItem
    lines: list[Line] = field(default_factory=list)


def agenda(*, review: Review, today: dt.date) -> list[AgendaRow]:
    """Each agenda item with what isogov collected: frozen in the minutes once held, live while planned."""
    items = list(review.agenda.all())
    live = inputs.collect(review, today=today) if review.state == ReviewState.PLANNED else {}
    rows = []
    for item in items:
        raw = item.collected.get("lines", []) if review.state == ReviewState.HELD else live.get(item.key, [])
        rows.append(AgendaRow(item, [Line(inputs.render(e), e.get("level", ""), e.get("url", "")) for e in raw]))
    return rows


def actions_of(*, review: Review) -> QuerySet[ReviewAction]:
    return review.actions.order_by("due_date", "id")
