"""The province's inspections of agencies by program, read as the pages read them."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ListViewSet, RecordViewSet, RetrieveRecord, agency_scoped
from isogov.inspections import selectors
from isogov.inspections.models import Inspection


class InspectionSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    year = serializers.IntegerField(source="plan.year", read_only=True)

    class Meta:
        model = Inspection
        fields = ["id", "year", "agency", "decision_number", "decision_date", "scheduled_on", "conclusions",
                  "recommendations", "record_date"]


@agency_scoped
class AgencyInspectionViewSet(ListViewSet):
    queryset = Inspection.objects.none()
    serializer_class = InspectionSerializer
    filter_backends = ListViewSet.filter_backends[1:]
    ordering_fields = ["id", "scheduled_on"]
    pages = {"list": "inspections:agency_index"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return selectors.agency_inspections(agency=agency).select_related("agency")


class InspectionViewSet(RetrieveRecord, RecordViewSet):
    """One inspection, by its id (the page's address names no agency)."""

    queryset = Inspection.objects.none()
    serializer_class = InspectionSerializer
    filter_backends = []
    pages = {"retrieve": "inspections:inspection"}

    def fetch(self, *, write=False):
        return access.access_inspection(self.request.user, self.kwargs["pk"], write=write)


ROUTES = [(r"agencies/(?P<code>[^/]+)/inspections", AgencyInspectionViewSet, "agency-inspection"),
          ("inspections", InspectionViewSet, "inspection")]
