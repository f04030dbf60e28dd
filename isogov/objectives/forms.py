from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.core.files import check_import_size
from isogov.core.forms import ModelForm
from isogov.objectives.models import PERIODS_PER_YEAR, Measurement, Objective, period_label


class NumberField(forms.Field):
    """A decimal typed the Vietnamese way ("98,5") or the English way ("98.5"); never a float."""

    default_error_messages = {"invalid": _("Enter a number, such as 98,5.")}

    def __init__(self, *args, max_digits=None, decimal_places=None, **kwargs):
        # A model's DecimalField offers its digits; the number is checked against them by the model.
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "").replace("\u00a0", "")
        if text in self.empty_values:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")  # "1.234,5": dots group thousands
        elif text.count(".") > 1:
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite() or abs(number) >= Decimal("1e10"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number.quantize(Decimal("0.01"))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


class ObjectiveForm(ModelForm):
    class Meta:
        model = Objective
        fields = ["year", "title", "comparator", "target", "unit", "period", "owner", "note"]
        field_classes = {"target": NumberField}
        widgets = {"title": forms.TextInput(attrs={"placeholder": _("Files processed on time")})}


class MeasurementForm(ModelForm):
    """Given the objective, whose periods are offered and whose unit bounds the value."""

    class Meta:
        model = Measurement
        fields = ["period_index", "value", "note"]
        field_classes = {"value": NumberField}

    def __init__(self, *args, objective: Objective, **kwargs):
        super().__init__(*args, instance=Measurement(objective=objective), **kwargs)
        self.fields["period_index"] = forms.TypedChoiceField(
            label=self.fields["period_index"].label, coerce=int,
            choices=[(i, period_label(objective.period, i)) for i in range(1, PERIODS_PER_YEAR[objective.period] + 1)])


class OnestopImportForm(forms.Form):
    objective = forms.ModelChoiceField(label=_("Objective"), queryset=Objective.objects.none(),
                                       empty_label=None)
    file = forms.FileField(label=_("One-stop-shop export (.csv or .xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = objectives
        self.fields["objective"].label_from_instance = lambda o: f"{o.year} · {o}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_import_size(upload)
        return upload

