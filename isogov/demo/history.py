"""Each demo agency's QMS history, walked through the real qms services.

The services stamp transitions, audit events and records with timezone.now(). A demo whose whole
history happened a minute ago reads badly, so the walk runs under HistoricClock, which stands in
for timezone.now() and moves forward through each agency's dates. When a province's history
happens, and how its agencies are spread over the states, is its Timeline (see provinces.py).
"""
import contextlib
import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.demo import people
from isogov.demo.pdf import one_page_pdf
from isogov.qms import services
from isogov.qms.models import FactKind, Procedure
from isogov.qms.states import QmsState as S
from isogov.registry.models import Agency, AgencyKind

BUILDING_NOTE = "Thành lập Ban chỉ đạo ISO, phân công thư ký ISO"
# Announced and going on: they keep their yearly internal audit and management review.
KEEPS_ON = (S.MAINTAINING, S.REANNOUNCE_DUE)


@dataclass(frozen=True)
class Timeline:
    """A demo province's dates, spread of states and notes; the walk itself is the same for every province."""

    created_on: dt.date  # the accounts and agencies are created on this day, before any history
    first_day: dt.date
    last_day: dt.date
    # Target-state weights for communes ("commune") and everyone else ("upper").
    weights: dict[str, dict[str, int]]
    fixed: dict[str, str]  # agency code -> target state, whatever the draw says
    # The latest start that still lets the longest walk to each state end by last_day: agencies that are
    # still building started late, those maintaining started early.
    latest_start: dict[str, dt.date]
    reannounced_latest_start: dt.date
    maintaining_note: str
    building_notes: dict[str, str] = field(default_factory=dict)  # by target state, where the story differs
    # A tier whose procedures later join a commune's scope (2025: those of the abolished district level).
    taken_over_from: str = ""
    # Share of maintaining agencies whose scope changed once and who re-announced, as the law requires.
    reannounced_share: float = 0.2
    # Agencies that end up maintaining (or owing a re-announcement) started their walk by this day, when set:
    # under Trà Vinh's 2019 plan most had announced already and went on maintaining.
    settled_by: dt.date | None = None
    # Share of maintaining agencies that let their yearly internal audit and management review lapse in their
    # last year (the dashboard's overdue ones); the others keep both within the law's 12 months to the end.
    late_share: float = 0.0


def not_before(agency: Agency, day: dt.date) -> dt.date:
    """`day`, or the agency's first day when it began later: its records stay inside its life."""
    return max(day, agency.active_from) if agency.active_from else day


class HistoricClock:
    def __init__(self, rng: random.Random, start: dt.date, *, step: dt.timedelta = dt.timedelta(seconds=1)):
        self.rng, self.step = rng, step
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.current = dt.datetime.combine(start, dt.time(8, 0), tzinfo=self.tz)

    def now(self) -> dt.datetime:
        # A step per call keeps the events of one step in the order they were written. A clock standing
        # for one day (the story's today) steps by milliseconds, so tens of thousands of writes stay in it.
        self.current += self.step
        return self.current

    def at(self, day: dt.date) -> None:
        """Office hours on `day`, never before the previous step of the same agency."""
        candidate = dt.datetime.combine(day, dt.time(7, 30), tzinfo=self.tz)
        candidate += dt.timedelta(minutes=self.rng.randint(0, 540))
        if candidate <= self.current:
            candidate = self.current + dt.timedelta(minutes=self.rng.randint(5, 40))
        self.current = candidate

    def restart(self, day: dt.date) -> None:
        """A new agency's history starts on `day`, whatever date the previous one reached."""
        self.current = dt.datetime.combine(day, dt.time(0, 0), tzinfo=self.tz)
        self.at(day)

    @contextlib.contextmanager
    def running(self):
        with mock.patch("django.utils.timezone.now", self.now):
            yield self


def assign_states(agencies: list[Agency], rng: random.Random, timeline: Timeline) -> dict[str, str]:
    """A target state for each agency, with every state present at least once."""
    states = {}
    for agency in agencies:
        weights = timeline.weights["commune" if agency.kind == AgencyKind.COMMUNE_COMMITTEE else "upper"]
        drawn = rng.choices(list(weights), weights=list(weights.values()))[0]
        states[agency.code] = timeline.fixed.get(agency.code, drawn)
    free = [a.code for a in agencies if a.code not in timeline.fixed]
    for state in S.values:
        counts = Counter(states.values())
        if counts[state] == 0 and free:
            # Take the agency from the most common state, so the overall picture barely moves.
            commonest = counts.most_common(1)[0][0]
            pick = rng.choice([c for c in free if states[c] == commonest])
            states[pick] = state
    return states


def scope_pool(agency: Agency, targets: dict[str, list[str]], rng: random.Random) -> list[str]:
    """Procedure codes the agency plausibly handles: its own and its parent's first, then its tier's."""
    own = [*targets.get(agency.code, []), *targets.get(agency.parent.code if agency.parent_id else "", [])]
    generic = [c for c in targets.get(agency.tier.code, []) if c not in own]
    own = list(dict.fromkeys(own))
    rng.shuffle(own)
    rng.shuffle(generic)
    return own + generic


def later_pool(agency: Agency, targets: dict[str, list[str]], rng: random.Random, timeline: Timeline) -> list[str]:
    """Procedures that may join a commune's scope after it was first set, when the timeline says from where."""
    if not timeline.taken_over_from or agency.kind != AgencyKind.COMMUNE_COMMITTEE:
        return []
    codes = targets.get(timeline.taken_over_from, [])
    return rng.sample(codes, len(codes))


def _issuer(agency: Agency) -> str:
    if agency.kind in (AgencyKind.DISTRICT_COMMITTEE, AgencyKind.COMMUNE_COMMITTEE):
        return "UBND"
    return agency.code.rsplit(".", 1)[-1]


def _website(agency: Agency, domain: str) -> str:
    if agency.kind == AgencyKind.COMMUNE_COMMITTEE:
        return ""  # communes post the decision at the office; few have a site of their own
    if agency.kind == AgencyKind.DISTRICT_COMMITTEE:
        return f"https://{people.district_slug(agency.name)}.{domain}/"
    return f"https://{agency.code.split('.')[0].lower()}.{domain}/"


def signed_decision(agency: Agency, number: str, day: dt.date, scope_size: int) -> SimpleUploadedFile:
    content = one_page_pdf([
        "QUYET DINH",
        f"So {number} ngay {day:%d/%m/%Y}",
        f"Cong bo He thong quan ly chat luong cua {agency.name}",
        "phu hop Tieu chuan quoc gia TCVN ISO 9001:2015",
        f"Pham vi ap dung: {scope_size} thu tuc hanh chinh",
        "(Du lieu minh hoa cua ban demo isogov)",
    ])
    name = f"quyet-dinh-cong-bo-{number.split('/')[0]}-{day.year}.pdf"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class Walker:
    """Walks agencies to their target state with `actor` (the programme lead) doing every step."""

    def __init__(self, *, actor, rng: random.Random, clock: HistoricClock, signers: dict[str, str],
                 timeline: Timeline, domain: str):
        self.actor, self.rng, self.clock, self.signers = actor, rng, clock, signers
        self.timeline, self.domain = timeline, domain
        self.procedures = {p.code: p for p in Procedure.objects.all()}

    def _days(self, day: dt.date, low: int, high: int) -> dt.date:
        return min(day + dt.timedelta(days=self.rng.randint(low, high)), self.timeline.last_day)

    def _step(self, agency: Agency, to_state: str, day: dt.date, note: str) -> None:
        self.clock.at(day)
        services.agency_transition(agency=agency, actor=self.actor, to_state=to_state, note=note)

    def _fact(self, agency: Agency, kind: str, day: dt.date, note: str) -> None:
        self.clock.at(day)
        services.fact_record(agency=agency, actor=self.actor, kind=kind, date=day, note=note)

    def _add(self, agency: Agency, codes: list[str], day: dt.date) -> None:
        self.clock.at(day)
        for code in codes:
            services.scope_add(agency=agency, actor=self.actor, procedure=self.procedures[code])

    def walk(self, agency: Agency, target: str, pool: list[str], later: list[str] | None = None) -> None:
        """`later`: procedures to draw the scope's growth from before the rest of the pool."""
        if target == S.NOT_STARTED:
            return
        timeline = self.timeline
        reannounced = target == S.MAINTAINING and self.rng.random() < timeline.reannounced_share
        grows = reannounced or target == S.REANNOUNCE_DUE
        # 3–12 procedures in the end, counting the one added later when the scope grows.
        size = min(self.rng.randint(3, 11 if grows else 12), len(pool) - 1)
        scope = pool[:size]
        extra = next(c for c in [*(later or []), *pool[size:]] if c not in scope)
        latest = timeline.reannounced_latest_start if reannounced else timeline.latest_start[target]
        if timeline.settled_by and target in KEEPS_ON:
            latest = timeline.settled_by
        day = timeline.first_day + dt.timedelta(days=self.rng.randint(0, (latest - timeline.first_day).days))
        self.clock.restart(day)
        self._step(agency, S.BUILDING, day, timeline.building_notes.get(target, BUILDING_NOTE))
        day = self._days(day, 3, 10)
        self._add(agency, scope, day)
        if target == S.BUILDING:
            return
        day = self._days(day, 15, 40)
        self._step(agency, S.APPLYING, day, "Thủ trưởng cơ quan ban hành hệ thống tài liệu, quy trình")
        day = self._days(day, 20, 60)
        self._fact(agency, FactKind.INTERNAL_AUDIT, day, "Đánh giá nội bộ lần thứ nhất theo TCVN ISO 9001:2015")
        if target == S.APPLYING:
            return
        day = self._days(day, 5, 20)
        self._fact(agency, FactKind.MANAGEMENT_REVIEW, day, "Họp xem xét của lãnh đạo")
        day = self._days(day, 3, 10)
        self._step(agency, S.CONFIRMED, day, "Thủ trưởng xác nhận hệ thống quản lý chất lượng có hiệu lực")
        if target == S.CONFIRMED:
            return
        day = self._announce(agency, day, len(scope))
        if target == S.ANNOUNCED:
            return
        day = self._days(day, 10, 30)
        self._step(agency, S.MAINTAINING, day, timeline.maintaining_note)
        late = agency.code not in timeline.fixed and self.rng.random() < timeline.late_share
        growth_latest = (timeline.reannounced_latest_start if reannounced
                         else timeline.latest_start[S.REANNOUNCE_DUE])
        growth_on = None
        if grows:
            growth_on = day + dt.timedelta(days=self.rng.randint(60, max(60, (growth_latest - day).days)))
        self._keep(agency, self._days(day, 60, 150), growth_on, late=late, reannounced=reannounced,
                   extra=extra, size=size)

    def _keep(self, agency: Agency, day: dt.date, growth_on: dt.date | None, *, late: bool, reannounced: bool,
              extra: str, size: int) -> None:
        """Maintaining: an internal audit and a management review every year, each within the law's 12 months
        (INTERNAL_AUDIT_MONTHS, MANAGEMENT_REVIEW_MONTHS) of the last, up to the agency's last day. A late
        agency stops some 14 months before it. The scope grows once, in the year of `growth_on`."""
        end = self.timeline.last_day - dt.timedelta(days=430) if late else self.timeline.last_day
        review = None
        while day <= end:
            self._fact(agency, FactKind.INTERNAL_AUDIT, day, "Đánh giá nội bộ định kỳ")
            review = self._days(day, 5, 20)
            self._fact(agency, FactKind.MANAGEMENT_REVIEW, review, "Xem xét của lãnh đạo định kỳ")
            following = day + dt.timedelta(days=self.rng.randint(300, 350))
            if growth_on and growth_on < following:
                self._grow(agency, self._days(review, 10, 45), reannounced=reannounced, extra=extra, size=size)
                growth_on = None
            day = following
        if growth_on:  # a late agency's scope grew after its audits lapsed
            self._grow(agency, self._days(max(growth_on, review or growth_on), 10, 45), reannounced=reannounced,
                       extra=extra, size=size)

    def _grow(self, agency: Agency, day: dt.date, *, reannounced: bool, extra: str, size: int) -> None:
        # Adding a procedure to an announced scope moves the agency to "re-announcement due" by itself.
        self._add(agency, [extra], day)
        if reannounced:
            day = self._announce(agency, self._days(day, 10, 30), size + 1)
            self._step(agency, S.MAINTAINING, self._days(day, 10, 30), "Duy trì sau khi công bố lại")

    def _announce(self, agency: Agency, day: dt.date, scope_size: int) -> dt.date:
        decision = self._days(day, 2, 10)
        notified = self._days(decision, 1, 5)
        posted = self._days(decision, 1, 3)
        number = f"{self.rng.randint(5, 320)}/QĐ-{_issuer(agency)}"
        signer = self.signers.get(agency.code) or people.person(self.rng)
        # Recorded once the lead unit has been notified and the decision posted.
        self.clock.at(max(notified, posted))
        services.agency_announce(
            agency=agency, actor=self.actor, decision_number=number, decision_date=decision,
            signed_file=signed_decision(agency, number, decision, scope_size), signer=signer,
            notified_on=notified, posted_on=posted, website_url=_website(agency, self.domain),
        )
        return max(notified, posted)
