"""Loads the demo story (see provinces.py) with its QMS histories, and reports on what is loaded.

Trà Vinh from 2019 follows the seed decision 2248/QĐ-UBND (29/10/2019): 169 agencies keeping a QMS under
TCVN ISO 9001:2015, led by the Department of Science and Technology. On 1 July 2025 its districts and communes
merge into the new communes of the two-tier Vĩnh Long (reorganisation.py); today is provinces.TODAY.
"""
import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from isogov.accounts.models import Role
from isogov.demo import catalogue, reorganisation
from isogov.demo.areas import load_areas
from isogov.demo.catalogue import DemoError
from isogov.demo.history import (
    HistoricClock,
    Timeline,
    Walker,
    assign_states,
    later_pool,
    scope_pool,
)
from isogov.demo.provinces import COMMUNES_2025, PROVINCIAL, REORGANISED_ON, STORY, TODAY, TRAVINH_LOCAL
from isogov.registry.models import Agency, AgencyStatus, Tier
from isogov.registry.services import tier_preset_load


@dataclass
class LoadResult:
    province: str = ""
    agencies: int = 0
    merged: int = 0
    procedures: int = 0
    users: int = 0
    seconds: float = 0.0
    # Records each area added: {"audits": {"audits": 120, ...}, ...}
    areas: dict = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        added = any(n for counts in self.areas.values() for n in counts.values())
        return not (self.agencies or self.merged or self.procedures or self.users or added)


STORY_TIERS = {"province", "district", "commune"}  # 2019's three; the two of today are among them

# Told each step (registry, qms, then every area) with what it added and its seconds, as soon as it is done:
# the whole load takes a minute or more, in one transaction.
Progress = Callable[[str, dict[str, int], float], None]


def load_demo(progress: Progress | None = None) -> LoadResult:
    """Create whatever part of the story is missing, in one transaction; a second run creates nothing.

    Only agencies created by this run get a history: an agency that already exists keeps its own.
    Every write, the areas' too, happens under a HistoricClock: never at the real now.
    """
    report = progress or (lambda step, counts, seconds: None)
    started = time.monotonic()
    with transaction.atomic():
        rng = random.Random(STORY.seed)
        result = LoadResult(province=STORY.name)
        clock = HistoricClock(rng, TRAVINH_LOCAL.created_on)
        with clock.running():
            users, result.users = catalogue.ensure_users(STORY.users)
            lead = users["lead"]
            fresh = not Agency.objects.exists()
            if fresh:  # the three-tier shape of 2019, whatever preset the database was migrated with
                tier_preset_load(actor=lead, name="three-tier")
            missing = sorted(STORY_TIERS - set(Tier.objects.values_list("code", flat=True)))
            if missing:
                raise DemoError(
                    _("The demo story needs the tiers %(needed)s, and this registry, which already has agencies, "
                      "lacks %(missing)s. Load the demo into an empty database (for example with another "
                      "ISOGOV_VAR_DIR).") % {"needed": ", ".join(sorted(STORY_TIERS)), "missing": ", ".join(missing)})
            before = catalogue.create_agencies(
                specs=catalogue.provincial_specs(STORY.domain) + catalogue.travinh_2019_specs(STORY.old_domain),
                users=STORY.users, area_code=STORY.area_code, actor=lead, rng=rng)
            result.procedures = catalogue.create_procedures(actor=lead)
        report("registry 2019", {"agencies": len(before), "procedures": result.procedures, "users": result.users},
               time.monotonic() - started)
        step = time.monotonic()
        walker = _walker(lead, rng, clock)
        if before:
            _walk_histories(before, walker=walker, timeline_of=lambda a: (
                PROVINCIAL if a.tier.code == "province" else TRAVINH_LOCAL))
        report("qms 2019–2025", {"histories": len(before)}, time.monotonic() - step)

        step = time.monotonic()
        clock.restart(REORGANISED_ON)
        with clock.running():
            if fresh:
                tier_preset_load(actor=lead, name="two-tier")
            after = catalogue.create_agencies(
                specs=catalogue.vinhlong_2025_specs(STORY.domain), users=STORY.users, area_code=STORY.area_code,
                actor=lead, rng=rng, active_from=REORGANISED_ON)
            result.merged = reorganisation.record_merges(actor=lead)
        if after:
            _walk_histories(after, walker=walker, timeline_of=lambda a: COMMUNES_2025)
        result.agencies = len(before) + len(after)
        catalogue.attach_user_agencies(users, STORY.users)
        report("reorganisation 01/07/2025", {"agencies": len(after), "merged": result.merged},
               time.monotonic() - step)
        # The areas write today's records: their "today" is the story's, on a clock that stays in that day.
        today = HistoricClock(rng, TODAY, step=dt.timedelta(milliseconds=1))
        with today.running():
            result.areas = load_areas(actor=lead, seed=STORY.seed, progress=progress)
    result.seconds = time.monotonic() - started
    return result


def _walker(actor, rng: random.Random, clock: HistoricClock) -> Walker:
    signers = {code: u.full_name for u in STORY.users if u.role == Role.HEAD for code in STORY.signers}
    return Walker(actor=actor, rng=rng, clock=clock, signers=signers, timeline=PROVINCIAL, domain=STORY.domain)


def _walk_histories(agencies: list[Agency], *, walker: Walker, timeline_of: Callable[[Agency], Timeline]) -> None:
    agencies = list(Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("tier", "parent"))
    agencies.sort(key=lambda a: (a.tier.rank, a.code))
    targets = catalogue.procedure_targets()
    groups: dict[int, tuple[Timeline, list[Agency]]] = {}
    for agency in agencies:
        timeline = timeline_of(agency)
        groups.setdefault(id(timeline), (timeline, []))[1].append(agency)
    with walker.clock.running():
        for timeline, members in groups.values():
            walker.timeline = timeline
            # Websites named in the decisions: Trà Vinh's portal until the reorganisation.
            walker.domain = STORY.old_domain if timeline is TRAVINH_LOCAL else STORY.domain
            states = assign_states(members, walker.rng, timeline)
            for agency in members:
                pool = scope_pool(agency, targets, walker.rng)
                walker.walk(agency, states[agency.code], pool, later_pool(agency, targets, walker.rng, timeline))


def demo_logins() -> list[dict[str, str]]:
    """The demo accounts present in the database, in the order of catalogue.DEMO_USERNAMES."""
    found = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=catalogue.DEMO_USERNAMES).select_related("agency")
    }
    rows = []
    for username in catalogue.DEMO_USERNAMES:
        user = found.get(username)
        if user is None:
            continue
        agency = f"{user.agency.code} {user.agency.name}" if user.agency_id else "—"
        rows.append({"username": user.username, "password": catalogue.password_for(username), "role": user.role,
                     "name": user.full_name, "agency": agency})
    return rows


def province_summary() -> dict[str, Counter]:
    """Today's agencies (merged ones left out) by tier (top tier first) and by QMS state."""
    rows = list(Agency.objects.filter(status=AgencyStatus.ACTIVE).order_by("tier__rank")
                .values_list("tier__code", "qms_state"))
    return {"tier": Counter(t for t, _ in rows), "state": Counter(s for _, s in rows)}
