"""The API's one error handler (REST_FRAMEWORK["EXCEPTION_HANDLER"])."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _messages(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [m for v in value for m in _messages(v)]
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _messages(v)]
    return [str(value)]


def errors_of(detail) -> dict[str, list[str]]:
    """{field: [messages]}; errors of the whole request under "__all__"."""
    if isinstance(detail, dict):
        return {("__all__" if k == "non_field_errors" else str(k)): _messages(v) for k, v in detail.items()}
    return {"__all__": _messages(detail)}


def exception_handler(exc, context):
    """Every error the API answers is JSON: {"detail": reason} and, for bad input, {"errors": {field: [...]}}.

    A service's ValidationError is the same 400 as a serializer's; Http404 and PermissionDenied (the access
    helpers') are 404 and 403."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("The request is not valid: see errors."), "errors": errors_of(exc.detail)}
    else:
        response.data = {"detail": str(getattr(exc, "detail", exc))}
    return response
