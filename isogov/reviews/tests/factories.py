"""Management reviews made by factory_boy through `reviews.services.review_plan` (validated, one planned review at a
time, its agenda written, audit-logged)."""
import datetime as dt

from factory.django import DjangoModelFactory

from isogov.reviews import services
from isogov.reviews.models import Review


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    agency = None  # the caller's: a review belongs to one agency
    actor = None
    date = dt.date(2026, 3, 10)
    chair = "Nguyễn Văn Bình"
    participants = "Nguyễn Văn Bình\nTrần Thị Cúc — thư ký ISO"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.review_plan(**kwargs)
