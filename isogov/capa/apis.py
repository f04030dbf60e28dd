"""Nonconformities and their corrective actions by program, read as the pages read them."""
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from isogov.accounts import access
from isogov.capa import selectors, services
from isogov.capa.filters import NonconformityFilter
from isogov.capa.models import CorrectiveAction, Nonconformity, Severity, Source
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


class NonconformityInput(serializers.Serializer):
    """What the page's form takes (the clause is chosen on the page)."""

    source = serializers.ChoiceField(choices=Source.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=4000)
    detected_on = serializers.DateField()
    correction = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


@agency_scoped
class NonconformityViewSet(ReadViewSet):
    queryset = Nonconformity.objects.none()
    serializer_class = NonconformitySerializer
    filterset_class = NonconformityFilter
    ordering_fields = ["number", "detected_on", "state"]
    pages = {"list": "capa:agency_index", "retrieve": "capa:detail", "create": "capa:create"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        found = selectors.agency_list(agency=agency, data=self.request.query_params, today=timezone.localdate())
        found.queryset = found.queryset.prefetch_related("actions")
        return found

    def fetch(self, *, write=False):
        return access.access_nonconformity(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)

    @extend_schema(request=NonconformityInput, responses={201: NonconformitySerializer})
    def create(self, request, *args, **kwargs):
        """Open a nonconformity in draft, numbered and audited as the page's form does."""
        agency = access.access_agency(request.user, self.kwargs["code"], write=True)
        data = NonconformityInput(data=request.data)
        data.is_valid(raise_exception=True)
        nc = services.nonconformity_open(agency=agency, actor=request.user, **data.validated_data)
        return self.answer(access.access_nonconformity(request.user, agency.code, nc.pk), status=201)


ROUTES = [(r"agencies/(?P<code>[^/]+)/nonconformities", NonconformityViewSet, "nonconformity")]
