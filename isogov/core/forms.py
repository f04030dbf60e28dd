from django import forms
from django.core.exceptions import ValidationError

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
