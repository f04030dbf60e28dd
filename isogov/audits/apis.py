"""Internal audits and their findings by program, read as the pages read them."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.audits.models import Audit, Finding
from isogov.core.api.base import ReadViewSet, agency_scoped


class FindingSerializer(serializers.ModelSerializer):
    clause = serializers.StringRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Finding
        fields = ["id", "grade", "clause", "area", "description", "nonconformity", "created_at"]


class AuditSerializer(serializers.ModelSerializer):
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = Audit
        fields = ["id", "programme", "title", "planned_month", "scope", "state", "audit_date", "reported_on",
                  "summary", "created_at", "updated_at", "findings"]


@agency_scoped
class AuditViewSet(ReadViewSet):
    queryset = Audit.objects.none()
    serializer_class = AuditSerializer
    filter_backends = ReadViewSet.filter_backends[1:]  # the page has no filters
    ordering_fields = ["planned_month", "audit_date", "id"]
    pages = {"list": "audits:agency_index", "retrieve": "audits:detail"}

    def rows(self):
        # The agency's audits (its page lists them by programme), the agency fetched through its access helper.
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return (Audit.objects.filter(agency=agency).prefetch_related("findings__clause")
                .order_by("-planned_month", "-id"))

    def fetch(self, *, write=False):
        return access.access_audit(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)


ROUTES = [(r"agencies/(?P<code>[^/]+)/audits", AuditViewSet, "audit")]
