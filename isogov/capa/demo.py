"""Demo nonconformities: those found by process monitoring, inspections and others, in every state.

`create_many` is shared with the audits and feedback demos, which open nonconformities of their own:
it writes in bulk (a few queries for hundreds of records) and keeps the audit trail the services
would have written.
"""
import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from isogov.accounts.models import Role
from isogov.audit.services import Action, Entry, audit_record_many
from isogov.capa.models import CorrectiveAction, Nonconformity, Source, State, Step, Verdict, Verification
from isogov.clauses.models import Clause
from isogov.demo import people
from isogov.demo.history import not_before
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus

# (description, clause, whys, root cause, correction, actions)
SCENARIOS = [
    ("Hồ sơ thủ tục hành chính trả kết quả trễ hạn so với thời gian quy định", "8.5.1",
     [("Vì sao hồ sơ trễ hạn?", "Hồ sơ chờ ý kiến phối hợp của phòng chuyên môn khác"),
      ("Vì sao phải chờ lâu?", "Việc xin ý kiến gửi bằng văn bản giấy, không có thời hạn trả lời")],
     "Quy trình chưa quy định thời hạn phối hợp giữa các bộ phận",
     "Liên hệ xin lỗi công dân, hẹn lại ngày trả kết quả",
     ["Sửa đổi quy trình, quy định thời hạn phối hợp 2 ngày làm việc",
      "Chuyển việc xin ý kiến phối hợp lên phần mềm một cửa điện tử"]),
    ("Quy trình giải quyết thủ tục chưa cập nhật theo văn bản pháp luật mới có hiệu lực", "7.5.2",
     [("Vì sao quy trình chưa cập nhật?", "Thư ký ISO không nhận được thông tin về văn bản mới"),
      ("Vì sao không nhận được?", "Chưa phân công người theo dõi văn bản pháp luật liên quan")],
     "Chưa có đầu mối theo dõi, cập nhật văn bản pháp luật vào HTQLCL",
     "Áp dụng ngay thành phần hồ sơ theo văn bản mới",
     ["Phân công công chức theo dõi văn bản pháp luật hằng tháng", "Cập nhật và ban hành lại quy trình"]),
    ("Biểu mẫu sử dụng tại bộ phận một cửa không đúng phiên bản đã ban hành", "7.5.3",
     [("Vì sao dùng biểu mẫu cũ?", "Bản cũ chưa được thu hồi khi ban hành bản mới")],
     "Chưa thực hiện thu hồi tài liệu lỗi thời",
     "Thu hồi các biểu mẫu cũ tại quầy",
     ["Lập danh mục tài liệu hiện hành và đóng dấu “Tài liệu lỗi thời” bản cũ"]),
    ("Chưa đo lường sự hài lòng của người dân theo kế hoạch năm", "9.1.2",
     [("Vì sao chưa khảo sát?", "Chưa bố trí kinh phí in phiếu khảo sát")],
     "Kế hoạch duy trì HTQLCL không dự trù kinh phí khảo sát",
     "",
     ["Khảo sát bằng mã QR tại bộ phận một cửa", "Bổ sung kinh phí khảo sát vào kế hoạch năm sau"]),
    ("Mục tiêu chất lượng năm chưa được theo dõi, đánh giá mức độ đạt được", "6.2",
     [], "Chưa phân công theo dõi mục tiêu chất lượng theo quý", "",
     ["Giao thư ký ISO tổng hợp kết quả thực hiện mục tiêu hằng quý"]),
    ("Công chức mới được điều động chưa được đào tạo về HTQLCL", "7.2",
     [("Vì sao chưa đào tạo?", "Kế hoạch đào tạo chỉ lập một lần đầu năm")],
     "Không có quy định đào tạo khi tiếp nhận công chức mới", "Hướng dẫn nhanh quy trình cho công chức mới",
     ["Bổ sung nội dung đào tạo HTQLCL khi tiếp nhận công chức mới"]),
    ("Sổ theo dõi hồ sơ không ghi đầy đủ ngày trả kết quả", "8.5.2",
     [("Vì sao thiếu thông tin?", "Công chức ghi sổ và nhập phần mềm hai lần, bỏ sót khi đông hồ sơ")],
     "Trùng lặp việc ghi chép giữa sổ giấy và phần mềm", "Bổ sung thông tin còn thiếu vào sổ",
     ["In sổ theo dõi trực tiếp từ phần mềm một cửa"]),
    ("Chưa xác định rủi ro và cơ hội đối với quy trình cấp giấy phép", "6.1",
     [], "Chưa hướng dẫn cách nhận diện rủi ro cho các phòng chuyên môn", "",
     ["Tập huấn nhận diện rủi ro", "Lập sổ theo dõi rủi ro cho từng quy trình"]),
    ("Phiếu kiểm soát quá trình giải quyết hồ sơ thiếu chữ ký của người tiếp nhận", "8.5.1",
     [("Vì sao thiếu chữ ký?", "Phiếu được in sau khi đã chuyển hồ sơ")], "Trình tự lập phiếu kiểm soát chưa hợp lý",
     "Bổ sung chữ ký trên các phiếu còn thiếu",
     ["Sửa quy trình: in phiếu kiểm soát ngay khi tiếp nhận hồ sơ"]),
    ("Thông tin về thủ tục niêm yết tại trụ sở chưa đầy đủ phí, lệ phí", "8.2.1",
     [("Vì sao thiếu?", "Bảng niêm yết chưa cập nhật khi mức phí thay đổi")],
     "Chưa gắn việc cập nhật niêm yết với việc cập nhật quy trình", "Niêm yết bổ sung mức phí hiện hành",
     ["Rà soát bảng niêm yết mỗi khi ban hành lại quy trình"]),
]

# The share of each target state among the demo's nonconformities.
STATE_WEIGHTS = {State.CLOSED: 38, State.IN_PROGRESS: 22, State.ACTION_PLAN: 9, State.AWAITING_VERIFICATION: 9,
                 State.ANALYSED: 8, State.DRAFT: 8, State.CANCELLED: 6}
ORDER = [State.DRAFT, State.ANALYSED, State.ACTION_PLAN, State.IN_PROGRESS, State.AWAITING_VERIFICATION,
         State.CLOSED]
SHOWCASE = [(State.DRAFT, 6), (State.ANALYSED, 15), (State.IN_PROGRESS, 150), (State.AWAITING_VERIFICATION, 90),
            (State.CLOSED, 250)]
# The share of open nonconformities with an action overdue.
OVERDUE_SHARE = 0.12
APPLIED = (QmsState.APPLYING, QmsState.CONFIRMED, QmsState.ANNOUNCED, QmsState.MAINTAINING,
           QmsState.REANNOUNCE_DUE)


@dataclass
class Planned:
    """One nonconformity for create_many to write."""

    agency: Agency
    source: str
    detected_on: dt.date
    state: str
    scenario: tuple = field(default_factory=tuple)
    severity: str = ""
    origin: object = None
    description: str = ""  # instead of the scenario's
    clause_number: str = ""
    overdue: bool | None = None  # whether an open action is late; None: as the draw says

    def __post_init__(self):
        self.detected_on = not_before(self.agency, self.detected_on)


def pick_state(rng: random.Random) -> str:
    return rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]


class _Writer:
    def __init__(self, *, actor, rng: random.Random, today: dt.date):
        self.actor, self.rng, self.today = actor, rng, today
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.clauses = {c.number: c for c in Clause.objects.filter(framework__code="iso9001-2015")}
        self.staff: dict[int, list] = {}
        for user in get_user_model().objects.filter(role__in=(Role.SECRETARY, Role.HEAD), is_active=True):
            self.staff.setdefault(user.agency_id, []).append(user)

    def at(self, day: dt.date) -> dt.datetime:
        day = min(day, self.today)
        return dt.datetime.combine(day, dt.time(8 + self.rng.randint(0, 8), self.rng.randint(0, 59)), tzinfo=self.tz)

    def later(self, day: dt.date, low: int, high: int) -> dt.date:
        return min(day + dt.timedelta(days=self.rng.randint(low, high)), self.today)

    def owner(self, agency: Agency):
        users = self.staff.get(agency.pk)
        if users and self.rng.random() < 0.7:
            user = self.rng.choice(users)
            return user, user.full_name or user.username
        return None, people.person(self.rng)


@transaction.atomic
def create_many(planned: list[Planned], *, actor, rng: random.Random) -> list[Nonconformity]:
    """Write the planned nonconformities with their actions, verifications and steps; returns them in order."""
    if not planned:
        return []
    w = _Writer(actor=actor, rng=rng, today=timezone.localdate())
    numbers = dict(Nonconformity.objects.filter(agency__in={p.agency.pk for p in planned})
                   .values_list("agency").annotate(n=Max("number")))
    ncs, plans = [], []
    for p in planned:
        scenario = p.scenario or rng.choice(SCENARIOS)
        numbers[p.agency.pk] = numbers.get(p.agency.pk, 0) + 1
        description, clause_number, whys, root, correction, actions = scenario
        nc = Nonconformity(
            agency=p.agency, number=numbers[p.agency.pk], source=p.source, severity=p.severity,
            description=p.description or description, clause=w.clauses.get(p.clause_number or clause_number),
            detected_on=p.detected_on, correction=correction if p.state != State.DRAFT else "",
            state=p.state, created_by=actor,
        )
        if p.origin is not None:
            nc.origin_type = ContentType.objects.get_for_model(p.origin)
            nc.origin_id, nc.origin_label = p.origin.pk, str(p.origin)[:300]
        ncs.append(nc)
        plans.append((p, whys, root, actions))
    reached = []
    for nc, (p, whys, root, _actions) in zip(ncs, plans):
        # A cancelled one was cancelled somewhere along the way.
        reached.append(ORDER.index(p.state) if p.state in ORDER else rng.randint(0, 3))
        if reached[-1] >= 1:
            nc.whys = [{"why": q, "because": a} for q, a in whys]
            nc.root_cause = root if (root and (not whys or rng.random() < 0.6)) else ""
            if not nc.whys and not nc.root_cause:
                nc.root_cause = root
            nc.analysed_on = w.later(p.detected_on, 2, 10)
        if p.state == State.CANCELLED:
            nc.cancel_reason = "Trùng với điểm không phù hợp đã ghi nhận trước đó"
    Nonconformity.objects.bulk_create(ncs)
    actions, verifications, steps, entries = [], [], [], []
    for nc, (p, _whys, _root, texts), last in zip(ncs, plans, reached):
        entries.append(Entry(Action.CREATE, nc, nc.agency, {
            "number": nc.number, "source": nc.source, "description": nc.description,
            "detected_on": nc.detected_on, "origin": nc.origin_label}))
        _history(w, nc, p, last, texts, actions, verifications, steps)
    CorrectiveAction.objects.bulk_create(actions)
    Verification.objects.bulk_create(verifications)
    Step.objects.bulk_create(steps)
    Nonconformity.objects.bulk_update([nc for nc in ncs if nc.cycle > 1 or nc.closed_on], ["cycle", "closed_on"])
    for a in actions:
        entries.append(Entry(Action.CREATE, a, a.nonconformity.agency, {
            "nonconformity": a.nonconformity, "description": a.description, "owner": a.owner_name,
            "due_date": a.due_date, "done_on": a.done_on}))
    for v in verifications:
        entries.append(Entry(Action.CREATE, v, v.nonconformity.agency,
                             {"verdict": v.verdict, "verified_on": v.verified_on}))
    for s in steps:
        if s.from_state:
            entries.append(Entry(Action.TRANSITION, s.nonconformity, s.nonconformity.agency,
                                 {"state": [s.from_state, s.to_state]}, s.note))
    audit_record_many(actor=actor, entries=entries)
    return ncs


def _history(w: _Writer, nc: Nonconformity, p: Planned, last: int, texts: list[str], actions, verifications,
             steps) -> None:
    """The actions, verdicts and steps that bring `nc` to its planned state (ORDER[last]), dated after detection."""
    rng = w.rng
    target = p.state
    cancelled = target == State.CANCELLED
    day = p.detected_on
    first = Step(nonconformity=nc, from_state="", to_state=State.DRAFT, actor=w.actor, at=w.at(day))
    steps.append(first)
    state, stamp = State.DRAFT, first.at
    ineffective_first = target == State.CLOSED and rng.random() < 0.15

    def move(to_state, when, note=""):
        nonlocal state, stamp
        # Steps of one day keep their order on the page.
        stamp = max(w.at(when), stamp + dt.timedelta(minutes=rng.randint(5, 90)))
        steps.append(Step(nonconformity=nc, from_state=state, to_state=to_state, actor=w.actor, at=stamp, note=note))
        state = to_state

    if last >= 1:
        day = nc.analysed_on
        move(State.ANALYSED, day, "Đã xác định nguyên nhân")
    plan: list[CorrectiveAction] = []
    if last >= 1 and (last >= 2 or rng.random() < 0.6):
        for text in texts:
            owner, name = w.owner(nc.agency)
            due = nc.analysed_on + dt.timedelta(days=rng.randint(15, 75))
            plan.append(CorrectiveAction(nonconformity=nc, description=text, owner=owner, owner_name=name,
                                         due_date=due, cycle=1))
    if last >= 2:
        day = w.later(day, 1, 7)
        move(State.ACTION_PLAN, day)
    if last >= 3:
        day = w.later(day, 1, 5)
        move(State.IN_PROGRESS, day)
        for action in plan:
            # Some actions in progress run late: they are the demo's overdue items.
            if last >= 4 or rng.random() < 0.5:
                action.done_on = min(action.due_date + dt.timedelta(days=rng.randint(-10, 5)), w.today)
                action.done_on = max(action.done_on, day)
                action.evidence = "Biên bản kiểm tra; văn bản ban hành kèm theo"
        if last == 3 and all(a.done_on for a in plan) and plan:
            plan[-1].done_on, plan[-1].evidence = None, ""
    if not cancelled and last < 4:
        _set_lateness(w, plan, late=p.overdue if p.overdue is not None else rng.random() < OVERDUE_SHARE)
    actions.extend(plan)
    if last >= 4:
        day = max([day, *(a.done_on for a in plan if a.done_on)])
        day = w.later(day, 0, 3)
        move(State.AWAITING_VERIFICATION, day)
    if last >= 5:
        verifier = people.person(rng)
        if ineffective_first:
            day = w.later(day, 5, 20)
            verifications.append(Verification(nonconformity=nc, verified_on=day, verdict=Verdict.NOT_EFFECTIVE,
                                               note="Kiểm tra lại vẫn còn hồ sơ chưa đạt", verifier=w.actor,
                                               verifier_name=verifier, cycle=1))
            move(State.ACTION_PLAN, day, "Chưa hiệu quả")
            nc.cycle = 2
            owner, name = w.owner(nc.agency)
            done = w.later(day, 5, 25)
            actions.append(CorrectiveAction(nonconformity=nc, description="Tập huấn lại cho công chức bộ phận một cửa",
                                            owner=owner, owner_name=name, due_date=done + dt.timedelta(days=3),
                                            done_on=done, evidence="Danh sách tham dự tập huấn", cycle=2))
            move(State.IN_PROGRESS, w.later(day, 0, 2))
            day = done
            move(State.AWAITING_VERIFICATION, day)
        day = w.later(day, 3, 30)
        verifications.append(Verification(nonconformity=nc, verified_on=day, verdict=Verdict.EFFECTIVE,
                                           note="Kiểm tra 3 tháng sau: không lặp lại", verifier=w.actor,
                                           verifier_name=verifier, cycle=nc.cycle))
        nc.closed_on = day
        move(State.CLOSED, day, "Đã khắc phục có hiệu quả")
    if cancelled:
        move(State.CANCELLED, w.later(day, 1, 10), nc.cancel_reason)


def _set_lateness(w: _Writer, plan: list[CorrectiveAction], *, late: bool) -> None:
    """Most agencies keep to their plans (a due date was moved when needed); a late one has an action overdue."""
    pending = [a for a in plan if a.done_on is None]
    if not late:
        for action in pending:
            if action.due_date < w.today:
                action.due_date = w.today + dt.timedelta(days=w.rng.randint(7, 75))
    elif pending and all(a.due_date >= w.today for a in pending):
        action = pending[0]
        action.due_date = max(w.today - dt.timedelta(days=w.rng.randint(3, 40)), action.due_date - dt.timedelta(60))


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    """Nonconformities found outside internal audits and complaints, for agencies that apply their QMS."""
    own_sources = (Source.PROCESS_MONITORING, Source.INSPECTION, Source.OTHER)
    if Nonconformity.objects.filter(source__in=own_sources).exists():
        return {}
    today = timezone.localdate()
    staffed = set(get_user_model().objects.filter(role=Role.SECRETARY, is_active=True).values_list("agency_id",
                                                                                                  flat=True))
    planned = []
    for agency in Agency.objects.filter(qms_state__in=APPLIED, status=AgencyStatus.ACTIVE).order_by("path"):
        if agency.pk in staffed:
            # The demo secretary's agency shows every step, an overdue one among them.
            for state, age in SHOWCASE:
                planned.append(Planned(agency=agency, source=rng.choice(own_sources), state=state,
                                       detected_on=today - dt.timedelta(days=age),
                                       overdue=state == State.IN_PROGRESS))
            continue
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            planned.append(Planned(agency=agency, source=rng.choice(own_sources), state=pick_state(rng),
                                   detected_on=today - dt.timedelta(days=rng.randint(10, 340))))
    ncs = create_many(planned, actor=actor, rng=rng)
    return {"nonconformities": len(ncs)}
