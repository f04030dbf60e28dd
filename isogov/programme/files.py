"""Evidence files: PDF, Word, Excel or images, recognised by their content (isogov.core.files)."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from isogov.core.files import DOCX, JPEG, PDF, PNG, XLSX, check_size, safe_name, sniff

__all__ = ["safe_name", "validate_evidence"]
ACCEPTED = {PDF, DOCX, XLSX, PNG, JPEG}


def validate_evidence(upload) -> str:
    """The file's real content type, or a ValidationError saying what is accepted."""
    check_size(upload, settings.ISOGOV["SIGNED_FILE_MAX_BYTES"])
    kind = sniff(upload)
    if kind not in ACCEPTED:
        raise ValidationError(_("Accepted evidence files are PDF, Word (DOCX), Excel (XLSX), PNG or JPEG."))
    return kind
