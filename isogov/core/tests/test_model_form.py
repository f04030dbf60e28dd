"""core.forms.ModelForm: fields from the model, validation on a copy, refusals on hidden fields at the top."""
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from isogov.core.forms import DateField, ModelForm
from isogov.events.models import Event, EventKind

pytestmark = pytest.mark.django_db


class _TitleOnly(ModelForm):
    class Meta:
        model = Event
        fields = ["title", "date"]


def test_dates_take_the_house_input_and_fields_come_from_the_model():
    form = _TitleOnly()
    assert isinstance(form.fields["date"], DateField)
    assert form.fields["title"].max_length == 400 and form.fields["title"].label == "Title"


def test_a_model_rule_on_a_field_the_form_does_not_show_goes_to_the_top(monkeypatch):
    def clean(self):
        raise ValidationError({"place": "The place is refused.", "title": "The title is refused."})

    monkeypatch.setattr(Event, "clean", clean)
    form = _TitleOnly(data={"title": "Hội nghị", "date": "20/02/2020"})
    assert not form.is_valid()
    assert form.errors["title"] == ["The title is refused."]
    assert form.non_field_errors() == ["The place is refused."]


def test_the_instance_given_is_not_changed_by_validation(province):
    event = Event.objects.create(title="Cũ", kind=EventKind.LAUNCH, date=dt.date(2020, 2, 20), place="Hội trường",
                                 organiser=province.skhcn)
    form = _TitleOnly(data={"title": "Mới", "date": "21/02/2020"}, instance=event)
    assert form.is_valid()
    assert event.title == "Cũ" and event.date == dt.date(2020, 2, 20)
