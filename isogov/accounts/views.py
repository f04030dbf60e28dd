from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def password_change(request):  # replaced by the accounts pages
    return HttpResponse("todo")


@login_required
def user_list(request):  # replaced by the accounts pages
    return HttpResponse("todo")
