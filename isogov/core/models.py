"""The base every record with typed text derives from: its fields are validated once, on the model.

A service builds or changes the object and calls `full_clean()`; a ModelForm calls the same validation.
Both see text as `clean_text` leaves it (NFC, no control characters, no surrounding spaces), so a blank
made of spaces is refused as blank and a title pasted from Word is stored as it is shown.
"""
from django.db import models

from isogov.core.text import clean_text


def clean_text_fields(obj: models.Model) -> None:
    for field in obj._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            value = getattr(obj, field.attname)
            if isinstance(value, str):
                setattr(obj, field.attname, clean_text(value, multiline=isinstance(field, models.TextField)))


class Validated(models.Model):
    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        # A field no one types (editable=False: who created the row, a search key) is set by code, not checked.
        clean_text_fields(self)
        fixed = {f.name for f in self._meta.concrete_fields if not f.editable}
        super().clean_fields(exclude={*(exclude or ()), *fixed})


__all__ = ["Validated", "clean_text_fields"]
