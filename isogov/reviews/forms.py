from django import forms

from isogov.core.forms import ModelForm
from isogov.reviews.models import AgendaItem, OutputKind, Review, ReviewAction


class ReviewForm(ModelForm):
    class Meta:
        model = Review
        fields = ["date", "chair", "participants"]
        widgets = {"participants": forms.Textarea(attrs={"rows": 4})}


class NotesForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ActionForm(ModelForm):
    """Given `instance=ReviewAction(review=review)`, so the model's rule about the meeting's date is checked too."""

    class Meta:
        model = ReviewAction
        fields = ["kind", "description", "owner", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OutputKind.choices  # no empty choice: an output is always of a kind
