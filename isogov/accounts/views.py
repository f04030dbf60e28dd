from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from isogov.accounts import access, selectors, services
from isogov.accounts.forms import PasswordResetForm, UserCreateForm, UserEditForm, UserFilterForm
from isogov.accounts.models import User
from isogov.core.forms import add_service_errors

PAGE_SIZE = 50


def _account(pk: int) -> User:
    try:
        return selectors.get_user(pk=pk)
    except User.DoesNotExist:
        raise Http404("No such account") from None


@login_required
def user_list(request):
    access.require_user_manager(request.user)
    form = UserFilterForm(request.GET)
    form.is_valid()
    filters = selectors.UserFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    page = Paginator(selectors.user_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "accounts/user_list.html",
                  {"form": form, "page": page, "total": page.paginator.count, "query_string": params.urlencode()})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    access.require_user_manager(request.user)
    form = UserCreateForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "password_confirm"}
        try:
            user = services.user_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Account %(username)s created.") % {"username": user.username})
            return redirect("accounts:user_edit", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    access.require_user_manager(request.user)
    account = _account(pk)
    initial = {f: getattr(account, f) for f in services.EDITABLE_FIELDS}
    initial["agency"] = account.agency.code if account.agency_id else ""
    form = UserEditForm(request.POST or None, initial=initial, manager=request.user, current_agency=account.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=account,
                                 **{f: form.cleaned_data[f] for f in services.EDITABLE_FIELDS})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("accounts:user_edit", pk=account.pk)
    return render(request, "accounts/user_form.html", {"form": form, "account": account, "creating": False})


@login_required
@require_POST
def user_set_active(request, pk):
    access.require_user_manager(request.user)
    account = _account(pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=account, active=active)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Account reactivated.") if active else _("Account deactivated."))
    return redirect("accounts:user_edit", pk=account.pk)


@login_required
@require_http_methods(["GET", "POST"])
def user_password(request, pk):
    access.require_user_manager(request.user)
    account = _account(pk)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=account, password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("New password set for %(username)s.") % {"username": account.username})
            return redirect("accounts:user_edit", pk=account.pk)
    return render(request, "accounts/user_password.html", {"form": form, "account": account})


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    # Everyone may change their own password: no access helper beyond being signed in.
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_set_password(actor=request.user, user=request.user,
                                              password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("new_password2", message)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("accounts:password_change")
    return render(request, "accounts/password_change.html", {"form": form})
