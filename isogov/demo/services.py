"""Loads the demo province: Trà Vinh's 169 agencies of 2019–2020 and their QMS histories.

Built on the seed decision 2248/QĐ-UBND (29/10/2019): 169 agencies keeping a QMS under
TCVN ISO 9001:2015, led by the Department of Science and Technology.
"""
import random
import time
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from isogov.accounts.models import Role
from isogov.demo import catalogue
from isogov.demo.history import HistoricClock, Walker, assign_states, scope_pool
from isogov.registry.models import Agency

SEED = 2019


@dataclass
class LoadResult:
    agencies: int = 0
    procedures: int = 0
    users: int = 0
    seconds: float = 0.0

    @property
    def nothing_new(self) -> bool:
        return not (self.agencies or self.procedures or self.users)


def load_demo() -> LoadResult:
    """Create whatever part of the demo is missing, in one transaction; a second run creates nothing.

    Only agencies created by this run get a history: an agency that already exists keeps its own.
    """
    started = time.monotonic()
    rng = random.Random(SEED)
    result = LoadResult()
    with transaction.atomic():
        clock = HistoricClock(rng)
        with clock.running():
            users, result.users = catalogue.ensure_users()
            lead = users["lead"]
            created = catalogue.create_agencies(actor=lead, rng=rng)
            result.procedures = catalogue.create_procedures(actor=lead)
        catalogue.attach_user_agencies(users)
        result.agencies = len(created)
        if created:
            _walk_histories(created, actor=lead, rng=rng, clock=clock)
    result.seconds = time.monotonic() - started
    return result


def _walk_histories(agencies: list[Agency], *, actor, rng: random.Random, clock: HistoricClock) -> None:
    agencies = list(Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("tier", "parent"))
    agencies.sort(key=lambda a: (a.tier.rank, a.code))
    targets = catalogue.procedure_targets()
    states = assign_states(agencies, rng)
    # The demo head of district 844 signs that district's announcement.
    signers = {u.agency_code: u.full_name for u in catalogue.DEMO_USERS if u.role == Role.HEAD}
    walker = Walker(actor=actor, rng=rng, clock=clock, signers=signers)
    with clock.running():
        for agency in agencies:
            walker.walk(agency, states[agency.code], scope_pool(agency, targets, rng))


def demo_logins() -> list[dict[str, str]]:
    """The demo accounts present in the database, in the order of catalogue.DEMO_USERS."""
    found = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=catalogue.DEMO_USERNAMES).select_related("agency")
    }
    rows = []
    for spec in catalogue.DEMO_USERS:
        user = found.get(spec.username)
        if user is None:
            continue
        agency = f"{user.agency.code} {user.agency.name}" if user.agency_id else "—"
        rows.append({"username": user.username, "password": spec.password, "role": user.role,
                     "name": user.full_name, "agency": agency})
    return rows


def province_summary() -> dict[str, Counter]:
    """Agencies by tier (top tier first) and by QMS state."""
    rows = list(Agency.objects.order_by("tier__rank").values_list("tier__code", "qms_state"))
    return {"tier": Counter(t for t, _ in rows), "state": Counter(s for _, s in rows)}
