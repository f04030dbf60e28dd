"""Documents by program: the agency's register and each document with its versions, read as the pages read them."""
from django.utils import timezone
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet, agency_scoped
from isogov.documents import selectors
from isogov.documents.filters import DocumentFilter
from isogov.documents.models import Document, Version


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Version
        fields = ["id", "number", "status", "change_summary", "file_name", "file_type", "file_size", "effective_on",
                  "created_at", "submitted_at", "approved_at", "published_at", "ended_at"]


class DocumentSerializer(serializers.ModelSerializer):
    procedure = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "code", "title", "kind", "procedure", "owner_name", "issuing_body", "legal_number",
                  "legal_effective_on", "incorporated_on", "legal_due_on", "created_at", "updated_at", "versions"]


@agency_scoped
class DocumentViewSet(ReadViewSet):
    queryset = Document.objects.none()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    ordering_fields = ["code", "title", "updated_at"]
    pages = {"list": "documents:agency_index", "retrieve": "documents:detail"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return selectors.document_list(agency=agency, data=self.request.query_params, today=timezone.localdate())

    def fetch(self, *, write=False):
        return access.access_document(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)


ROUTES = [(r"agencies/(?P<code>[^/]+)/documents", DocumentViewSet, "document")]
