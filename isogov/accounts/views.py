from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from isogov.accounts import access, selectors, services
from isogov.accounts.forms import PasswordResetForm, UserCreateForm, UserEditForm
from isogov.core.writeflow import go, write

PAGE_SIZE = 50


@login_required
def user_list(request):
    access.require_user_manager(request.user)
    form, users = selectors.user_list(data=request.GET)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html",
                  {"form": form, "page": page, "total": page.paginator.count})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    access.require_user_manager(request.user)
    form = UserCreateForm(request.POST or None, manager=request.user)

    def created(user):
        messages.success(request, _("Account %(username)s created.") % {"username": user.username})
        return go(request, "accounts:user_edit", pk=user.pk)

    return write(
        request, form, template="accounts/user_form.html", context={"creating": True},
        service=lambda data: services.user_create(
            actor=request.user, **{k: v for k, v in data.items() if k != "password_confirm"}),
        success=created,
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    account = access.access_account(request.user, pk)
    form = UserEditForm(request.POST or None, instance=account, manager=request.user)
    return write(
        request, form, template="accounts/user_form.html", context={"account": account, "creating": False},
        service=lambda data: services.user_update(actor=request.user, user=account,
                                                  **{f: data[f] for f in services.EDITABLE_FIELDS}),
        success=lambda _result: go(request, "accounts:user_edit", pk=account.pk),
        message=_("Changes saved."),
    )


@login_required
@require_POST
def user_set_active(request, pk):
    account = access.access_account(request.user, pk)
    active = request.POST.get("active") == "1"

    def back(*_):  # the account's page, whatever the outcome
        return go(request, "accounts:user_edit", pk=account.pk)

    return write(
        request, None,
        service=lambda _data: services.user_set_active(actor=request.user, user=account, active=active),
        success=back, refused=back,
        message=_("Account reactivated.") if active else _("Account deactivated."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_password(request, pk):
    account = access.access_account(request.user, pk)
    form = PasswordResetForm(request.POST or None)
    return write(
        request, form, template="accounts/user_password.html", context={"account": account},
        service=lambda data: services.user_set_password(actor=request.user, user=account, password=data["password"]),
        success=lambda _result: go(request, "accounts:user_edit", pk=account.pk),
        message=_("New password set for %(username)s.") % {"username": account.username},
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    # Everyone may change their own password: no access helper beyond being signed in.
    form = PasswordChangeForm(request.user, request.POST or None)

    def changed(user):
        update_session_auth_hash(request, user)
        return go(request, "accounts:password_change")

    return write(
        request, form, template="accounts/password_change.html",
        service=lambda data: services.user_set_password(actor=request.user, user=request.user,
                                                        password=data["new_password1"]),
        success=changed, message=_("Your password has been changed."),
    )
