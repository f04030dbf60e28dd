"""The one way a view writes: run the form, call one service, show a refusal beside the fields.

Every view that changes data goes through `write`. A service refuses with a ValidationError; the
refusal is put beside the fields it names (the rest at the top, where the error summary lists them)
and the page is shown again with status 400 and what was typed. On success the browser is sent on:
a plain redirect, or HX-Redirect for an htmx request so the whole page changes, not a fragment.

`except ValidationError` lives here and nowhere else in the views.
"""
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url

from isogov.core.forms import add_service_errors

REFUSED = 400


def go(request: HttpRequest, to: str | Any, *args, **kwargs) -> HttpResponse:
    """Redirect to a URL, a route name with its arguments, or an object with get_absolute_url."""
    url = resolve_url(to, *args, **kwargs)
    if request.htmx and not request.htmx.boosted:
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


def write(
    request: HttpRequest,
    form: forms.Form | None,
    *,
    service: Callable[[dict], Any],
    success: Callable[[Any], HttpResponse],
    refused: Callable[[forms.Form | None, int], HttpResponse] | None = None,
    template: str = "",
    context: dict | None = None,
    message: str = "",
    rejected: Callable[[ValidationError], HttpResponse] | None = None,
) -> HttpResponse:
    """Run `service(cleaned_data)` when the posted `form` is valid; answer `success(result)` or the refused page.

    `form` may be None for a button that posts nothing: the service runs on every POST and a refusal
    is shown as a message on `refused`'s page. `refused(form, status)` draws the page again; by default
    `template` with `context` and the form. A GET shows the empty form with status 200.
    `rejected(exc)`, when given, answers a refusal that carries more than its messages (an import's
    confirmation refused with the plan of its rows, `exc.plan`) in place of the two answers above.
    """
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            result = service(form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            if rejected is not None:
                return rejected(exc)
            if form is None:
                for text in exc.messages:
                    messages.error(request, text)
            else:
                add_service_errors(form, exc)
        else:
            if message:
                messages.success(request, message)
            return success(result)
    status = REFUSED if request.method == "POST" else 200
    if refused is not None:
        return refused(form, status)
    return render(request, template, {**(context or {}), "form": form}, status=status)


__all__ = ["REFUSED", "go", "write"]
