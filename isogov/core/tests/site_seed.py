"""One record of every kind for district 842 and the province, written through the services as a user would,
so that every page of an agency, every form and every generated document has something to show."""
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from isogov.audits.tests.helpers import plan as audit_plan
from isogov.audits.tests.helpers import with_findings
from isogov.capa.tests.helpers import awaiting, with_action
from isogov.core.tests.files import upload
from isogov.documents.tests.helpers import make_document, make_legal
from isogov.events.tests.helpers import event
from isogov.feedback import services as feedback
from isogov.objectives import services as objectives
from isogov.objectives.tests.helpers import objective
from isogov.programme.tests.helpers import build_plan
from isogov.qms.tests.helpers import announce, procedure, walk_to_confirmed
from isogov.reviews import services as reviews
from isogov.reviews.tests.helpers import held
from isogov.reviews.tests.helpers import plan as review_plan
from isogov.risks import services as risks
from isogov.training import services as training

AGENCY = "842"


def seed(p) -> None:
    today = timezone.localdate()
    agency = walk_to_confirmed(p.d842, secretary=p.alice, head=p.alice_head)
    announce(agency, p.alice)
    scoped = procedure()
    make_document(p.d842, p.alice, file=upload())
    make_legal(p.d842, p.alice, effective_on=today - dt.timedelta(days=20))
    with_findings(p.d842, p.alice)
    audit_plan(p.d842, p.alice, title="Đánh giá nội bộ đợt 2", month=12)
    awaiting(p.d842, p.alice)
    with_action(p.d842, p.alice, description="Biểu mẫu cũ còn tại quầy")
    risk = risks.risk_create(agency=p.d842, actor=p.alice, kind="risk", description="Hồ sơ thất lạc khi chuyển",
                             likelihood=3, impact=4, owner="Văn phòng", review_date=today + dt.timedelta(days=60),
                             procedure=scoped)
    risks.action_add(risk=risk, actor=p.alice, description="Quét hồ sơ khi tiếp nhận", owner="Một cửa",
                     due_date=today + dt.timedelta(days=30))
    done = held(p.d842, p.alice, date=today - dt.timedelta(days=30))
    reviews.action_add(review=done, actor=p.alice, kind="improvement", description="Khảo sát trực tuyến",
                       owner="Văn phòng", due_date=today + dt.timedelta(days=40))
    review_plan(p.d842, p.alice, date=today + dt.timedelta(days=10))
    goal = objective(p.d842, p.alice, year=today.year)
    if today.month > 1:
        objectives.measurement_record(objective=goal, actor=p.alice, period_index=1, value=Decimal("97.5"))
    feedback.complaint_record(agency=p.d842, actor=p.alice, received_on=today - dt.timedelta(days=3),
                              channel="one_stop", content="Trả kết quả trễ hẹn", procedure=scoped,
                              citizen_name="Nguyễn Văn Dân")
    feedback.survey_record(agency=p.d842, actor=p.alice, period_start=today - dt.timedelta(days=90),
                           period_end=today - dt.timedelta(days=1), surveyed=40, satisfied=38, procedure=scoped,
                           method="Phiếu giấy")
    event(p, invited=[p.d842, p.c29242])
    course = training.course_create(actor=p.admin, title="Nhận thức TCVN ISO 9001:2015", topic=_first_topic(),
                                    organiser=p.skhcn, trainers="Trần Văn Lâm")
    session = training.session_create(actor=p.admin, course=course, start_date=today - dt.timedelta(days=14),
                                      place="Hội trường Sở KH&CN")
    training.trainee_add(actor=p.admin, session=session, agency=p.d842, full_name="Nguyễn Văn An",
                         is_iso_secretary=True, completed=True, certificate_number="CC-001")
    build_plan(p)


def _first_topic() -> str:
    from isogov.training.models import Topic

    return Topic.values[0]
