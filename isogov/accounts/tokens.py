"""API tokens at the door of the REST API: who is calling (TokenAuthentication) and whether the token's scope lets
it do this (ScopePermission). What the caller may then read or write is decided by the access helpers, as for pages.

A request names its token as `Authorization: Bearer <secret>` (or `Token <secret>`); the token is found by the
secret's SHA-256 (services.token_hash), so the secret itself is never stored.
"""
import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from isogov.accounts.models import ApiToken, TokenScope
from isogov.accounts.services import token_hash

KEYWORDS = ("bearer", "token")


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() not in KEYWORDS:
            return None  # not ours: the session may still authenticate the request
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header must be: Bearer <token>."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = ApiToken.objects.select_related("user", "user__agency").filter(key_hash=token_hash(secret)).first()
        if token is None or token.revoked_at is not None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid or has been revoked."))
        if token.expires_on is not None and token.expires_on < timezone.localdate():
            raise exceptions.AuthenticationFailed(_("This token expired on %(day)s.")
                                                  % {"day": token.expires_on.strftime("%d/%m/%Y")})
        touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return "Bearer"  # makes an unauthenticated request a 401 rather than a 403


def touch(token: ApiToken) -> None:
    """Last use, written at most once per API_TOKEN_TOUCH_SECONDS: a busy program must not cost a write a request."""
    now = timezone.now()
    stale = dt.timedelta(seconds=settings.ISOGOV["API_TOKEN_TOUCH_SECONDS"])
    if token.last_used_at is None or now - token.last_used_at >= stale:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class ScopePermission(permissions.BasePermission):
    """Signed in (session or token); a read-only token is refused any write, whatever its owner may do."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        token = request.auth
        if isinstance(token, ApiToken) and token.scope != TokenScope.READ_WRITE and \
                request.method not in permissions.SAFE_METHODS:
            self.message = _("This token may only read: make a read-write token to change records.")
            return False
        return True


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's name for the token (drf-spectacular): a bearer token in the Authorization header."""

    target_class = TokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "An API token made on /account/tokens/: Authorization: Bearer <token>."}
