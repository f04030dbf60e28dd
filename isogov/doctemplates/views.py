"""The programme lead's page of document templates: list, download, replace, reset."""
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from isogov.accounts import access
from isogov.core import official
from isogov.core.files import DOCX, file_response
from isogov.core.writeflow import go, write
from isogov.doctemplates import services
from isogov.doctemplates.forms import UploadForm
from isogov.doctemplates.models import Replacement


def _registered(user, key: str):
    access.require_document_template_manager(user)
    try:
        return official.get(key)
    except KeyError:
        raise Http404("No such document template") from None


@login_required
@require_safe
def index(request):
    access.require_document_template_manager(request.user)
    replaced = {r.key: r for r in Replacement.objects.select_related("replaced_by")}
    rows = [{"doc": d, "replacement": replaced.get(d.key)} for d in official.registered()]
    return render(request, "doctemplates/index.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, key):
    doc = _registered(request.user, key)
    replacement = Replacement.objects.select_related("replaced_by").filter(key=key).first()
    return write(
        request, UploadForm(request.POST or None, request.FILES or None),
        template="doctemplates/detail.html", context={"doc": doc, "replacement": replacement},
        service=lambda data: services.template_replace(actor=request.user, key=key, upload=data["file"]),
        success=lambda _result: go(request, "doctemplates:detail", key=key),
        message=_("Template replaced: the documents use it from now on."),
    )


@login_required
@require_safe
def download(request, key):
    _registered(request.user, key)
    return file_response(io.BytesIO(official.template_bytes(key)), content_type=DOCX, filename=f"{key}.docx")


@login_required
@require_POST
def reset(request, key):
    _registered(request.user, key)
    return write(
        request, None, service=lambda _data: services.template_reset(actor=request.user, key=key),
        success=lambda _result: go(request, "doctemplates:detail", key=key),
        refused=lambda _form, _status: go(request, "doctemplates:detail", key=key),
        message=_("Back to the default template."),
    )
