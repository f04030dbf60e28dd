"""The API's one error handler (REST_FRAMEWORK["EXCEPTION_HANDLER"])."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def errors_of(detail, path: str = "") -> dict[str, list[str]]:
    """{field: [messages]}, a nested field by its path ("records.3.due": the fourth record's due date); errors of
    the whole request under "__all__"."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "__all__" if key in ("non_field_errors", "__all__") else str(key)
            found.update(errors_of(value, f"{path}.{name}" if path and name != "__all__" else (path or name)))
        return found
    if isinstance(detail, (list, tuple)) and any(isinstance(v, (dict, list, tuple)) for v in detail):
        found = {}
        for index, value in enumerate(detail):
            if value:
                found.update(errors_of(value, f"{path}.{index}" if path else str(index)))
        return found
    messages = [str(m) for m in detail] if isinstance(detail, (list, tuple)) else [str(detail)]
    return {path or "__all__": messages}


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
