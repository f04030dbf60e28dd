"""Demo registers of risks and opportunities, with treatment actions, for agencies building a QMS or beyond.

Some reviews and actions are overdue; agencies applying or beyond have residual ratings for the risks
they have treated. Written in bulk, with the audit trail the services would write.
"""
import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from isogov.audit.services import Action, Entry, audit_record_many
from isogov.qms.models import ScopeItem
from isogov.qms.states import QmsState
from isogov.registry.models import Agency
from isogov.risks import scale
from isogov.risks.models import Kind, Risk, RiskAction, Status

APPLYING_OR_BEYOND = (QmsState.APPLYING, QmsState.CONFIRMED, QmsState.ANNOUNCED, QmsState.MAINTAINING,
                      QmsState.REANNOUNCE_DUE)

# (type, description, process, owner, treatment actions)
CATALOGUE = [
    (Kind.RISK, "Hồ sơ trả kết quả trễ hạn do phải xin ý kiến phối hợp nhiều bộ phận", "Giải quyết hồ sơ TTHC",
     "Trưởng Bộ phận một cửa", ["Quy định thời hạn phối hợp trong quy trình", "Theo dõi hồ sơ sắp đến hạn hằng ngày"]),
    (Kind.RISK, "Thất lạc hồ sơ giấy khi luân chuyển giữa các phòng", "Luân chuyển hồ sơ", "Chánh Văn phòng",
     ["Lập sổ giao nhận hồ sơ có ký nhận", "Số hóa hồ sơ ngay khi tiếp nhận"]),
    (Kind.RISK, "Văn bản pháp luật mới có hiệu lực nhưng quy trình chưa được cập nhật", "Kiểm soát tài liệu",
     "Thư ký ISO", ["Phân công theo dõi văn bản pháp luật hằng tháng"]),
    (Kind.RISK, "Công chức một cửa nghỉ việc, người thay thế chưa nắm quy trình", "Nguồn nhân lực",
     "Phó Chủ tịch phụ trách", ["Đào tạo kèm cặp công chức dự phòng", "Lập sổ tay hướng dẫn tại quầy"]),
    (Kind.RISK, "Phần mềm một cửa điện tử gián đoạn, không tiếp nhận được hồ sơ", "Hạ tầng công nghệ thông tin",
     "Công chức phụ trách công nghệ thông tin", ["Chuẩn bị mẫu tiếp nhận giấy dự phòng", "Sao lưu dữ liệu hằng tuần"]),
    (Kind.RISK, "Người dân khiếu nại vì niêm yết thủ tục không đầy đủ, không cập nhật", "Công khai thủ tục",
     "Chánh Văn phòng", ["Rà soát bảng niêm yết mỗi quý"]),
    (Kind.RISK, "Sai sót khi nhập liệu thông tin hộ tịch", "Đăng ký hộ tịch", "Công chức Tư pháp - Hộ tịch",
     ["Kiểm tra chéo trước khi ký", "Đối chiếu với cơ sở dữ liệu hộ tịch điện tử"]),
    (Kind.OPPORTUNITY, "Tăng tỷ lệ hồ sơ nộp trực tuyến qua Cổng dịch vụ công", "Tiếp nhận hồ sơ",
     "Bộ phận một cửa", ["Hướng dẫn người dân nộp trực tuyến tại quầy", "Tuyên truyền trên trang thông tin điện tử"]),
    (Kind.OPPORTUNITY, "Thanh toán phí, lệ phí không dùng tiền mặt", "Thu phí, lệ phí", "Kế toán",
     ["Lắp đặt mã QR thanh toán tại quầy"]),
    (Kind.OPPORTUNITY, "Dùng chữ ký số cho kết quả giải quyết thủ tục", "Trả kết quả", "Lãnh đạo cơ quan",
     ["Đăng ký chứng thư số cho lãnh đạo"]),
]
PEOPLE = ["Nguyễn Thị Thu", "Trần Văn Hùng", "Lê Minh Tâm", "Phạm Ngọc Lan", "Huỳnh Văn Sang", "Võ Thị Mai"]


def _rating(rng: random.Random, top: int) -> tuple[int, int]:
    return rng.randint(1, top), rng.randint(2, top)


@transaction.atomic
def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Risk.objects.exists():
        return {}
    today = timezone.localdate()
    top = scale.size()
    agencies = list(Agency.objects.filter(status="active")
                    .exclude(qms_state=QmsState.NOT_STARTED).order_by("path"))
    scope = {}
    for agency_id, procedure_id in ScopeItem.objects.values_list("agency_id", "procedure_id"):
        scope.setdefault(agency_id, []).append(procedure_id)
    risks, plans = [], []
    for agency in agencies:
        applying = agency.qms_state in APPLYING_OR_BEYOND
        if not applying and rng.random() < 0.5:
            continue  # half of those building have not started the register
        for kind, description, process, owner, actions in rng.sample(CATALOGUE, rng.randint(3, 6)):
            likelihood, impact = _rating(rng, top)
            review = today + dt.timedelta(days=rng.randint(-120, 200) if rng.random() < 0.15 else rng.randint(10, 330))
            risk = Risk(agency=agency, kind=kind, description=description, process=process, owner=owner,
                        likelihood=likelihood, impact=impact, review_date=review, created_by=actor,
                        procedure_id=rng.choice(scope[agency.pk]) if scope.get(agency.pk) and rng.random() < 0.4
                        else None)
            if applying and kind == Kind.RISK and rng.random() < 0.6:
                risk.residual_likelihood = max(1, likelihood - rng.randint(1, 2))
                risk.residual_impact = max(1, impact - rng.randint(0, 1))
            if applying and rng.random() < 0.08:
                risk.status = Status.CLOSED
            risks.append(risk)
            plans.append((risk, actions, applying))
    Risk.objects.bulk_create(risks, batch_size=1000)
    actions = []
    for risk, descriptions, applying in plans:
        for description in descriptions:
            due = today + dt.timedelta(days=rng.randint(-200, 180))
            done = None
            if applying and due < today and rng.random() < 0.75:
                done = due - dt.timedelta(days=rng.randint(0, 20))
            actions.append(RiskAction(risk=risk, description=description, owner=rng.choice(PEOPLE), due_date=due,
                                      done_on=done, created_by=actor))
    RiskAction.objects.bulk_create(actions, batch_size=2000)
    entries = [Entry(Action.CREATE, r, r.agency, {"kind": r.kind, "description": r.description,
                                                   "likelihood": r.likelihood, "impact": r.impact, "owner": r.owner,
                                                   "review_date": r.review_date}) for r in risks]
    entries += [Entry(Action.CREATE, a, a.risk.agency, {"risk": a.risk, "description": a.description,
                                                         "owner": a.owner, "due_date": a.due_date}) for a in actions]
    audit_record_many(actor=actor, entries=entries)
    return {"risks": len(risks), "risk_actions": len(actions)}
