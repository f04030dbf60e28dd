"""Training courses and their sessions by program: programme information every signed-in user reads."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet
from isogov.training import selectors
from isogov.training.models import Course, Session


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "start_date", "end_date", "place", "trainer", "note"]


class CourseSerializer(serializers.ModelSerializer):
    organiser = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta:
        model = Course
        fields = ["id", "title", "topic", "organiser", "trainers", "description", "sessions"]


class CourseViewSet(ReadViewSet):
    queryset = Course.objects.none()
    serializer_class = CourseSerializer
    filter_backends = ReadViewSet.filter_backends[1:]
    ordering_fields = ["id", "title"]
    pages = {"list": "training:index", "retrieve": "training:course_detail"}

    def rows(self):
        return selectors.course_list(user=self.request.user).prefetch_related("sessions")

    def fetch(self, *, write=False):
        return access.access_course(self.request.user, self.kwargs["pk"], write=write)


ROUTES = [("training/courses", CourseViewSet, "course")]
