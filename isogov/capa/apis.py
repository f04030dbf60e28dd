"""Nonconformities and their corrective actions by program, read as the pages read them."""
from django.utils import timezone
from rest_framework import serializers

from isogov.accounts import access
from isogov.capa import selectors
from isogov.capa.filters import NonconformityFilter
from isogov.capa.models import CorrectiveAction, Nonconformity
from isogov.core.api.base import ReadViewSet, agency_scoped


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CorrectiveAction
        fields = ["id", "description", "owner_name", "due_date", "done_on", "evidence", "cycle"]


class NonconformitySerializer(serializers.ModelSerializer):
    clause = serializers.StringRelatedField(read_only=True, allow_null=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Nonconformity
        fields = ["id", "number", "source", "severity", "description", "clause", "detected_on", "correction",
                  "root_cause", "analysed_on", "state", "cycle", "closed_on", "origin_label", "respond_by",
                  "created_at", "updated_at", "actions"]


@agency_scoped
class NonconformityViewSet(ReadViewSet):
    queryset = Nonconformity.objects.none()
    serializer_class = NonconformitySerializer
    filterset_class = NonconformityFilter
    ordering_fields = ["number", "detected_on", "state"]
    pages = {"list": "capa:agency_index", "retrieve": "capa:detail"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        found = selectors.agency_list(agency=agency, data=self.request.query_params, today=timezone.localdate())
        found.queryset = found.queryset.prefetch_related("actions")
        return found

    def fetch(self, *, write=False):
        return access.access_nonconformity(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)


ROUTES = [(r"agencies/(?P<code>[^/]+)/nonconformities", NonconformityViewSet, "nonconformity")]
