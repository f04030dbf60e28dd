"""Demo management reviews, consistent with the QMS facts the lifecycle already holds.

Every management review fact of the last two years recorded by the demo's history becomes a held review on
that date (older ones stay as facts recorded by hand, as an agency does when it starts using isogov). Most
agencies announced or beyond then hold a review within the last twelve months (a new fact, as holding a
review records); about one in seven has not, so its compliance card shows the review overdue. Some have
the next review planned. Held reviews freeze the inputs collected from the other demo records, so load
this demo after the objectives, risks, audits, nonconformities, documents and feedback demos.
"""
import datetime as dt
import random

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from isogov.audit.services import Action, Entry, audit_record_many
from isogov.demo.history import not_before
from isogov.qms.models import FactKind, QmsFact
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.reviews import inputs
from isogov.reviews.models import (
    AgendaItem,
    InputKey,
    OutputKind,
    Review,
    ReviewAction,
    ReviewState,
)

ANNOUNCED_OR_BEYOND = (QmsState.ANNOUNCED, QmsState.MAINTAINING, QmsState.REANNOUNCE_DUE)
OVERDUE_SHARE = 0.15
HISTORY_DAYS = 730
NOTES = {
    InputKey.PREVIOUS_ACTIONS: "Các hành động kỳ trước cơ bản hoàn thành; việc còn lại chuyển sang kỳ này.",
    InputKey.CHANGES: "Đã cập nhật các văn bản pháp luật mới; phạm vi áp dụng được rà soát lại.",
    InputKey.OBJECTIVES: ("Mục tiêu chất lượng cơ bản đạt; "
                          "mục tiêu chưa đạt giao bộ phận liên quan phân tích nguyên nhân."),
    InputKey.SATISFACTION: "Người dân đánh giá cao thái độ phục vụ; một số ý kiến về thời gian chờ tại quầy.",
    InputKey.PROCESS_PERFORMANCE: "Các quá trình vận hành ổn định; hồ sơ đất đai còn trễ hạn vào cuối quý.",
    InputKey.NONCONFORMITIES: "Các điểm không phù hợp đã có hành động khắc phục; theo dõi các hành động quá hạn.",
    InputKey.AUDIT_RESULTS: "Kết quả đánh giá nội bộ cho thấy hệ thống được duy trì phù hợp.",
    InputKey.RESOURCES: "Cần bổ sung thiết bị cho bộ phận một cửa và kinh phí khảo sát sự hài lòng.",
    InputKey.RISKS: "Các biện pháp xử lý rủi ro phát huy hiệu quả; cập nhật sổ theo dõi rủi ro.",
    InputKey.IMPROVEMENT: "Đẩy mạnh tiếp nhận hồ sơ trực tuyến và thanh toán không dùng tiền mặt.",
}
ACTIONS = [
    (OutputKind.IMPROVEMENT, "Triển khai khảo sát sự hài lòng bằng mã QR tại bộ phận một cửa"),
    (OutputKind.IMPROVEMENT, "Đẩy mạnh hướng dẫn người dân nộp hồ sơ trực tuyến"),
    (OutputKind.QMS_CHANGE, "Cập nhật quy trình theo văn bản pháp luật mới có hiệu lực"),
    (OutputKind.QMS_CHANGE, "Sửa đổi mục tiêu chất lượng năm tới phù hợp chỉ tiêu của tỉnh"),
    (OutputKind.RESOURCES, "Bổ sung 01 máy tính và 01 máy quét cho bộ phận một cửa"),
    (OutputKind.RESOURCES, "Bố trí kinh phí duy trì hệ thống quản lý chất lượng năm tới"),
]
CHAIRS = ["Nguyễn Văn Bình", "Trần Thanh Phong", "Lê Thị Ngọc Hân", "Phạm Quốc Việt", "Thạch Sô Phol"]
PARTICIPANTS = ["Phó Thủ trưởng cơ quan", "Chánh Văn phòng", "Thư ký ISO", "Trưởng Bộ phận một cửa",
                "Trưởng các phòng chuyên môn"]


@transaction.atomic
def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Review.objects.exists():
        return {}
    today = timezone.localdate()
    agencies = {a.pk: a for a in Agency.objects.filter(status="active").exclude(qms_state=QmsState.NOT_STARTED)}
    # Reviews of the last two years have their minutes in isogov; older ones stay as facts recorded by hand.
    facts = list(QmsFact.objects.filter(kind=FactKind.MANAGEMENT_REVIEW, agency__in=agencies,
                                        date__gte=today - dt.timedelta(days=HISTORY_DAYS))
                 .order_by("agency_id", "date"))
    last = dict(QmsFact.objects.filter(kind=FactKind.MANAGEMENT_REVIEW, agency__in=agencies)
                .values("agency_id").annotate(last=Max("date")).values_list("agency_id", "last"))
    new_facts = []
    year_ago = today - dt.timedelta(days=330)
    for agency in sorted(agencies.values(), key=lambda a: a.path):
        if agency.qms_state not in ANNOUNCED_OR_BEYOND or (last.get(agency.pk) or dt.date.min) >= year_ago:
            continue
        if rng.random() < OVERDUE_SHARE:
            continue  # this one has let its review lapse
        day = today - dt.timedelta(days=rng.randint(20, 320))
        new_facts.append(QmsFact(agency=agency, kind=FactKind.MANAGEMENT_REVIEW, date=day, recorded_by=actor,
                                 note="Họp xem xét của lãnh đạo định kỳ"))
    QmsFact.objects.bulk_create(new_facts)
    entries = [Entry(Action.CREATE, f, f.agency, {"kind": f.kind, "date": f.date, "note": f.note}) for f in new_facts]
    reviews, actions = [], []
    for fact in sorted([*facts, *new_facts], key=lambda f: (f.agency_id, f.date)):
        agency = agencies[fact.agency_id]
        review = _held(agency, fact, actor, rng)
        reviews.append(review)
        actions += _actions(review, rng, today)
    for agency in agencies.values():
        if agency.qms_state == QmsState.MAINTAINING and rng.random() < 0.3:
            reviews.append(Review(agency=agency, date=today + dt.timedelta(days=rng.randint(7, 60)),
                                  chair=rng.choice(CHAIRS), participants="\n".join(PARTICIPANTS[:3]),
                                  created_by=actor))
    Review.objects.bulk_create(reviews, batch_size=1000)
    ReviewAction.objects.bulk_create(actions, batch_size=1000)
    agendas = {}
    for review in reviews:
        agendas[review.pk] = [
            AgendaItem(review=review, key=key, position=position,
                       notes=NOTES[key] if review.state == ReviewState.HELD or rng.random() < 0.3 else "")
            for position, key in enumerate(InputKey.values, start=1)]
    _freeze(reviews, agendas, today)
    AgendaItem.objects.bulk_create([i for items in agendas.values() for i in items], batch_size=2000)
    entries += [Entry(Action.CREATE, r, r.agency, {"date": r.date, "chair": r.chair}) for r in reviews]
    entries += [Entry(Action.TRANSITION, r, r.agency, {"state": [ReviewState.PLANNED, ReviewState.HELD]})
                for r in reviews if r.state == ReviewState.HELD]
    entries += [Entry(Action.CREATE, a, a.review.agency, {"review": a.review, "kind": a.kind,
                                                           "description": a.description, "due_date": a.due_date})
                for a in actions]
    audit_record_many(actor=actor, entries=entries)
    return {"reviews": len(reviews), "review_actions": len(actions), "review_facts": len(new_facts)}


def _held(agency: Agency, fact: QmsFact, actor, rng: random.Random) -> Review:
    held_at = timezone.make_aware(dt.datetime.combine(fact.date, dt.time(16, 0)))
    return Review(agency=agency, date=fact.date, chair=rng.choice(CHAIRS), state=ReviewState.HELD,
                  participants="\n".join(rng.sample(PARTICIPANTS, rng.randint(3, 5))), held_at=held_at, fact=fact,
                  created_by=actor)


def _actions(review: Review, rng: random.Random, today: dt.date) -> list[ReviewAction]:
    made = []
    for kind, description in rng.sample(ACTIONS, rng.randint(2, 3)):
        due = review.date + dt.timedelta(days=rng.randint(30, 180))
        done = None
        if due < today and rng.random() < 0.8:
            done = min(today, due - dt.timedelta(days=rng.randint(0, 25)))
        made.append(ReviewAction(review=review, kind=kind, description=description, owner=rng.choice(PARTICIPANTS),
                                 due_date=due, done_on=done))
    return made


def _freeze(reviews: list[Review], agendas: dict[int, list[AgendaItem]], today: dt.date) -> None:
    """Collect each held review's inputs as holding it would have, oldest first so each sees the one before;
    the agenda items are written afterwards, already complete."""
    held = sorted((r for r in reviews if r.state == ReviewState.HELD), key=lambda r: (r.agency_id, r.date))
    previous: dict[int, dt.date] = {}
    for review in held:
        since = previous.get(review.agency_id) or inputs.previous_review_date(review)
        since = since and not_before(review.agency, since)
        review.inputs_since = since
        collected = inputs.collect(review, today=today, since=since)
        for item in agendas[review.pk]:
            item.collected = {"lines": collected.get(item.key, [])}
        previous[review.agency_id] = review.date
    Review.objects.bulk_update(held, ["inputs_since"], batch_size=1000)
