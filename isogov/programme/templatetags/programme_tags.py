from django import template

from isogov.programme.money import format_dong

register = template.Library()


@register.filter
def dong(value) -> str:
    """Whole đồng with dots between thousands, whatever the page's language: 314.420.000."""
    if value in (None, ""):
        return "—"
    return format_dong(int(value))
