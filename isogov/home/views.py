from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from isogov.accounts import access
from isogov.accounts.models import AGENCY_ROLES
from isogov.home import selectors


@login_required
@require_safe
def home(request):
    """Where each role lands: an agency's secretary and head on their agency's to-do, the others on the province."""
    user = request.user
    if user.role in AGENCY_ROLES and user.agency_id:
        return redirect("home:agency_todo", code=user.agency.code)
    return redirect("dashboard:province")


@login_required
@require_safe
def agency_todo(request, code):
    agency = access.access_agency(request.user, code)
    return render(request, "home/todo.html", {
        "agency": agency, "todo": selectors.todo(user=request.user, agency=agency, today=timezone.localdate())})
