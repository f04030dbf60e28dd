import datetime as dt

from isogov.reviews import services
from isogov.reviews.models import Review
from isogov.reviews.tests.factories import ReviewFactory


def plan(agency, actor=None, *, date=dt.date(2026, 3, 10), chair="Nguyễn Văn Bình",
         participants="Nguyễn Văn Bình\nTrần Thị Cúc — thư ký ISO") -> Review:
    return ReviewFactory(agency=agency, actor=actor, date=date, chair=chair, participants=participants)


def complete_agenda(review: Review, actor=None) -> None:
    for item in review.agenda.all():
        services.agenda_note(item=item, actor=actor, notes=f"Đã xem xét: {item.key}")


def held(agency, actor=None, **kwargs) -> Review:
    review = plan(agency, actor, **kwargs)
    complete_agenda(review, actor)
    return services.review_hold(review=review, actor=actor)
