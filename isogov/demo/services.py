"""Loads a demo province (see provinces.py) with its QMS histories, and reports on what is loaded.

The Trà Vinh province follows the seed decision 2248/QĐ-UBND (29/10/2019): 169 agencies keeping
a QMS under TCVN ISO 9001:2015, led by the Department of Science and Technology. The Vĩnh Long
province is its two-tier successor of 1 July 2025.
"""
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from isogov.accounts.models import Role
from isogov.demo import catalogue
from isogov.demo.areas import load_areas
from isogov.demo.history import (
    HistoricClock,
    Walker,
    assign_states,
    later_pool,
    scope_pool,
)
from isogov.demo.provinces import DemoProvince, choose_province
from isogov.registry.models import Agency


@dataclass
class LoadResult:
    province: str = ""
    agencies: int = 0
    procedures: int = 0
    users: int = 0
    seconds: float = 0.0
    # Records each area added: {"audits": {"audits": 120, ...}, ...}
    areas: dict = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        added = any(n for counts in self.areas.values() for n in counts.values())
        return not (self.agencies or self.procedures or self.users or added)


# Told each step (registry, qms, then every area) with what it added and its seconds, as soon as it is done:
# the whole load takes a minute or more, in one transaction.
Progress = Callable[[str, dict[str, int], float], None]


def load_demo(province: str | None = None, progress: Progress | None = None) -> LoadResult:
    """Create whatever part of the demo is missing, in one transaction; a second run creates nothing.

    `province` is a key of provinces.PROVINCES; by default the tiers in the database choose.
    Only agencies created by this run get a history: an agency that already exists keeps its own.
    """
    report = progress or (lambda step, counts, seconds: None)
    started = time.monotonic()
    with transaction.atomic():
        chosen = choose_province(province)
        rng = random.Random(chosen.seed)
        result = LoadResult(province=chosen.name)
        clock = HistoricClock(rng, chosen.timeline.created_on)
        with clock.running():
            users, result.users = catalogue.ensure_users(chosen.users)
            lead = users["lead"]
            created = catalogue.create_agencies(province=chosen, actor=lead, rng=rng)
            result.procedures = catalogue.create_procedures(actor=lead)
        catalogue.attach_user_agencies(users, chosen.users)
        result.agencies = len(created)
        report("registry", {"agencies": result.agencies, "procedures": result.procedures, "users": result.users},
               time.monotonic() - started)
        step = time.monotonic()
        if created:
            _walk_histories(created, province=chosen, actor=lead, rng=rng, clock=clock)
        report("qms", {"histories": len(created)}, time.monotonic() - step)
        result.areas = load_areas(actor=lead, seed=chosen.seed, progress=progress)
    result.seconds = time.monotonic() - started
    return result


def _walk_histories(agencies: list[Agency], *, province: DemoProvince, actor, rng: random.Random,
                    clock: HistoricClock) -> None:
    agencies = list(Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("tier", "parent"))
    agencies.sort(key=lambda a: (a.tier.rank, a.code))
    targets = catalogue.procedure_targets()
    timeline = province.timeline
    states = assign_states(agencies, rng, timeline)
    # The demo head signs the announcements of the local unit they head.
    signers = {u.agency_code: u.full_name for u in province.users if u.role == Role.HEAD}
    walker = Walker(actor=actor, rng=rng, clock=clock, signers=signers, timeline=timeline, domain=province.domain)
    with clock.running():
        for agency in agencies:
            pool = scope_pool(agency, targets, rng)
            walker.walk(agency, states[agency.code], pool, later_pool(agency, targets, rng, timeline))


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
    """Agencies by tier (top tier first) and by QMS state."""
    rows = list(Agency.objects.order_by("tier__rank").values_list("tier__code", "qms_state"))
    return {"tier": Counter(t for t, _ in rows), "state": Counter(s for _, s in rows)}
