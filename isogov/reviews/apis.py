"""Management reviews by program, with their actions, read as the pages read them."""
from django.utils import timezone
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet, agency_scoped
from isogov.reviews import selectors
from isogov.reviews.models import Review, ReviewAction


class ReviewActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewAction
        fields = ["id", "description", "owner", "due_date", "done_on"]


class ReviewSerializer(serializers.ModelSerializer):
    actions = ReviewActionSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "date", "chair", "participants", "state", "inputs_since", "held_at", "created_at",
                  "updated_at", "actions"]


@agency_scoped
class ReviewViewSet(ReadViewSet):
    queryset = Review.objects.none()
    serializer_class = ReviewSerializer
    filter_backends = ReadViewSet.filter_backends[1:]
    ordering_fields = ["date", "id"]
    pages = {"list": "reviews:agency_index", "retrieve": "reviews:detail"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return selectors.reviews_of(agency=agency, today=timezone.localdate()).prefetch_related("actions")

    def fetch(self, *, write=False):
        return access.access_review(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)


ROUTES = [(r"agencies/(?P<code>[^/]+)/reviews", ReviewViewSet, "review")]
