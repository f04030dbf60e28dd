"""The QMS by program: the procedure catalogue, an agency's scope of procedures and its announcements of conformity.
The agency's QMS state is the agency's own field (registry/apis.py)."""
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ListViewSet, agency_scoped
from isogov.qms import selectors
from isogov.qms.filters import ProcedureFilter
from isogov.qms.models import Announcement, Procedure, ScopeItem


class ProcedureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Procedure
        fields = ["id", "code", "name", "field"]


class ScopeItemSerializer(serializers.ModelSerializer):
    procedure = ProcedureSerializer(read_only=True)

    class Meta:
        model = ScopeItem
        fields = ["id", "procedure"]


class AnnouncementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Announcement
        fields = ["id", "decision_number", "decision_date", "signer", "scope_codes", "is_reannouncement",
                  "notified_on", "posted_on", "website_url"]


class ProcedureViewSet(ListViewSet):
    queryset = Procedure.objects.none()
    serializer_class = ProcedureSerializer
    filterset_class = ProcedureFilter
    ordering_fields = ["code", "name"]
    pages = {"list": "qms:procedures"}

    def rows(self):
        return selectors.procedure_search(data=self.request.query_params)


@agency_scoped
class ScopeViewSet(ListViewSet):
    """The procedures the agency's QMS covers, as its scope page lists them."""

    queryset = ScopeItem.objects.none()
    serializer_class = ScopeItemSerializer
    filter_backends = []
    pages = {"list": "qms:scope"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return agency.scope_items.select_related("procedure").order_by("procedure__code", "id")


@agency_scoped
class AnnouncementViewSet(ListViewSet):
    """The agency's announcements of conformity (its page shows them), newest first."""

    queryset = Announcement.objects.none()
    serializer_class = AnnouncementSerializer
    filter_backends = []
    pages = {"list": "registry:agency_detail"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return Announcement.objects.filter(agency=agency).order_by("-decision_date", "-id")


ROUTES = [
    ("procedures", ProcedureViewSet, "procedure"),
    (r"agencies/(?P<code>[^/]+)/scope", ScopeViewSet, "scope"),
    (r"agencies/(?P<code>[^/]+)/announcements", AnnouncementViewSet, "announcement"),
]
