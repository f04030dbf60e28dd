from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def agency_import(request):  # replaced by the import pages
    return HttpResponse("todo")


@login_required
def agency_export(request):  # replaced by the export
    return HttpResponse("todo")
