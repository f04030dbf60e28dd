"""A paginator for lists too long to count on every view (the audit trail's million events).

Django's Paginator counts every row to number the pages: on the whole trail that COUNT was most of the page's time.
CountCappedPaginator counts at most `cap` + 1 rows. Up to the cap it is Django's paginator (exact total, "Page 2 of
7"); past it, the total is "more than `cap`" (`capped`), the number of pages is unknown (`num_pages` is None) and
each page reads one row more than it shows to know whether a next page exists. includes/pager.html draws both.
"""
from django.core.paginator import InvalidPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property


class CappedPage(Page):
    more = False  # past the cap: whether a row follows this page's

    def has_next(self) -> bool:
        return self.more if self.paginator.capped else super().has_next()

    def end_index(self) -> int:
        if self.paginator.capped:
            return self.start_index() + len(self.object_list) - 1 if self.object_list else 0
        return super().end_index()


class CountCappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        """The exact count up to the cap; cap + 1 when there are more (read `capped`)."""
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self):
        return None if self.capped else super().num_pages

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise InvalidPage("That page number is less than 1")
        return number

    def get_page(self, number):
        if not self.capped:
            return super().get_page(number)
        try:
            return self.page(number)
        except InvalidPage:
            return self.page(1)

    def page(self, number):
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom:bottom + self.per_page + 1])
        page = self._get_page(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args, **kwargs):
        return CappedPage(*args, **kwargs)
