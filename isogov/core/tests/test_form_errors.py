"""Every form drawn by the shared include opens with a summary of its errors, each linking to its field, so
an error below the fold is not missed; the page's script (not inline: the CSP forbids it) moves focus there."""
import re

from django import forms
from django.template.loader import render_to_string


class _Sample(forms.Form):
    title = forms.CharField(label="Title")
    kind = forms.ChoiceField(label="Kind", choices=[("", "—"), ("a", "A")])
    tags = forms.MultipleChoiceField(label="Tags", choices=[("x", "X"), ("y", "Y")],
                                     widget=forms.CheckboxSelectMultiple)
    held_on = forms.DateField(label="Held on", required=False)
    note = forms.CharField(label="Note", required=False)
    step = forms.CharField(widget=forms.HiddenInput)


def _render(form) -> str:
    return render_to_string("includes/form.html", {"form": form})


def test_summary_lists_every_error_with_a_link_to_its_field_before_the_first_field():
    form = _Sample(data={"held_on": "32/13/2020", "note": "fine"})
    assert not form.is_valid()
    form.add_error(None, "The plan is closed.")
    html = _render(form)
    summary = re.search(r'<div class="errorbox errorsummary"[^>]*>(.*?)</div>', html, re.S)
    assert summary, html
    assert html.index("errorsummary") < html.index('class="field')
    assert 'tabindex="-1"' in summary.group(0) and 'role="alert"' in summary.group(0)
    body = summary.group(1)
    assert "The plan is closed." in body
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', body)
    assert [target for target, _ in links] == ["id_title", "id_kind", "id_tags", "id_held_on"]
    assert all(target in html.replace(f'href="#{target}"', "") for target, _ in links), "each target exists"
    assert "Title: This field is required." in [text for _, text in links]
    assert "Note" not in body  # a field without an error is not listed
    assert "Step" in body or "(Hidden field step)" in body  # a hidden field's error is not lost either


def test_no_summary_on_an_unsent_or_correct_form():
    assert "errorsummary" not in _render(_Sample())
    ok = _Sample(data={"title": "t", "kind": "a", "tags": ["x"], "step": "1"})
    assert ok.is_valid()
    assert "errorsummary" not in _render(ok)


def test_every_page_loads_the_shared_script_and_no_inline_script(client, db):
    html = client.get("/login/").content.decode()
    assert re.search(r'<script src="[^"]*/isogov/ui\.js"', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "no inline script"
    assert not re.search(r"\son[a-z]+=", html), "no inline event handler"
