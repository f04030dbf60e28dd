"""Citizens' complaints by program, read as the agency's feedback page lists them."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ListViewSet, agency_scoped
from isogov.feedback import selectors
from isogov.feedback.filters import ComplaintFilter
from isogov.feedback.models import Complaint


class ComplaintSerializer(serializers.ModelSerializer):
    procedure = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = ["id", "received_on", "channel", "procedure", "citizen_name", "content", "status", "responded_on",
                  "response", "nonconformity", "created_at"]


@agency_scoped
class ComplaintViewSet(ListViewSet):
    queryset = Complaint.objects.none()
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter
    ordering_fields = ["received_on", "id"]
    pages = {"list": "feedback:agency_index"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return selectors.complaints(agency=agency, data=self.request.query_params)


ROUTES = [(r"agencies/(?P<code>[^/]+)/complaints", ComplaintViewSet, "complaint")]
