"""The registry by program: agencies (with their QMS state) and tiers, read as the agency pages read them."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ListViewSet, ReadViewSet
from isogov.registry import selectors
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


class AgencyViewSet(ReadViewSet):
    queryset = Agency.objects.none()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    lookup_field = lookup_url_kwarg = "code"
    lookup_value_regex = r"[^/]+"
    ordering_fields = ["code", "name", "qms_state"]
    pages = {"list": "registry:agency_list", "retrieve": "registry:agency_detail"}

    def rows(self):
        return selectors.agency_list(user=self.request.user, data=self.request.query_params,
                                     tiers=list(selectors.tiers()))

    def fetch(self, *, write=False):
        return access.access_agency(self.request.user, self.kwargs["code"], write=write)


class TierViewSet(ListViewSet):
    queryset = Tier.objects.none()
    serializer_class = TierSerializer
    filter_backends = []
    pages = {"list": "registry:agency_list"}

    def rows(self):
        return selectors.tiers()


ROUTES = [("agencies", AgencyViewSet, "agency"), ("tiers", TierViewSet, "tier")]
