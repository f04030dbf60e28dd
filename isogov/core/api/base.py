"""Pagination, errors and the base viewset of the REST API (see __init__)."""
from django_filters import FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, routers, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

# Object ids are bounded so that a huge number is "not found" rather than an integer overflow in the database.
ID = r"[0-9]{1,9}"
# The agency in an address: /agencies/<code>/...
AGENCY_CODE = OpenApiParameter("code", str, OpenApiParameter.PATH, description="The agency's code.")
agency_scoped = extend_schema(parameters=[AGENCY_CODE])


class SelectorFilters(DjangoFilterBackend):
    """Documents the page's FilterSet (`filterset_class`) in the schema; the filtering itself is the selector's,
    which the list calls with the query (RecordViewSet.list), so that the API lists exactly what the page does."""

    def filter_queryset(self, request, queryset, view):
        return queryset


class RecordViewSet(viewsets.GenericViewSet):
    """A viewset that lists through the area's selector and fetches through the area's access helper.

    Subclasses define `rows()` (the page's selector: a FilterSet or a queryset, already scoped to the user) and
    `fetch(write=)` (the page's access helper), and `pages`: for each action, the route name of the page it
    mirrors, which the API's test matrix requests beside it (isogov/core/tests/test_api_matrix.py)."""

    pages: dict[str, str] = {}
    filter_backends = [SelectorFilters, OrderingFilter]
    ordering_fields: list[str] = ["id"]
    lookup_value_regex = ID

    def rows(self):
        raise NotImplementedError

    def fetch(self, *, write: bool = False):
        raise NotImplementedError

    def listed(self):
        found = self.rows()
        if isinstance(found, FilterSet):
            if not found.is_valid():
                raise exceptions.ValidationError(found.errors)
            found = found.qs
        return OrderingFilter().filter_queryset(self.request, found, self)

    def answer(self, obj, status=200):
        """A written object as the read serializer shows it."""
        return Response(self.get_serializer(obj).data, status=status)

    def answer_with(self, data, status=200):
        return Response(data, status=status)


class ListRecords:
    """GET on the collection: the selector's rows, filtered, ordered and paginated."""

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.listed())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class RetrieveRecord:
    """GET on one object, found through the access helper (404 to who may not read it)."""

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.fetch(write=False)).data)


class ReadViewSet(ListRecords, RetrieveRecord, RecordViewSet):
    pass


class ListViewSet(ListRecords, RecordViewSet):
    pass


class Router(routers.SimpleRouter):
    """Routes with a trailing slash, as the pages have; each area registers its viewsets (isogov/api_urls.py)."""
