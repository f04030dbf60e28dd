"""The agency page: the registry's record of the agency and what the areas above add to it (extensions.py)."""
from django.shortcuts import render

from isogov.accounts import access
from isogov.registry import extensions, selectors


def render_agency_page(request, agency, *, status: int = 200, **extra):
    """The agency page; other views re-render it with a form that was refused, so nothing typed is lost."""
    context = {
        "agency": agency,
        "children": selectors.children_of(user=request.user, agency=agency),
        "can_write": access.can_write_agency(request.user, agency),
        "can_manage": access.can_manage_registry(request.user),
        **extensions.agency_panels(user=request.user, agency=agency),
        **extra,
    }
    return render(request, "registry/agency_detail.html", context, status=status)
