import copy

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from isogov.core.dates import DATE_INPUT_FORMATS
from isogov.core.validators import plausible_date, plausible_plan_date


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's refusal beside the fields it names, the rest at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class DateField(forms.DateField):
    """Every date a person types: dd/mm/yyyy (or yyyy-mm-dd), within the plausible range of isogov.core.validators."""

    default_validators = [plausible_date]

    def __init__(self, *, input_formats=None, widget=None, **kwargs):
        super().__init__(input_formats=input_formats or DATE_INPUT_FORMATS,
                         widget=widget or forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
                         **kwargs)


class PlanDateField(DateField):
    """A date of a programme plan, which may lie several years ahead."""

    default_validators = [plausible_plan_date]


def formfield(field: models.Field, **kwargs) -> forms.Field | None:
    """A model field's form field, with isogov's date input (dd/mm/yyyy) for every date."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", PlanDateField if plausible_plan_date in field.validators else DateField)
    return field.formfield(**kwargs)


class ModelForm(forms.ModelForm):
    """A form whose fields, labels, lengths, choices and validation come from its model (and its `clean()`).

    It validates a copy of the instance it is given: the view hands the cleaned data to a service, and the
    service must still see the record as it was, to refuse a change the state forbids and to log before/after.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(formfield)

    def __init__(self, *args, instance: models.Model | None = None, initial: dict | None = None, **kwargs):
        super().__init__(*args, instance=copy.copy(instance) if instance is not None else None, initial=initial,
                         **kwargs)
        if instance is not None:
            self._initial_objects(given=initial or {})

    def _update_errors(self, errors: ValidationError) -> None:
        """A model rule may name a field this form does not show (its clean() checks two fields, the form edits
        one): that refusal goes to the top of the form rather than failing the page."""
        if hasattr(errors, "error_dict"):
            stray = [k for k in errors.error_dict if k != NON_FIELD_ERRORS and k not in self.fields]
            if stray:
                kept = {k: v for k, v in errors.error_dict.items() if k not in stray}
                moved = [message for k in stray for message in ValidationError(errors.error_dict[k]).messages]
                kept[NON_FIELD_ERRORS] = [*kept.get(NON_FIELD_ERRORS, []), *map(ValidationError, moved)]
                errors = ValidationError(kept)
        super()._update_errors(errors)

    def _initial_objects(self, *, given: dict) -> None:
        """A choice posted by its code (to_field_name) starts from the chosen objects, not their ids."""
        for name, field in self.fields.items():
            if not getattr(field, "to_field_name", None) or name in given or name not in self.initial:
                continue
            value = getattr(self.instance, name, None)
            if isinstance(field, forms.ModelMultipleChoiceField):
                self.initial[name] = list(value.all()) if self.instance.pk and value is not None else []
            else:
                self.initial[name] = value
