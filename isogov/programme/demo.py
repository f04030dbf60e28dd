"""Demo programme: the seed's plan (decision 2248/QĐ-UBND of 29/10/2019, 314.420.000 đ for 2020) and the
draft 2021–2025 plan that "Draft the next plan" makes from it.

Everything goes through the services, so the audit trail holds what a user would have left. The
story reaches the demo's "anchor" day: the latest QMS step recorded (the end of 2020 for Trà Vinh),
never after today. Activities past their end by then are done, except maintaining the QMS and the
inspections, which still lag (some communes have not announced, 27 of the 30 visits were made) and
so are overdue and carried into the next plan.
"""
import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from isogov.demo.pdf import one_page_pdf
from isogov.programme import rollover, services, services_activity, services_budget
from isogov.programme.models import ActivityStatus, BudgetCategory, Metric, Plan
from isogov.qms.models import Transition
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyStatus, Tier

DECISION = "2248/QĐ-UBND"
TITLE = ("Kế hoạch thực hiện duy trì, áp dụng và cải tiến hệ thống quản lý chất lượng theo Tiêu chuẩn "
         "Quốc gia TCVN ISO 9001:2015 tỉnh Trà Vinh đến năm 2020")
NEXT_TITLE = ("Kế hoạch duy trì, áp dụng và cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 "
              "giai đoạn 2021–2025 (dự thảo)")
SUMMARY = ("Tiếp tục duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015 cho 169 cơ quan, đơn vị; đạt "
           "điểm tối đa tiêu chí, thành phần áp dụng ISO 9001 theo tiêu chí chấm điểm cải cách hành chính của "
           "Bộ Nội vụ. Tổng kinh phí năm 2020: 314.420.000 đồng (nguồn khoa học và công nghệ).")
TOTAL = 314_420_000

# (number, title, start, end, lead code, who takes part, final status and progress, deliverables, lines)
ACTIVITIES = [
    (1, "Hội nghị triển khai kế hoạch và tuyên truyền phổ biến pháp luật", (2, 1), (3, 31), "SKHCN", "all",
     (ActivityStatus.DONE, 100), "Hội nghị triển khai; tin, bài trên Cổng Thông tin điện tử tỉnh",
     [("Tổ chức Hội nghị triển khai Kế hoạch năm 2020", BudgetCategory.CONFERENCE, 14_500_000),
      ("Tuyên truyền phổ biến pháp luật về ISO trên Cổng TTĐT và Đài PT-TH tỉnh", BudgetCategory.CONFERENCE,
       10_000_000)]),
    (2, "Đào tạo kiến thức cho cán bộ, công chức, viên chức theo mô hình khung của Bộ KH&CN", (3, 1), (8, 31),
     "SKHCN.CCTDC", "all", (ActivityStatus.DONE, 100), "4 lớp nhận thức và hướng dẫn xây dựng tài liệu; 1 lớp "
     "chuyên gia đánh giá nội bộ",
     [("Đào tạo nhận thức và hướng dẫn xây dựng tài liệu theo mô hình khung (4 lớp)", BudgetCategory.TRAINING,
       72_000_000),
      ("Đào tạo chuyên gia đánh giá nội bộ (1 lớp)", BudgetCategory.TRAINING, 24_000_000)]),
    (3, "Duy trì, áp dụng và cải tiến HTQLCL tại các cơ quan, đơn vị", (1, 1), (12, 31), "SKHCN", "all",
     (ActivityStatus.IN_PROGRESS, 85), "Các cơ quan, đơn vị cập nhật văn bản pháp luật, đánh giá nội bộ, xem xét "
     "của lãnh đạo và công bố lại khi thay đổi phạm vi",
     [("Hỗ trợ kỹ thuật cập nhật văn bản pháp luật vào HTQLCL", BudgetCategory.MAINTENANCE, 70_000_000),
      ("Hướng dẫn đánh giá nội bộ và xem xét của lãnh đạo tại đơn vị", BudgetCategory.MAINTENANCE, 50_000_000)]),
    (4, "Kiểm tra, giám sát tại 30 cơ quan, đơn vị", (6, 1), (11, 30), "SKHCN.CCTDC", "inspected",
     (ActivityStatus.IN_PROGRESS, 90), "30 biên bản kiểm tra; báo cáo tổng hợp kết quả kiểm tra",
     [("Kiểm tra, giám sát tại 30 cơ quan, đơn vị (30 đợt × 1.964.000 đồng)", BudgetCategory.INSPECTION,
       58_920_000)]),
    (5, "Xây dựng kế hoạch 2021–2025", (9, 1), (12, 15), "SKHCN", "lead",
     (ActivityStatus.DONE, 100), "Dự thảo Kế hoạch giai đoạn 2021–2025 trình UBND tỉnh",
     [("Khảo sát, hội thảo góp ý và hoàn thiện dự thảo Kế hoạch 2021–2025", BudgetCategory.PLANNING,
       15_000_000)]),
]
assert sum(amount for *_, lines in ACTIVITIES for _, _, amount in lines) == TOTAL


def anchor_date() -> dt.date:
    """The day the demo's story reaches: the latest QMS step recorded, never after today."""
    latest = Transition.objects.aggregate(last=Max("at"))["last"]
    today = timezone.localdate()
    return min(timezone.localtime(latest).date(), today) if latest else today


def _pdf(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, one_page_pdf(lines), content_type="application/pdf")


def _state_on(day: dt.date, start: dt.date, end: dt.date, final: tuple[str, int]) -> tuple[str, int]:
    if day < start:
        return ActivityStatus.NOT_STARTED, 0
    if day > end:
        return final
    elapsed = (day - start).days / max((end - start).days, 1)
    progress = min(final[1], max(5, 5 * round(20 * elapsed)))
    return (ActivityStatus.DONE, 100) if progress == 100 and final[0] == ActivityStatus.DONE else (
        ActivityStatus.IN_PROGRESS, min(progress, 95))


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    counts = {"plans": 0, "objectives": 0, "activities": 0, "budget_lines": 0, "disbursements": 0}
    lead = Agency.objects.filter(is_programme_lead=True).order_by("code").first()
    if lead is None or Plan.objects.filter(decision_number=DECISION).exists():
        return counts
    agencies = list(Agency.objects.filter(status=AgencyStatus.ACTIVE).select_related("tier").order_by("path"))
    by_code = {a.code: a for a in agencies}
    anchor = anchor_date()
    plan = services.plan_create(
        actor=actor, title=TITLE, start_year=2020, end_year=2020, lead_unit=lead, summary=SUMMARY,
        decision_number=DECISION, decision_date=dt.date(2019, 10, 29),
        signer="Nguyễn Trung Hoàng, Phó Chủ tịch UBND tỉnh",
        decision_file=_pdf("2248-QD-UBND.pdf", ["UY BAN NHAN DAN TINH TRA VINH", f"Quyet dinh so {DECISION}",
                                                "ngay 29/10/2019"]))
    counts["plans"] += 1
    for number, (title, metric, tier) in enumerate(_objectives(), start=1):
        services.objective_create(plan=plan, actor=actor, number=number, title=title, metric=metric,
                                  tier=Tier.objects.filter(code=tier).first() if tier else None, target_percent=100)
        counts["objectives"] += 1

    # Inspections favour agencies with a QMS to inspect; the lead's own unit is always among them.
    candidates = [a for a in agencies if a.qms_state not in (QmsState.NOT_STARTED, QmsState.BUILDING)]
    inspected = rng.sample(candidates, min(30, len(candidates)))
    groups = {"all": agencies, "inspected": inspected, "lead": [a for a in agencies if a.code.startswith(lead.code)]}
    made = []
    for number, title, start, end, lead_code, who, final, deliverables, lines in ACTIVITIES:
        start, end = dt.date(2020, *start), dt.date(2020, *end)
        activity = services_activity.activity_create(
            plan=plan, actor=actor, number=number, title=title, start_date=start, end_date=end,
            lead_unit=by_code.get(lead_code, lead), participants=groups[who], deliverables=deliverables)
        counts["activities"] += 1
        for description, category, amount in lines:
            line = services_budget.budget_line_create(activity=activity, actor=actor, description=description,
                                                      category=category, estimate=amount, allocated=amount)
            counts["budget_lines"] += 1
            made.append((activity, line, start, end, final))
    services.plan_approve(plan=plan, actor=actor)

    # The decision approved the plan, not the moment the demo ran.
    Plan.objects.filter(pk=plan.pk).update(approved_at=timezone.make_aware(dt.datetime(2019, 10, 29, 15, 0)))
    for _activity, line, start, end, final in made:
        status, progress = _state_on(anchor, start, end, final)
        if status != ActivityStatus.NOT_STARTED:  # contracts are signed once the activity starts
            services_budget.budget_line_update(line=line, actor=actor, committed=line.allocated)
        counts["disbursements"] += _disburse(line, actor=actor, rng=rng, start=start, end=min(end, anchor),
                                             share=progress / 100 if status != ActivityStatus.DONE else 1.0)
    for activity, _line, start, end, final in {m[0].pk: m for m in made}.values():
        status, progress = _state_on(anchor, start, end, final)
        if status != ActivityStatus.NOT_STARTED:
            services_activity.activity_report_progress(activity=activity, actor=actor, status=status,
                                                       progress=progress, notes=_note(activity.number, status))
    if anchor >= dt.date(2020, 9, 1):  # activity (5) drafts the next plan from September 2020
        draft = rollover.plan_draft_next(plan=plan, actor=actor, start_year=2021, end_year=2025, title=NEXT_TITLE)
        counts["plans"] += 1
        # The draft is what activity (5) delivers: drafting it is not an activity of the plan itself.
        for carried in draft.activities.filter(carried_from__number=5):
            services_activity.activity_delete(activity=carried, actor=actor)
        drafting = plan.activities.get(number=5)
        if drafting.status != ActivityStatus.DONE:
            services_activity.activity_report_progress(
                activity=drafting, actor=actor, status=ActivityStatus.IN_PROGRESS, progress=90,
                notes="Đã có dự thảo Kế hoạch 2021–2025; đang lấy ý kiến các sở, ngành trước khi trình UBND tỉnh.")
    conference = plan.activities.get(number=1)
    if conference.status == ActivityStatus.DONE:
        services_activity.evidence_add(activity=conference, actor=actor, upload=_pdf(
            "bien-ban-hoi-nghi-trien-khai.pdf", ["BIEN BAN HOI NGHI TRIEN KHAI KE HOACH NAM 2020",
                                                 "So Khoa hoc va Cong nghe tinh Tra Vinh"]),
            note="Biên bản Hội nghị triển khai")
    return counts


def _objectives() -> list[tuple[str, str, str | None]]:
    return [
        ("169 cơ quan, đơn vị duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015", Metric.ANNOUNCED, None),
        ("Cơ quan chuyên môn cấp tỉnh đạt điểm tối đa thành phần áp dụng ISO 9001 (100%)", Metric.COMPLIANT,
         "province"),
        ("Đơn vị hành chính cấp huyện đạt điểm tối đa thành phần áp dụng ISO 9001 (100%)", Metric.COMPLIANT,
         "district"),
        ("Đơn vị hành chính cấp xã đạt điểm tối đa thành phần áp dụng ISO 9001 (100%)", Metric.COMPLIANT,
         "commune"),
    ]


def _note(number: int, status: str) -> str:
    if number == 3 and status == ActivityStatus.IN_PROGRESS:
        return "Một số UBND cấp xã chưa hoàn thành công bố lại sau khi thay đổi phạm vi."
    if number == 4 and status == ActivityStatus.IN_PROGRESS:
        return "Đã kiểm tra 27/30 cơ quan, đơn vị; 3 đơn vị dời sang đầu năm sau."
    return ""


def _disburse(line, *, actor, rng: random.Random, start: dt.date, end: dt.date, share: float) -> int:
    """Pay out `share` of the line in one to three instalments between `start` and `end`."""
    if end < start or share <= 0:
        return 0
    total = int(line.allocated * share) // 1000 * 1000
    parts = rng.randint(1, 3) if total >= 3_000_000 else 1
    amounts = [total // parts // 1000 * 1000] * (parts - 1)
    amounts.append(total - sum(amounts))
    span = (end - start).days
    days = sorted(start + dt.timedelta(days=rng.randint(0, span)) for _ in amounts)
    for amount, day in zip(amounts, days):
        services_budget.budget_disburse(line=line, actor=actor, amount=amount, date=day,
                                        note=f"Chứng từ chi số {rng.randint(10, 999)}/KHCN")
    return len(amounts)
