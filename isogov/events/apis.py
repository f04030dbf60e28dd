"""The programme's events by program, read as the events pages read them."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet
from isogov.events import selectors
from isogov.events.filters import EventFilter
from isogov.events.models import Event


class EventSerializer(serializers.ModelSerializer):
    organiser = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "title", "kind", "date", "place", "agenda", "organiser", "activity"]


class EventViewSet(ReadViewSet):
    queryset = Event.objects.none()
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["date", "id"]
    pages = {"list": "events:index", "retrieve": "events:event_detail"}

    def rows(self):
        return selectors.event_list(user=self.request.user, data=self.request.query_params)

    def fetch(self, *, write=False):
        return access.access_event(self.request.user, self.kwargs["pk"], write=write)


ROUTES = [("events", EventViewSet, "event")]
