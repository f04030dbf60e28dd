from django import forms
from django.utils.translation import gettext_lazy as _

from isogov.capa.models import MAX_WHYS, Severity, Source, State, Verdict
from isogov.clauses.models import Clause
from isogov.core.forms import DateField

# The clause library an agency's records refer to unless told otherwise.
FRAMEWORK_CODE = "iso9001-2015"
DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})


class ClauseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Clause) -> str:
        return f"{obj.number} {obj.title}"


def clause_field(required: bool = False) -> ClauseChoiceField:
    return ClauseChoiceField(
        label=_("Clause"), required=required, to_field_name="number",
        queryset=Clause.objects.filter(framework__code=FRAMEWORK_CODE).order_by("position"),
        error_messages={"invalid_choice": _("No such clause in ISO 9001:2015.")},
    )


class NonconformityForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=[("", "—"), *Severity.choices], required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    clause = clause_field()
    detected_on = DateField(label=_("Detected on"), widget=DATE_WIDGET)
    correction = forms.CharField(label=_("Immediate correction"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("What was done at once to contain it, before the root cause is known."))


class NonconformityEditForm(NonconformityForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source"]


class RootCauseForm(forms.Form):
    """Five whys (each a question and its answer) and/or the root cause in words."""

    root_cause = forms.CharField(label=_("Root cause"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_WHYS + 1):
            self.fields[f"why_{i}"] = forms.CharField(label=_("Why %(n)s?") % {"n": i}, required=False,
                                                      max_length=500)
            self.fields[f"because_{i}"] = forms.CharField(label=_("Because"), required=False, max_length=500)

    @classmethod
    def initial_for(cls, nc) -> dict:
        initial = {"root_cause": nc.root_cause}
        for i, line in enumerate(nc.whys[:MAX_WHYS], start=1):
            initial[f"why_{i}"], initial[f"because_{i}"] = line.get("why", ""), line.get("because", "")
        return initial

    def rows(self) -> list[tuple]:
        return [(self[f"why_{i}"], self[f"because_{i}"]) for i in range(1, MAX_WHYS + 1)]

    def whys(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data[f"why_{i}"], self.cleaned_data[f"because_{i}"]) for i in range(1, MAX_WHYS + 1)]


class ActionForm(forms.Form):
    """`candidates` are the accounts that may own the action, evaluated once for every form on the page."""

    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.TypedChoiceField(label=_("Owner (account)"), coerce=int, required=False, empty_value=None)
    owner_name = forms.CharField(label=_("or owner's name"), max_length=150, required=False,
                                 help_text=_("For someone without an account."))
    due_date = DateField(label=_("Due date"), widget=DATE_WIDGET)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {u.pk: u for u in candidates}
        self.fields["owner"].choices = [("", "—"), *((u.pk, u.full_name or u.username) for u in candidates)]

    def clean(self):
        data = super().clean()
        data["owner"] = self.candidates.get(data.get("owner"))
        return data


class ActionDoneForm(forms.Form):
    done_on = DateField(label=_("Done on"), widget=DATE_WIDGET)
    evidence = forms.CharField(label=_("Evidence"), max_length=2000)


class ActionReopenForm(forms.Form):
    due_date = DateField(label=_("New due date"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("What changes"), max_length=500)


class StepForm(forms.Form):
    to_state = forms.ChoiceField(choices=State.choices)


class VerifyForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect)
    verified_on = DateField(label=_("Verified on"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("What was checked and found"), widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
