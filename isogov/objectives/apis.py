"""Quality objectives by program: each with its measurements, read as the pages read them; a measurement recorded
through the same service as the page's form. The one-stop shop's records are pushed in by apis_onestop.py."""
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet, agency_scoped
from isogov.objectives import selectors, services
from isogov.objectives.filters import ObjectiveFilter
from isogov.objectives.models import Measurement, Objective


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["id", "period_index", "value", "source", "note", "on_time", "counted", "recorded_at"]


class ObjectiveSerializer(serializers.ModelSerializer):
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "year", "title", "comparator", "target", "unit", "period", "owner", "note", "year_value",
                  "year_achieved", "periods_measured", "periods_achieved", "measurements"]


class MeasurementInput(serializers.Serializer):
    period_index = serializers.IntegerField(min_value=1, max_value=12)
    value = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


@agency_scoped
class ObjectiveViewSet(ReadViewSet):
    queryset = Objective.objects.none()
    serializer_class = ObjectiveSerializer
    filterset_class = ObjectiveFilter
    ordering_fields = ["id", "title"]
    pages = {"list": "objectives:agency_index", "retrieve": "objectives:detail", "measure": "objectives:measure"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return selectors.agency_objectives(agency=agency, data=self.request.query_params,
                                           current=timezone.localdate().year)

    def fetch(self, *, write=False):
        return access.access_objective(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)

    @extend_schema(request=MeasurementInput, responses={201: MeasurementSerializer})
    @action(detail=True, methods=["post"], url_path="measurements")
    def measure(self, request, *args, **kwargs):
        """Record one period's value (a period measured before gets the new value), as the page's form does."""
        objective = self.fetch(write=True)
        data = MeasurementInput(data=request.data)
        data.is_valid(raise_exception=True)
        measurement = services.measurement_record(objective=objective, actor=request.user, **data.validated_data)
        return self.answer_with(MeasurementSerializer(measurement).data, status=201)


ROUTES = [(r"agencies/(?P<code>[^/]+)/objectives", ObjectiveViewSet, "objective")]
