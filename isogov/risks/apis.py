"""Risks and opportunities by program: read as the register reads them, written through the register's services."""
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet, agency_scoped
from isogov.qms.models import Procedure
from isogov.risks import selectors, services
from isogov.risks.filters import RiskFilter
from isogov.risks.models import Kind, Risk, RiskAction, Status


class RiskActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAction
        fields = ["id", "description", "owner", "due_date", "done_on"]


class RiskSerializer(serializers.ModelSerializer):
    procedure = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    actions = RiskActionSerializer(many=True, read_only=True)

    class Meta:
        model = Risk
        fields = ["id", "kind", "description", "process", "procedure", "likelihood", "impact", "owner",
                  "review_date", "residual_likelihood", "residual_impact", "status", "created_at", "updated_at",
                  "actions"]


class RiskInput(serializers.Serializer):
    """What the register's form takes; the service checks the rest (the scale, the dates) as it does for the form."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    description = serializers.CharField(max_length=2000)
    process = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    procedure = serializers.CharField(max_length=40, required=False, allow_blank=True, allow_null=True,
                                      help_text="A procedure code of the agency's scope.")
    likelihood = serializers.IntegerField(min_value=1, max_value=99)
    impact = serializers.IntegerField(min_value=1, max_value=99)
    owner = serializers.CharField(max_length=150)
    review_date = serializers.DateField()
    residual_likelihood = serializers.IntegerField(min_value=1, max_value=99, required=False, allow_null=True)
    residual_impact = serializers.IntegerField(min_value=1, max_value=99, required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices, required=False)


@agency_scoped
class RiskViewSet(ReadViewSet):
    queryset = Risk.objects.none()
    serializer_class = RiskSerializer
    filterset_class = RiskFilter
    ordering_fields = ["review_date", "likelihood", "impact", "id"]
    pages = {"list": "risks:agency_index", "retrieve": "risks:detail", "create": "risks:create",
             "partial_update": "risks:edit"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        found = selectors.register(agency=agency, data=self.request.query_params, today=timezone.localdate())
        found.queryset = found.queryset.prefetch_related("actions")
        return found

    def fetch(self, *, write=False):
        return access.access_risk(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)

    def _values(self, agency, *, partial: bool, current: Risk | None = None) -> dict:
        data = RiskInput(data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "procedure" in values:
            code = values["procedure"]
            # The procedures the form offers: the agency's scope, and the one already chosen.
            in_scope = Procedure.objects.filter(scope_items__agency=agency)
            if current is not None and current.procedure_id:
                in_scope = in_scope | Procedure.objects.filter(pk=current.procedure_id)
            values["procedure"] = in_scope.filter(code=code).first() if code else None
            if code and values["procedure"] is None:
                raise serializers.ValidationError({"procedure": [_("This procedure is not in the agency's scope.")]})
        return values

    @extend_schema(request=RiskInput, responses={201: RiskSerializer})
    def create(self, request, *args, **kwargs):
        agency = access.access_agency(request.user, self.kwargs["code"], write=True)
        risk = services.risk_create(agency=agency, actor=request.user, **self._values(agency, partial=False))
        return self.answer(access.access_risk(request.user, agency.code, risk.pk), status=201)

    @extend_schema(request=RiskInput, responses={200: RiskSerializer})
    def partial_update(self, request, *args, **kwargs):
        risk = self.fetch(write=True)
        services.risk_update(risk=risk, actor=request.user, **self._values(risk.agency, partial=True, current=risk))
        return self.answer(self.fetch())


ROUTES = [(r"agencies/(?P<code>[^/]+)/risks", RiskViewSet, "risk")]
