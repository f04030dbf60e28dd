from django import template

from isogov.reports.documents import number

register = template.Library()


@register.filter
def figure(value) -> str:
    """A report's figure as its documents print it: 1.234.567, 85,7, — for a rate with nothing to divide by."""
    return number(value)
