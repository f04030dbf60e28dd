"""At 390 px (a phone) every main page fits the screen: nothing reaches past its right edge unless it sits in a
box that scrolls sideways (wide tables), and the main menu folds into a button.

The pages are the demo's (Trà Vinh 2019–2020): real names, long titles and full tables, as users meet them.
Set ISOGOV_SHOTS=/tmp/shots to keep screenshots of a few pages at 1366 and 390 px.
"""
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from isogov.accounts.models import User
from isogov.audits.models import Audit
from isogov.capa.models import Nonconformity
from isogov.clauses.loader import BUILTIN_DIR, load_framework
from isogov.clauses.models import Framework
from isogov.conftest import PASSWORD
from isogov.demo.catalogue import password_for
from isogov.demo.services import load_demo
from isogov.documents.models import Document
from isogov.e2e.layout import overflow, shot, submit_empty
from isogov.e2e.session import log_in
from isogov.events.models import Event
from isogov.notifications.services import run_reminders
from isogov.objectives.models import Objective
from isogov.programme.models import Activity, Plan
from isogov.registry.models import Tier
from isogov.registry.tiers import load_preset
from isogov.reviews.models import Review
from isogov.risks.models import Risk
from isogov.training.models import Course, Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
AGENCY = "29266"  # Xã Càng Long: the demo secretary's commune since 01/07/2025


@pytest.fixture
def demo():
    if not Tier.objects.exists():  # a transactional test before this one flushed the migration's data
        load_preset(Tier, "three-tier")
    if not Framework.objects.filter(code="iso9001-2015").exists():
        load_framework(BUILTIN_DIR / "iso9001-2015.json")
    load_demo()
    run_reminders(today=timezone.localdate())  # the notification page and the top bar's count as users meet them


def _first(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def reading_pages() -> list[str]:
    """The pages a lead and a secretary both open, on the secretary's commune and its records."""
    code, subtree = AGENCY, {"agency__path__startswith": f"/{AGENCY}/"}
    pages = [reverse("registry:agency_list"), reverse("registry:agency_detail", args=[code]),
             reverse("home:agency_todo", args=[code])]
    pages += [reverse(f"{area}:{name}", args=[code]) for area, name in (
        ("compliance", "agency_card"), ("documents", "agency_index"), ("objectives", "agency_index"),
        ("risks", "agency_index"), ("audits", "agency_index"), ("capa", "agency_index"),
        ("reviews", "agency_index"), ("feedback", "agency_index"), ("training", "agency_index"),
        ("events", "agency_index"), ("qms", "scope"))]
    for area, model in (("documents", Document), ("objectives", Objective), ("risks", Risk),
                        ("audits", Audit), ("capa", Nonconformity), ("reviews", Review)):
        obj = _first(model, **subtree)
        pages.append(reverse(f"{area}:detail", args=[obj.agency.code, obj.pk]))
    plan = _first(Plan, status="approved") or _first(Plan)
    pages += [reverse("programme:index"), reverse("programme:plan_detail", args=[plan.pk]),
              reverse("programme:plan_activities", args=[plan.pk]), reverse("programme:plan_budget", args=[plan.pk]),
              # An activity the secretary's commune takes part in: it did not exist for the 2020 plan's.
              reverse("programme:activity_detail", args=[_first(Activity, participants__code=AGENCY).pk])]
    pages += [reverse("training:index"), reverse("training:coverage"), reverse("events:index"),
              reverse("compliance:index"), reverse("capa:province_list"), reverse("qms:procedures"),
              reverse("documents:overdue_legal"), reverse("audit:event_list"),
              reverse("audit:event_list") + f"?agency={code}", reverse("accounts:password_change"),
              reverse("dashboard:province"), reverse("dashboard:province") + "?as_of=31/12/2020",
              reverse("dashboard:agencies") + "?figure=announced&as_of=2020-12-31",
              reverse("notifications:index"), reverse("notifications:preferences")]
    return pages


def lead_pages() -> list[str]:
    secretary = User.objects.get(username="secretary")
    return [reverse("accounts:user_list"), reverse("accounts:user_create"),
            reverse("accounts:user_edit", args=[secretary.pk]),
            reverse("training:course_detail", args=[_first(Course).pk]),
            reverse("training:session_detail", args=[_first(Session).pk]),
            reverse("events:event_detail", args=[_first(Event).pk])]


def forms_with_errors(role: str) -> list[str]:
    code = AGENCY
    forms = [reverse("documents:create", args=[code]),
             reverse("risks:create", args=[code]), reverse("objectives:create", args=[code]),
             reverse("capa:create", args=[code]), reverse("audits:create", args=[code]),
             reverse("reviews:plan", args=[code]), reverse("accounts:password_change")]
    if role == "lead":
        forms += [reverse("accounts:user_create"), reverse("registry:agency_create"),
                  reverse("registry:agency_edit", args=[code]),
                  reverse("programme:plan_create"), reverse("training:course_create"), reverse("events:event_create")]
    return forms


def _misfit(page, width) -> str | None:
    found = overflow(page, width)
    if found["scrollWidth"] <= width and not found["offenders"]:
        return None
    return f"{found['scrollWidth']} px wide: {'; '.join(found['offenders'][:3])}"


@pytest.mark.parametrize("role", ["secretary", "lead"])
def test_every_main_page_fits_a_390_px_screen(live_server, page, demo, vietnamese, role):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, role, password_for(role))
    misfits = {}
    pages = reading_pages() + (lead_pages() if role == "lead" else [])
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if problem := _misfit(page, PHONE["width"]):
            misfits[path] = problem
    for path in forms_with_errors(role):
        assert page.goto(live_server.url + path).status == 200, path
        assert submit_empty(page), path
        # Every form opens with a summary of its errors, and the focus is on it.
        assert page.evaluate("document.activeElement.matches('[data-error-summary]')"), f"{path}: no focused summary"
        if problem := _misfit(page, PHONE["width"]):
            misfits[f"{path} (errors)"] = problem
    assert not misfits, "\n".join(f"{path}: {problem}" for path, problem in misfits.items())


def test_first_pages_fit_at_1366_and_390_px(live_server, page, demo, vietnamese):
    """Also keeps the pictures a person looks at (with ISOGOV_SHOTS): agency list, overview, a form with errors."""
    log_in(page, live_server.url, "secretary", password_for("secretary"))
    for name, viewport in (("1366", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)
        for shot_name, path in (("agency-list", reverse("registry:agency_list")),
                                ("agency-overview", reverse("registry:agency_detail", args=[AGENCY])),
                                ("form-with-errors", reverse("risks:create", args=[AGENCY]))):
            page.goto(live_server.url + path)
            if shot_name == "form-with-errors":
                submit_empty(page)
            shot(page, f"{shot_name}-{name}")
            assert not _misfit(page, viewport["width"]), f"{path} at {name} px"


def test_the_menu_folds_into_a_button_on_a_phone(live_server, page, province):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "alice", PASSWORD)
    menu = page.locator("nav.mainnav")
    toggle = page.locator("button.navtoggle")
    expect(menu).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.locator(f"a[href='{reverse('compliance:index')}']").click()
    expect(page).to_have_url(re.compile(r"/compliance/$"))
    expect(menu).to_be_hidden()  # folded again on the next page
    page.set_viewport_size(DESKTOP)
    expect(menu).to_be_visible()
    expect(toggle).to_be_hidden()
