from django import forms

from isogov.core.forms import ModelForm
from isogov.reviews.models import AgendaItem, Review, ReviewAction


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
