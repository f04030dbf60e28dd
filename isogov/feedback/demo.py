"""Demo citizen feedback: complaints over the past year (most answered, some still open, a few turned into
nonconformities) and quarterly satisfaction surveys, for agencies that apply their QMS."""
import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from isogov.accounts.models import Role
from isogov.audit.services import Action, Entry, audit_record_many
from isogov.capa import demo as capa_demo
from isogov.capa.models import Source
from isogov.feedback.models import Channel, Complaint, ComplaintStatus, SatisfactionSurvey
from isogov.qms.models import ScopeItem
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus

COMPLAINTS = [
    ("Hồ sơ đăng ký khai sinh hẹn 3 ngày nhưng 7 ngày mới trả kết quả", "8.5.1"),
    ("Cán bộ tiếp nhận yêu cầu nộp thêm giấy tờ không có trong danh mục niêm yết", "8.2.1"),
    ("Không được thông báo lý do trả hồ sơ, phải đi lại nhiều lần", "8.2.1"),
    ("Phải chờ quá lâu tại bộ phận một cửa vào buổi sáng thứ Hai", "7.1.3"),
    ("Biểu mẫu tờ khai trên cổng dịch vụ công khác với biểu mẫu tại quầy", "7.5.3"),
    ("Không liên hệ được số điện thoại đường dây nóng niêm yết tại trụ sở", "7.4"),
    ("Kết quả chứng thực sai tên người yêu cầu, phải làm lại", "8.7"),
    ("Phí thu không đúng mức niêm yết", "8.2.1"),
]
RESPONSES = [
    "Đã xin lỗi công dân, trả kết quả và nhắc nhở công chức phụ trách",
    "Đã giải thích thành phần hồ sơ theo quy định hiện hành; hướng dẫn công dân bổ sung",
    "Đã điều chỉnh thông tin niêm yết và thông báo cho công dân",
    "Bố trí thêm một công chức tiếp nhận vào các buổi sáng cao điểm",
]
METHODS = ["Phiếu khảo sát giấy tại bộ phận một cửa", "Khảo sát bằng mã QR", "Gọi điện thoại ngẫu nhiên",
           "Khảo sát trên Cổng dịch vụ công"]
APPLIED = (QmsState.APPLYING, QmsState.CONFIRMED, QmsState.ANNOUNCED, QmsState.MAINTAINING,
           QmsState.REANNOUNCE_DUE)


def _quarters(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last `count` finished calendar quarters, oldest first."""
    year, q = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        start = dt.date(year, 3 * q - 2, 1)
        end = (dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)) - dt.timedelta(days=1)
        out.append((start, end))
    return list(reversed(out))


@transaction.atomic
def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Complaint.objects.exists() or SatisfactionSurvey.objects.exists():
        return {}
    today = timezone.localdate()
    scope: dict[int, list] = {}
    for item in ScopeItem.objects.select_related("procedure"):
        scope.setdefault(item.agency_id, []).append(item.procedure)
    complaints, surveys, to_nc = [], [], []
    staffed = set(get_user_model().objects.filter(role=Role.SECRETARY, is_active=True).values_list("agency_id",
                                                                                                  flat=True))
    for agency in Agency.objects.filter(qms_state__in=APPLIED, status=AgencyStatus.ACTIVE).order_by("path"):
        procedures = scope.get(agency.pk, [])
        # The demo secretary's agency always has complaints, the newest still waiting for an answer.
        count = rng.randint(4, 6) if agency.pk in staffed else rng.choice((0, 0, 1, 1, 2, 3, 5))
        for i in range(count):
            text, clause = rng.choice(COMPLAINTS)
            received = today - dt.timedelta(days=2 if agency.pk in staffed and i == 0 else rng.randint(1, 360))
            c = Complaint(agency=agency, received_on=received, channel=rng.choice(Channel.values),
                          procedure=rng.choice(procedures) if procedures and rng.random() < 0.8 else None,
                          citizen_name=_citizen(rng), content=text, created_by=actor)
            # Recent complaints may still wait for an answer; older ones were answered.
            answered = received < today - dt.timedelta(days=20) or rng.random() < 0.4
            if answered and received < today - dt.timedelta(days=2):
                c.status = ComplaintStatus.HANDLED
                c.responded_on = min(received + dt.timedelta(days=rng.randint(1, 15)), today)
                c.response = rng.choice(RESPONSES)
            complaints.append(c)
            if rng.random() < 0.25:
                to_nc.append((c, clause))
        for start, end in _quarters(today, rng.randint(2, 4)):
            for procedure in [None, *rng.sample(procedures, min(len(procedures), rng.randint(0, 2)))]:
                surveyed = rng.randint(30, 250)
                satisfied = round(surveyed * rng.uniform(0.78, 0.99))
                surveys.append(SatisfactionSurvey(agency=agency, procedure=procedure, period_start=start,
                                                  period_end=end, surveyed=surveyed, satisfied=satisfied,
                                                  method=rng.choice(METHODS), created_by=actor))
    Complaint.objects.bulk_create(complaints)
    SatisfactionSurvey.objects.bulk_create(surveys)
    planned = [capa_demo.Planned(agency=c.agency, source=Source.CITIZEN_COMPLAINT, detected_on=c.received_on,
                                 state=capa_demo.pick_state(rng), origin=c, description=c.content,
                                 clause_number=clause) for c, clause in to_nc]
    ncs = capa_demo.create_many(planned, actor=actor, rng=rng)
    for (c, _clause), nc in zip(to_nc, ncs):
        c.nonconformity = nc
    Complaint.objects.bulk_update([c for c, _ in to_nc], ["nonconformity"])
    entries = [Entry(Action.CREATE, c, c.agency, {"received_on": c.received_on, "channel": c.channel,
                                                  "content": c.content}) for c in complaints]
    entries += [Entry(Action.UPDATE, c, c.agency, {"status": ["received", "handled"], "response": ["", c.response]})
                for c in complaints if c.status == ComplaintStatus.HANDLED]
    entries += [Entry(Action.CREATE, s, s.agency, {"period_start": s.period_start, "period_end": s.period_end,
                                                   "surveyed": s.surveyed, "satisfied": s.satisfied}) for s in surveys]
    audit_record_many(actor=actor, entries=entries)
    return {"complaints": len(complaints), "surveys": len(surveys), "nonconformities": len(ncs)}


def _citizen(rng: random.Random) -> str:
    from isogov.demo import people

    # Many complaints are anonymous (suggestion box, hotline).
    return people.person(rng) if rng.random() < 0.6 else ""
