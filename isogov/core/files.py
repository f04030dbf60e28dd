"""Checks on uploaded files: by content, not by the name the user gave them."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def _check_size(upload, limit: int) -> None:
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def validate_pdf(upload) -> None:
    _check_size(upload, settings.ISOGOV["SIGNED_FILE_MAX_BYTES"])
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # PDF readers accept the signature anywhere in the first KiB.
    if b"%PDF-" not in head:
        raise ValidationError(_("This file is not a PDF document."))


def check_import_size(upload) -> None:
    _check_size(upload, settings.ISOGOV["IMPORT_MAX_BYTES"])
