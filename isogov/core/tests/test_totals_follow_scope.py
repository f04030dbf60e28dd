"""Totals and counts respect the scope of the rows (issue 7, defect 13), in every area that shows any: an agency
user's figures count only what they may read, the programme lead's everything.

The world (world.py): districts 842 (alice) and 844 (bob), each with a commune; two departments; each district
with its own records, its own programme activity (10,000,000 đ, 4,000,000 disbursed), its own event and one
trained member of staff; one event both districts were invited to and attended.
"""
import pytest
from django.urls import reverse

from isogov.core.tests.world import media_storage, world, world_media  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def get(client, world):
    def as_(user, name, *args):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200
        return response.context

    return as_


def test_compliance_counts_only_the_agencies_read(world, get):
    for user, agencies in ((world.alice, 2), (world.bob, 2), (world.lead, 6)):
        table = get(user, "compliance:index")["table"]
        assert table.total == agencies
        assert sum(row["total"] for row in table.by_tier) == agencies
        assert table.compliant <= agencies


def test_training_coverage_and_trainee_counts(world, get):
    for user, agencies, trainees in ((world.alice, 2, 1), (world.lead, 6, 2)):
        for page in ("training:index", "training:coverage"):
            assert get(user, page)["coverage"]["total"]["agencies"] == agencies
        course = next(c for c in get(user, "training:index")["courses"] if c.pk == world.course.pk)
        assert (course.trainee_count, course.completed_count) == (trainees, trainees)
        session = get(user, "training:course_detail", world.course.pk)["sessions"][0]
        assert session.trainee_count == trainees
        assert len(get(user, "training:session_detail", world.session.pk)["trainees"]) == trainees


def test_events_and_attendance(world, get):
    # alice: her district's event and the shared one, where only her district's invitation counts.
    for user, events, invited in ((world.alice, 2, 2), (world.lead, 3, 4)):
        context = get(user, "events:index")
        assert len(context["events"]) == events
        assert context["attendance"]["total"]["invited"] == invited
        assert context["attendance"]["total"]["attended"] == invited
        shared = next(e for e in context["events"] if e.pk == world.shared_event.pk)
        assert shared.invited_count == shared.attending_count == invited - events + 1
        page = get(user, "events:event_detail", world.shared_event.pk)
        assert len(page["attendees"]) == invited - events + 1


def test_registry_state_counts(world, get):
    for user, agencies in ((world.alice, 2), (world.bob, 2), (world.lead, 6)):
        context = get(user, "registry:agency_list")
        assert context["total"] == agencies and sum(c["count"] for c in context["counts"]) == agencies


def test_open_nonconformities_across_the_province(world, get):
    for user, open_ in ((world.alice, 2), (world.lead, 4)):  # each district: its audit's and its inspection's
        assert get(user, "capa:province_list")["page"].paginator.count == open_


def test_audit_trail_count(world, get):
    alice = get(world.alice, "audit:event_list")
    lead = get(world.lead, "audit:event_list")
    assert 0 < alice["total"] < lead["total"]
    assert all(row_agency.startswith(world.d842.path) for row_agency in
               alice["page"].paginator.object_list.values_list("agency__path", flat=True))


def test_programme_totals(world, get):
    for user, estimate, disbursed, count in ((world.alice, 10_000_000, 4_000_000, 1),
                                             (world.lead, 20_000_000, 8_000_000, 2)):
        plan = next(p for p in get(user, "programme:index")["plans"] if p.pk == world.plan.pk)
        assert (plan.total_estimate, plan.total_disbursed, plan.activity_count) == (estimate, disbursed, count)
        budget = get(user, "programme:plan_budget", world.plan.pk)["budget"]
        assert budget.totals["estimate"] == estimate
