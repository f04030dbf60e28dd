"""Event materials: PDF, Word, Excel or images, recognised by their content (isogov.core.files)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from isogov.core.files import DOCX, EXTENSION_FOR, JPEG, PDF, PNG, XLSX, check_size, sniff

ACCEPTED = {PDF, DOCX, XLSX, PNG, JPEG}
EXTENSIONS = {kind: f".{EXTENSION_FOR[kind]}" for kind in ACCEPTED}


def max_bytes() -> int:
    return settings.ISOGOV["EVENT_MATERIAL_MAX_BYTES"]  # the one default: isogov/conf.py


def validate_material(upload) -> str:
    """The file's real content type, or a ValidationError saying what is accepted."""
    check_size(upload, max_bytes())
    kind = sniff(upload)
    if kind not in ACCEPTED:
        raise ValidationError(_("This file is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG document."))
    return kind
