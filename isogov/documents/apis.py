"""Documents by program: the agency's register and each document with its versions, read as the pages read them."""
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from isogov.accounts import access
from isogov.core.api.base import ReadViewSet, agency_scoped
from isogov.documents import selectors, services
from isogov.documents.filters import DocumentFilter
from isogov.documents.models import Document, DocumentKind, Version
from isogov.qms.models import Procedure


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


class DocumentInput(serializers.Serializer):
    """What the page's form takes, without the file (a version's file is uploaded on the page)."""

    code = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    owner_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    procedure = serializers.CharField(max_length=40, required=False, allow_blank=True, allow_null=True,
                                      help_text="A procedure code of the agency's scope.")
    issuing_body = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    legal_number = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    legal_effective_on = serializers.DateField(required=False, allow_null=True, default=None)
    incorporated_on = serializers.DateField(required=False, allow_null=True, default=None)


@agency_scoped
class DocumentViewSet(ReadViewSet):
    queryset = Document.objects.none()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    ordering_fields = ["code", "title", "updated_at"]
    pages = {"list": "documents:agency_index", "retrieve": "documents:detail", "create": "documents:create"}

    def rows(self):
        agency = access.access_agency(self.request.user, self.kwargs["code"])
        return selectors.document_list(agency=agency, data=self.request.query_params, today=timezone.localdate())

    def fetch(self, *, write=False):
        return access.access_document(self.request.user, self.kwargs["code"], self.kwargs["pk"], write=write)

    @extend_schema(request=DocumentInput, responses={201: DocumentSerializer})
    def create(self, request, *args, **kwargs):
        """A new document with its version 01 as a draft, as the page's form makes it."""
        agency = access.access_agency(request.user, self.kwargs["code"], write=True)
        data = DocumentInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if code := values.pop("procedure", None):
            values["procedure"] = Procedure.objects.filter(scope_items__agency=agency, code=code).first()
            if values["procedure"] is None:
                raise serializers.ValidationError({"procedure": [_("This procedure is not in the agency's scope.")]})
        doc = services.document_create(agency=agency, actor=request.user, **values)
        return self.answer(access.access_document(request.user, agency.code, doc.pk), status=201)


ROUTES = [(r"agencies/(?P<code>[^/]+)/documents", DocumentViewSet, "document")]
