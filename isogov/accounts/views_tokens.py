"""Each person's API tokens (/account/tokens/): made, listed with their last use, and revoked by their owner."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from isogov.accounts import access, services
from isogov.accounts.forms import TokenForm
from isogov.core.writeflow import go, write


def _page(request, form, *, secret: str = "", made=None, status: int = 200):
    tokens = request.user.api_tokens.order_by("revoked_at", "-created_at", "-id")
    return render(request, "accounts/tokens.html",
                  {"form": form, "tokens": tokens, "secret": secret, "made": made}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    # Everyone signed in keeps their own tokens: no access helper beyond being signed in.
    form = TokenForm(request.POST or None)

    def made(result):
        token, secret = result
        # Shown once, on this answer only: it is stored as its hash and never shown again.
        return _page(request, TokenForm(), secret=secret, made=token, status=201)

    return write(request, form, service=lambda data: services.token_create(actor=request.user, user=request.user,
                                                                             **data),
                 success=made, refused=lambda form, status: _page(request, form, status=status))


@login_required
@require_POST
def token_revoke(request, pk):
    token = access.access_token(request.user, pk)
    return write(request, None, service=lambda _data: services.token_revoke(actor=request.user, token=token),
                 success=lambda _token: go(request, "accounts:tokens"),
                 refused=lambda _form, _status: go(request, "accounts:tokens"),
                 message=_("The token is revoked: programs using it are refused from now on."))
