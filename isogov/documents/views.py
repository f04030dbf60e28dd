from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from isogov.accounts import access


@login_required
@require_safe
def agency_index(request, code):  # placeholder until the documents pages exist
    agency = access.access_agency(request.user, code)
    return render(request, "registry/agency_section_placeholder.html", {"agency": agency, "section": "documents"})
