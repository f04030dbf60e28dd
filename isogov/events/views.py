from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_required
@require_safe
def index(request):  # placeholder until the events pages exist
    return render(request, "registry/agency_section_placeholder.html", {"section": "events"})
