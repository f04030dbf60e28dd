"""Replacing a document's Word template and going back to the packaged default, both audit-logged.

A replacement must be a Word file within the size limit and must render the document's sample context: a
template with a broken Jinja tag is refused before anything is stored, so a document never fails to download.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isogov.audit.services import Action, audit_record
from isogov.core import official
from isogov.core.files import DOCX, check_size, sniff
from isogov.core.text import clean_text
from isogov.doctemplates.models import Replacement


def check_template(key: str, upload) -> bytes:
    """The upload's bytes when it is a Word template that renders `key`'s sample; a ValidationError on `file`
    saying why not (the engine's message and the text near the faulty tag)."""
    try:
        check_size(upload, settings.ISOGOV["DOCUMENT_MAX_BYTES"])
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    if sniff(upload) != DOCX:
        raise ValidationError({"file": _("This file is not a Word document (.docx). Save the template in Word as "
                                         "\"Word Document (*.docx)\" and upload it again.")})
    upload.seek(0)
    data = upload.read()
    try:
        official.render_bytes(data, official.get(key).sample())
    except official.TemplateBroken as exc:
        message = _("The template does not render: %(error)s.") % {"error": exc.message}
        if exc.line:
            message += " " + _("Near: “%(text)s”.") % {"text": exc.line}
        raise ValidationError({"file": message}) from exc
    return data


@transaction.atomic
def template_replace(*, actor, key: str, upload) -> Replacement:
    official.get(key)  # a KeyError for a key no area registered: the view answers 404 before this
    data = check_template(key, upload)
    file_name = clean_text(getattr(upload, "name", "") or "template.docx")[:200]
    replacement, created = Replacement.objects.update_or_create(
        key=key, defaults={"file_name": file_name, "size": len(data), "replaced_by": actor,
                           "replaced_at": timezone.now()})
    audit_record(actor=actor, action=Action.CREATE if created else Action.UPDATE, obj=replacement,
                 changes={"file_name": file_name, "size": len(data)})
    # The file last: if storing it fails, the row above is rolled back with it.
    name = official.stored_name(key)
    if default_storage.exists(name):
        default_storage.delete(name)
    stored = default_storage.save(name, ContentFile(data))
    if stored != name:  # a storage that renamed it: core.official would not find it
        default_storage.delete(stored)
        raise ValidationError({"file": _("The file could not be stored; try again.")})
    return replacement


@transaction.atomic
def template_reset(*, actor, key: str) -> None:
    official.get(key)
    name = official.stored_name(key)
    replacement = Replacement.objects.filter(key=key).first()
    if default_storage.exists(name):
        default_storage.delete(name)
    if replacement is not None:
        audit_record(actor=actor, action=Action.DELETE, obj=replacement,
                     changes={"file_name": replacement.file_name, "size": replacement.size})
        replacement.delete()
