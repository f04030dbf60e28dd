"""Event materials: PDF, Word, Excel or images, recognised by their content (isogov.core.files)."""
from django.conf import settings

from isogov.core.files import EXTENSION_FOR, OFFICE_OR_IMAGE, validate_office_or_image

ACCEPTED = OFFICE_OR_IMAGE
EXTENSIONS = {kind: f".{EXTENSION_FOR[kind]}" for kind in ACCEPTED}


def max_bytes() -> int:
    return settings.ISOGOV["EVENT_MATERIAL_MAX_BYTES"]  # the one default: isogov/conf.py


def validate_material(upload) -> str:
    """The file's real content type, or a ValidationError saying what is accepted."""
    return validate_office_or_image(upload, max_bytes())
