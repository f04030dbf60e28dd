"""Page numbers, with a page size a client may choose up to API_MAX_PAGE_SIZE."""
from django.conf import settings
from rest_framework import pagination


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"

    def __init__(self):
        self.page_size = settings.ISOGOV["API_PAGE_SIZE"]
        self.max_page_size = settings.ISOGOV["API_MAX_PAGE_SIZE"]
