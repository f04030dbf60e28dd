"""The one-stop shop's bulk endpoint: an agency's one-stop-shop system pushes its dossiers (services_onestop)."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ListViewSet, agency_scoped
from isogov.objectives import services_onestop
from isogov.objectives.apis import MeasurementSerializer
from isogov.objectives.models import Dossier, Objective, Unit


class DossierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dossier
        fields = ["number", "procedure", "received", "due", "done", "updated_at"]


class RecordInput(serializers.Serializer):
    number = serializers.CharField(max_length=64, help_text="The dossier number, e.g. 000.00.12.H05-260115-0001.")
    procedure = serializers.CharField(max_length=40, help_text="The procedure (TTHC) code, e.g. 1.001234.")
    received = serializers.DateField()
    due = serializers.DateField()
    done = serializers.DateField(required=False, allow_null=True, default=None)


class BatchInput(serializers.Serializer):
    objective = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=999_999_999,
        help_text="A quality objective of the agency, measured in %, whose on-time rates are recounted from the "
                  "agency's dossiers.")
    records = RecordInput(many=True, allow_empty=False)


class BatchOutput(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    measurements = MeasurementSerializer(many=True)


@agency_scoped
class DossierViewSet(ListViewSet):
    """GET: the agency's stored dossiers. POST: a batch of dossiers, all or nothing, idempotent by number."""

    queryset = Dossier.objects.none()
    serializer_class = DossierSerializer
    filter_backends = ListViewSet.filter_backends[1:]
    ordering_fields = ["number", "received", "due", "updated_at"]
    pages = {"list": "objectives:agency_index", "create": "objectives:import"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return Dossier.objects.filter(agency=agency).order_by("-received", "number")

    @extend_schema(request=BatchInput, responses={200: BatchOutput})
    def create(self, request, *args, **kwargs):
        agency = access.access_agency(request.user, self.kwargs["code"], write=True)
        data = BatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        objective = None
        if (pk := data.validated_data.get("objective")) is not None:
            # An objective of the agency measured in %, as the CSV import offers.
            objective = Objective.objects.filter(agency=agency, unit=Unit.PERCENT, pk=pk).first()
            if objective is None:
                raise serializers.ValidationError({"objective": [_("No objective of this agency measured in % has "
                                                                   "this id.")]})
        records = [services_onestop.Record(**r) for r in data.validated_data["records"]]
        pushed = services_onestop.dossiers_push(agency=agency, actor=request.user, records=records,
                                                objective=objective)
        return self.answer_with(BatchOutput(pushed).data)


ROUTES = [(r"agencies/(?P<code>[^/]+)/onestop/dossiers", DossierViewSet, "dossier")]
