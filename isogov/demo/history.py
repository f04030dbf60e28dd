"""Each demo agency's QMS history in 2019–2020, walked through the real qms services.

The services stamp transitions, audit events and records with timezone.now(). A demo whose whole
history happened a minute ago reads badly, so the walk runs under HistoricClock, which stands in
for timezone.now() and moves forward through each agency's dates.
"""
import contextlib
import datetime as dt
import random
from collections import Counter
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from isogov.demo import people
from isogov.demo.pdf import one_page_pdf
from isogov.qms import services
from isogov.qms.models import FactKind, Procedure
from isogov.registry.models import Agency, AgencyKind, QmsState as S

FIRST_DAY = dt.date(2019, 1, 7)
LAST_DAY = dt.date(2020, 12, 31)

# The seed's 169 agencies were maintaining their QMS in 2019–2020; communes lagged a little.
WEIGHTS = {
    "upper": {S.MAINTAINING: 58, S.ANNOUNCED: 13, S.REANNOUNCE_DUE: 8, S.CONFIRMED: 6, S.APPLYING: 6,
              S.BUILDING: 5, S.NOT_STARTED: 4},
    "commune": {S.MAINTAINING: 42, S.ANNOUNCED: 14, S.REANNOUNCE_DUE: 5, S.CONFIRMED: 8, S.APPLYING: 11,
                S.BUILDING: 11, S.NOT_STARTED: 9},
}
# The programme lead, its standards sub-department and the demo users' district set the example.
FIXED = {"SKHCN": S.MAINTAINING, "SKHCN.CCTDC": S.MAINTAINING, "844": S.MAINTAINING}
# The latest start that still lets the longest walk to each state end within 2020: agencies that are
# still building started late, those maintaining started early.
LATEST_START = {
    S.BUILDING: dt.date(2020, 9, 30), S.APPLYING: dt.date(2020, 8, 31), S.CONFIRMED: dt.date(2020, 7, 31),
    S.ANNOUNCED: dt.date(2020, 7, 15), S.MAINTAINING: dt.date(2019, 12, 15),
    S.REANNOUNCE_DUE: dt.date(2019, 10, 31),
}
REANNOUNCED_LATEST_START = dt.date(2019, 8, 31)
# Share of maintaining agencies whose scope changed once and who re-announced, as the law requires.
REANNOUNCED_SHARE = 0.2


class HistoricClock:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.current = dt.datetime(2019, 1, 2, 8, 0, tzinfo=self.tz)

    def now(self) -> dt.datetime:
        # A second per call keeps the events of one step in the order they were written.
        self.current += dt.timedelta(seconds=1)
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


def assign_states(agencies: list[Agency], rng: random.Random) -> dict[str, str]:
    """A target state for each agency, with every state present at least once."""
    states = {}
    for agency in agencies:
        weights = WEIGHTS["commune" if agency.kind == AgencyKind.COMMUNE_COMMITTEE else "upper"]
        drawn = rng.choices(list(weights), weights=list(weights.values()))[0]
        states[agency.code] = FIXED.get(agency.code, drawn)
    free = [a.code for a in agencies if a.code not in FIXED]
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


def _issuer(agency: Agency) -> str:
    if agency.kind in (AgencyKind.DISTRICT_COMMITTEE, AgencyKind.COMMUNE_COMMITTEE):
        return "UBND"
    return agency.code.rsplit(".", 1)[-1]


def _website(agency: Agency) -> str:
    if agency.kind == AgencyKind.COMMUNE_COMMITTEE:
        return ""  # communes post the decision at the office; few had their own site in 2019
    if agency.kind == AgencyKind.DISTRICT_COMMITTEE:
        return f"https://{people.district_slug(agency.name)}.travinh.gov.vn/"
    return f"https://{agency.code.split('.')[0].lower()}.travinh.gov.vn/"


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

    def __init__(self, *, actor, rng: random.Random, clock: HistoricClock, signers: dict[str, str]):
        self.actor, self.rng, self.clock, self.signers = actor, rng, clock, signers
        self.procedures = {p.code: p for p in Procedure.objects.all()}

    def _days(self, day: dt.date, low: int, high: int) -> dt.date:
        return min(day + dt.timedelta(days=self.rng.randint(low, high)), LAST_DAY)

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

    def walk(self, agency: Agency, target: str, pool: list[str]) -> None:
        if target == S.NOT_STARTED:
            return
        reannounced = target == S.MAINTAINING and self.rng.random() < REANNOUNCED_SHARE
        grows = reannounced or target == S.REANNOUNCE_DUE
        # 3–12 procedures in the end, counting the one added later when the scope grows.
        size = min(self.rng.randint(3, 11 if grows else 12), len(pool) - 1)
        scope, extra = pool[:size], pool[size]
        latest = REANNOUNCED_LATEST_START if reannounced else LATEST_START[target]
        day = FIRST_DAY + dt.timedelta(days=self.rng.randint(0, (latest - FIRST_DAY).days))
        self.clock.restart(day)
        self._step(agency, S.BUILDING, day, "Thành lập Ban chỉ đạo ISO, phân công thư ký ISO")
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
        self._step(agency, S.MAINTAINING, day, "Duy trì, cải tiến theo Kế hoạch 2248/QĐ-UBND")
        day = self._days(day, 60, 150)
        self._fact(agency, FactKind.INTERNAL_AUDIT, day, "Đánh giá nội bộ định kỳ")
        day = self._days(day, 5, 20)
        self._fact(agency, FactKind.MANAGEMENT_REVIEW, day, "Xem xét của lãnh đạo định kỳ")
        if grows:
            # Adding a procedure to an announced scope moves the agency to "re-announcement due" by itself.
            day = self._days(day, 10, 45)
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
            notified_on=notified, posted_on=posted, website_url=_website(agency),
        )
        return max(notified, posted)
