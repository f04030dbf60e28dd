"""Hostile input on every form of every area, and odd dates already stored: never a 500, and afterwards every
page of the agency and every generated document (audit report, review minutes, programme exports) still opens.

The forms are found the way a user finds them: by following the links from the home page and the agency's
page and reading the forms in the HTML. Each is posted once with ordinary values (so records get created and
the next steps' forms appear), then with each hostile text in every text box, each hostile date in every date
box and each hostile number in every number box.
"""
import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from isogov.core import dates
from isogov.core.forms import DateField
from isogov.core.tests.site_crawl import Site, fill
from isogov.core.tests.site_seed import AGENCY, seed
from isogov.core.validators import date_range

pytestmark = pytest.mark.django_db

TEXTS = [
    "\x01\x0b\x1f kiểm\x7f tra\x85 \ufffe",
    "Dài " + "A" * 5000,
    "\u202eRTL override\u200f \u061c dấu",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "%(x)s %s {{ 7|add:1 }} {% now 'Y' %}",
    "😀 𝔘𝔫𝔦 ﷽ \ufeff",
    "\r\nDòng\rngắt\n",
    "nul\x00byte",
    "1.2/3",  # a procedure or document code typed with a slash
]
DATES = ["01/01/0001", "31/12/9999", "29/02/2023", "00/00/0000", "garbage", "9999-12-31", "1/1/1", "01/01/1989"]
NUMBERS = ["-1", "1e309", "99999999999999999999999", "NaN"]
PLAIN = "Kiểm tra"
# Forms that take records away or end a session: posted, they would leave less to fuzz and nothing to learn.
SKIP = ("delete", "remove", "logout", "password", "merge", "i18n", "/active/")
OURS = (AGENCY, "29242")


def ours(path: str) -> bool:
    parts = path.split("/")
    return not (path.startswith("/agencies/") and len(parts) > 3 and parts[2] not in OURS)


def walk(user) -> Site:
    site = Site(user)
    site.crawl(["/", f"/agencies/{AGENCY}/", "/programme/", "/events/", "/training/", "/audit/", "/users/",
                "/procedures/", "/capa/", "/compliance/", "/documents/overdue-legal/"], allow=ours)
    return site


def fuzz(site: Site, form, *, keep=()) -> int:
    """Post one form; `keep` are accounts whose own settings stay as they are (the test logs in as them)."""
    if any(word in form.action for word in SKIP) or form.action.startswith(tuple(f"/users/{u.pk}/" for u in keep)):
        return 0
    today = timezone.localdate().strftime("%d/%m/%Y")
    posted = 0
    for button in form.buttons or [None]:
        site.post(form, fill(form, text=PLAIN, date=today, number="1", button=button))
        posted += 1
    button = form.buttons[0] if form.buttons else None
    kinds = {f.kind for f in form.fields}
    rounds = []
    if kinds & {"text", "textarea", "search", "email", "url", "tel"}:
        rounds += [dict(text=text, date=today, number="1") for text in TEXTS]
    if "date" in kinds:
        rounds += [dict(text=PLAIN, date=day, number="1") for day in DATES]
    if "number" in kinds:
        rounds += [dict(text=PLAIN, date=today, number=number) for number in NUMBERS]
    for values in rounds:
        site.post(form, fill(form, button=button, **values))
    return posted + len(rounds)


def assert_every_page_and_document_opens(province) -> Site:
    for user in (province.admin, province.alice):
        site = walk(user)
        try:
            assert not site.errors, "\n\n".join(site.errors[:8])
            assert len(site.pages) > 40, site.pages
            made = " ".join(site.documents)
            if user == province.admin:
                assert "report.docx" in made and "minutes.docx" in made and ".xlsx" in made, site.documents
        finally:
            site.close()
    return site


def test_hostile_input_on_every_form_never_answers_500_and_everything_still_opens(province, iso2015):
    seed(province)
    done, posted = set(), 0
    for user in (province.admin, province.alice):
        site = walk(user)
        try:
            # Province-wide forms first: what they create (a procedure, an account) is then typed into the agency's.
            forms = sorted(site.forms.items(), key=lambda item: item[1].action.startswith("/agencies/"))
            for signature, form in forms:
                if signature not in done:
                    done.add(signature)
                    posted += fuzz(site, form, keep=(province.alice, province.admin))
            assert not site.errors, f"{len(site.errors)} answers 500:\n\n" + "\n\n".join(site.errors[:8])
        finally:
            site.close()
    assert len(done) > 80 and posted > 1000, (len(done), posted)
    assert_every_page_and_document_opens(province)


def date_columns():
    for model in apps.get_models():
        if model.__module__.startswith("isogov."):
            names = [f.name for f in model._meta.concrete_fields
                     if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)]
            if names:
                yield model, names


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)], ids=["year-1", "year-9999"])
def test_pages_and_documents_open_when_old_rows_hold_year_1_or_9999(province, iso2015, day):
    """Rows stored before the plausible range existed: every date column of every record is set to `day`."""
    seed(province)
    touched = 0
    for model, names in date_columns():
        touched += model._base_manager.update(**{name: day for name in names})
    assert touched > 20
    assert_every_page_and_document_opens(province)


@hsettings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_a_typed_date_is_a_plausible_date_or_a_clear_refusal(text):
    from django.core.exceptions import ValidationError

    first, last = date_range()
    for parse in (DateField(required=False).clean, dates.parse_date):
        try:
            day = parse(text)
        except ValidationError as exc:
            assert exc.messages and all(m.strip() for m in exc.messages)
        else:
            assert day is None or first <= day <= last


@hsettings(max_examples=300, deadline=None)
@given(st.dates(), st.integers(min_value=-200_000, max_value=200_000))
def test_date_arithmetic_never_fails(day, n):
    assert dt.date.min <= dates.add_months(day, n) <= dt.date.max
    assert dt.date.min <= dates.add_days(day, n) <= dt.date.max
    assert dates.year_before(day) <= day
    dates.day_start(day)
