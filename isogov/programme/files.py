"""Evidence files: PDF, Word, Excel or images, recognised by their content (isogov.core.files)."""
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from isogov.core.files import safe_name, validate_office_or_image

__all__ = ["safe_name", "validate_evidence"]


def validate_evidence(upload) -> str:
    """The file's real content type, or a ValidationError saying what is accepted."""
    return validate_office_or_image(
        upload, settings.ISOGOV["SIGNED_FILE_MAX_BYTES"],
        _("Accepted evidence files are PDF, Word (DOCX), Excel (XLSX), PNG or JPEG."))
