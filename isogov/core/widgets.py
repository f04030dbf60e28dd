from django import forms


class FilterSelect(forms.Select):
    """A select that isogov/ui.js gives a search box (accents ignored); without script it is a plain select.

    For long lists (169 agencies): `prompt` is the search box's placeholder and label.
    """

    def __init__(self, prompt, attrs=None, choices=()):
        super().__init__(attrs=attrs, choices=choices)
        self.prompt = prompt

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-filter"] = str(self.prompt)
        return context
