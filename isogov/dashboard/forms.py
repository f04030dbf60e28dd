import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isogov.core.forms import DateField


class AsOfForm(forms.Form):
    """The day the figures are taken on (today unless asked), or the end of a year (the year shortcut)."""

    as_of = DateField(label=_("As of"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=9998,
                              widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("year"):
            data["as_of"] = min(dt.date(data["year"], 12, 31), today)
        day = data.get("as_of") or today
        if day > today:
            raise ValidationError({"as_of": _("Choose today or a day before: later facts are not known yet.")})
        data["as_of"] = day
        return data

    def chosen(self) -> dt.date:
        """The valid day asked for, else today (the page still shows figures beside the form's error)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["as_of"]
        return timezone.localdate()

    def shortcuts(self, count: int = 6) -> list[tuple[int, dt.date]]:
        """The ends of the last `count` years, most recent first: (year, 31/12 of it)."""
        this = timezone.localdate().year
        return [(y, dt.date(y, 12, 31)) for y in range(this - 1, this - 1 - count, -1)]
