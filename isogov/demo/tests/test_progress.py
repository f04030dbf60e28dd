"""`isogov demo` takes a minute or more: it says what it has loaded as it goes, not only at the end."""
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from isogov.demo import areas
from isogov.demo.management.commands import demo as demo_command
from isogov.demo.services import LoadResult
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.risks.models import Risk

pytestmark = pytest.mark.django_db


def test_each_area_is_reported_as_soon_as_it_is_loaded(province, monkeypatch):
    Agency.objects.filter(code__in=["842", "844", "STP"]).update(qms_state=QmsState.MAINTAINING)
    monkeypatch.setattr(areas, "AREAS", ("objectives", "risks"))
    heard = []

    def progress(area, counts, seconds):
        heard.append((area, dict(counts), Risk.objects.count(), seconds))

    loaded = areas.load_areas(actor=province.admin, seed=1, progress=progress)
    assert [area for area, *_ in heard] == ["objectives", "risks"]
    objectives, risks = heard
    assert objectives[1] == loaded["objectives"] and objectives[1]["objectives"] > 0
    assert objectives[2] == 0  # told before the next area started
    assert risks[2] == loaded["risks"]["risks"] > 0 and risks[3] >= 0


class Recording(io.StringIO):
    """Remembers what had been flushed out when each step of the load ran."""

    def __init__(self):
        super().__init__()
        self.flushed = ""

    def flush(self):
        self.flushed = self.getvalue()


def test_the_command_prints_each_step_while_loading(monkeypatch):
    out = Recording()
    seen_by_next_step = []

    def fake_load_demo(province=None, progress=None):
        progress("registry", {"agencies": 169, "procedures": 103, "users": 5}, 2.0)
        seen_by_next_step.append(out.flushed)
        progress("documents", {"documents": 0}, 0.1)
        seen_by_next_step.append(out.flushed)
        return LoadResult(province="Trà Vinh", agencies=169, procedures=103, users=5, seconds=2.1,
                          areas={"documents": {"documents": 0}})

    monkeypatch.setattr(demo_command, "load_demo", fake_load_demo)
    with translation.override("en"):
        call_command("demo", stdout=out)
    assert "Loading the demo" in seen_by_next_step[0]
    assert "  registry: agencies 169, procedures 103, users 5 (2.0 s)" in seen_by_next_step[0]
    assert "  documents: nothing new (0.1 s)" in seen_by_next_step[1]
    assert out.getvalue().count("documents:") == 1  # not repeated at the end


def test_a_registry_without_the_storys_tiers_is_refused_with_a_reason(province):
    from django.core.management import CommandError

    from isogov.registry.models import Tier

    Agency.objects.filter(tier__code="district").update(tier=Tier.objects.get(code="commune"), parent=None)
    Tier.objects.filter(code="district").delete()
    before = Agency.objects.count()
    with translation.override("en"), pytest.raises(CommandError, match="lacks district"):
        call_command("demo", stdout=io.StringIO())
    assert Agency.objects.count() == before
