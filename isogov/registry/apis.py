"""The registry by program: agencies (with their QMS state) and tiers, read as the agency pages read them."""
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ListViewSet, ReadViewSet
from isogov.registry import selectors, services
from isogov.registry.filters import AgencyFilter
from isogov.registry.models import Agency, Tier


class TierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tier
        fields = ["id", "code", "name_vi", "name_en", "rank", "mandatory_by_default"]


class AgencySerializer(serializers.ModelSerializer):
    tier = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = ["id", "code", "name", "tier", "parent", "kind", "mandatory", "email", "phone", "status",
                  "active_from", "ended_on", "qms_state", "qms_state_since"]


class AgencyInput(serializers.Serializer):
    """The agency's contact details (its staff change them, as on its edit page); its name, whether the programme
    applies to it and since when (the programme lead only, who manages the registry)."""

    iso_secretary = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    name = serializers.CharField(max_length=255, required=False)
    mandatory = serializers.BooleanField(required=False)
    active_from = serializers.DateField(required=False, allow_null=True)


class AgencyViewSet(ReadViewSet):
    queryset = Agency.objects.none()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    lookup_field = lookup_url_kwarg = "code"
    lookup_value_regex = r"[^/]+"
    ordering_fields = ["code", "name", "qms_state"]
    pages = {"list": "registry:agency_list", "retrieve": "registry:agency_detail",
             "partial_update": "registry:agency_edit"}

    def rows(self):
        return selectors.agency_list(user=self.request.user, data=self.request.query_params,
                                     tiers=list(selectors.tiers()))

    def fetch(self, *, write=False):
        return access.access_agency(self.request.user, self.kwargs["code"], write=write)

    @extend_schema(request=AgencyInput, responses={200: AgencySerializer})
    def partial_update(self, request, *args, **kwargs):
        agency = self.fetch(write=True)
        data = AgencyInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        allowed = services.EDITABLE_FIELDS if access.can_manage_registry(request.user) else services.CONTACT_FIELDS
        if refused := sorted(set(data.validated_data) - set(allowed)):
            raise PermissionDenied(_("Only the programme lead changes %(fields)s.") % {"fields": ", ".join(refused)})
        agency = services.agency_update(actor=request.user, agency=agency, **data.validated_data)
        return self.answer(agency)


class TierViewSet(ListViewSet):
    queryset = Tier.objects.none()
    serializer_class = TierSerializer
    filter_backends = []
    pages = {"list": "registry:agency_list"}

    def rows(self):
        return selectors.tiers()


ROUTES = [("agencies", AgencyViewSet, "agency"), ("tiers", TierViewSet, "tier")]
