"""What the demo's three plans say (demo.py carries them out). The 2020 plan is the seed's; the later plans'
activities, amounts and decision numbers are illustrative, written for the demo."""
import datetime as dt
from dataclasses import dataclass, field

from isogov.programme.models import ActivityStatus, BudgetCategory, Metric

DONE = (ActivityStatus.DONE, 100)


@dataclass(frozen=True)
class Spec:
    number: int
    title: str
    start: dt.date
    end: dt.date
    lead: str  # agency code
    who: str  # "all", "inspected" or "lead"
    final: tuple[str, int]  # status and progress once its end has passed
    deliverables: str
    lines: list[tuple[str, str, int]]
    result: str = ""  # the notes of its final report: what was done
    ongoing: str = ""  # the notes while it is under way


@dataclass(frozen=True)
class PlanText:
    title: str
    decision: str
    decision_date: dt.date
    signer: str
    summary: str
    first_objective: str = ""
    carried: dict[int, Spec] = field(default_factory=dict)  # by the previous plan's activity number


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


DECISION = "2248/QĐ-UBND"
TITLE = ("Kế hoạch thực hiện duy trì, áp dụng và cải tiến hệ thống quản lý chất lượng theo Tiêu chuẩn "
         "Quốc gia TCVN ISO 9001:2015 tỉnh Trà Vinh đến năm 2020")
SUMMARY = ("Tiếp tục duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015 cho 169 cơ quan, đơn vị; đạt "
           "điểm tối đa tiêu chí, thành phần áp dụng ISO 9001 theo tiêu chí chấm điểm cải cách hành chính của "
           "Bộ Nội vụ. Tổng kinh phí năm 2020: 314.420.000 đồng (nguồn khoa học và công nghệ).")
TOTAL = 314_420_000
MAINTAIN = "Duy trì, áp dụng và cải tiến HTQLCL tại các cơ quan, đơn vị"
INSPECT = "Kiểm tra, giám sát tại 30 cơ quan, đơn vị"

ACTIVITIES = [
    Spec(1, "Hội nghị triển khai kế hoạch và tuyên truyền phổ biến pháp luật", d(2020, 2, 1), d(2020, 3, 31),
         "SKHCN", "all", DONE, "Hội nghị triển khai; tin, bài trên Cổng Thông tin điện tử tỉnh",
         [("Tổ chức Hội nghị triển khai Kế hoạch năm 2020", BudgetCategory.CONFERENCE, 14_500_000),
          ("Tuyên truyền phổ biến pháp luật về ISO trên Cổng TTĐT và Đài PT-TH tỉnh", BudgetCategory.CONFERENCE,
           10_000_000)],
         result="Đã tổ chức Hội nghị triển khai; 12 tin, bài trên Cổng TTĐT và Đài PT-TH tỉnh."),
    Spec(2, "Đào tạo kiến thức cho cán bộ, công chức, viên chức theo mô hình khung của Bộ KH&CN", d(2020, 3, 1),
         d(2020, 8, 31), "SKHCN.CCTDC", "all", DONE,
         "4 lớp nhận thức và hướng dẫn xây dựng tài liệu; 1 lớp chuyên gia đánh giá nội bộ",
         [("Đào tạo nhận thức và hướng dẫn xây dựng tài liệu theo mô hình khung (4 lớp)", BudgetCategory.TRAINING,
           72_000_000),
          ("Đào tạo chuyên gia đánh giá nội bộ (1 lớp)", BudgetCategory.TRAINING, 24_000_000)],
         result="Đã mở 4 lớp nhận thức, hướng dẫn xây dựng tài liệu và 1 lớp chuyên gia đánh giá nội bộ."),
    Spec(3, MAINTAIN, d(2020, 1, 1), d(2020, 12, 31), "SKHCN", "all", DONE,
         "Các cơ quan, đơn vị cập nhật văn bản pháp luật, đánh giá nội bộ, xem xét của lãnh đạo và công bố lại khi "
         "thay đổi phạm vi",
         [("Hỗ trợ kỹ thuật cập nhật văn bản pháp luật vào HTQLCL", BudgetCategory.MAINTENANCE, 70_000_000),
          ("Hướng dẫn đánh giá nội bộ và xem xét của lãnh đạo tại đơn vị", BudgetCategory.MAINTENANCE, 50_000_000)],
         ongoing="Một số UBND cấp xã chưa hoàn thành công bố lại sau khi thay đổi phạm vi."),
    Spec(4, INSPECT, d(2020, 6, 1), d(2020, 12, 20), "SKHCN.CCTDC", "inspected", DONE,
         "30 biên bản kiểm tra; báo cáo tổng hợp kết quả kiểm tra",
         [("Kiểm tra, giám sát tại 30 cơ quan, đơn vị (30 đợt × 1.964.000 đồng)", BudgetCategory.INSPECTION,
           58_920_000)],
         result="Đã kiểm tra 27/30 cơ quan, đơn vị; 3 đơn vị chuyển sang Kế hoạch giai đoạn 2021–2025.",
         ongoing="Đã kiểm tra 27/30 cơ quan, đơn vị; 3 đơn vị dời sang đầu năm sau."),
    Spec(5, "Xây dựng kế hoạch 2021–2025", d(2020, 9, 1), d(2020, 12, 15), "SKHCN", "lead", DONE,
         "Dự thảo Kế hoạch giai đoạn 2021–2025 trình UBND tỉnh",
         [("Khảo sát, hội thảo góp ý và hoàn thiện dự thảo Kế hoạch 2021–2025", BudgetCategory.PLANNING,
           15_000_000)],
         result="Đã trình UBND tỉnh dự thảo Kế hoạch giai đoạn 2021–2025.",
         ongoing="Đã có dự thảo Kế hoạch 2021–2025; đang lấy ý kiến các sở, ngành trước khi trình UBND tỉnh."),
]
assert sum(amount for s in ACTIVITIES for _, _, amount in s.lines) == TOTAL

NEXT = PlanText(
    title="Kế hoạch duy trì, áp dụng và cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 "
          "tỉnh Trà Vinh giai đoạn 2021–2025",
    decision="125/QĐ-UBND", decision_date=d(2021, 1, 20), signer="Phó Chủ tịch UBND tỉnh Trà Vinh",
    summary="Duy trì, áp dụng và cải tiến HTQLCL cho 169 cơ quan, đơn vị giai đoạn 2021–2025; hoàn thành "
            "phần việc còn lại của Kế hoạch năm 2020 (số quyết định minh hoạ).",
    carried={
        3: Spec(1, MAINTAIN, d(2021, 1, 1), d(2025, 12, 31), "SKHCN", "all", DONE, "", [],
                result="Hoàn thành; từ 01/07/2025 các xã, phường mới kế thừa HTQLCL của đơn vị trước sắp xếp."),
        4: Spec(2, INSPECT, d(2021, 1, 1), d(2021, 12, 20), "SKHCN.CCTDC", "inspected", DONE, "", [],
                result="Đã kiểm tra 3 đơn vị còn lại của năm 2020 và 27 cơ quan, đơn vị năm 2021."),
    },
)

ACTIVITIES_2021 = [
    Spec(3, "Đào tạo, tập huấn HTQLCL hằng năm cho cán bộ, công chức", d(2021, 3, 1), d(2025, 5, 31),
         "SKHCN.CCTDC", "all", DONE, "Mỗi năm 4 lớp nhận thức và 1 lớp chuyên gia đánh giá nội bộ",
         [("Đào tạo nhận thức và chuyên gia đánh giá nội bộ 2021–2025", BudgetCategory.TRAINING, 380_000_000)],
         result="Đã mở 20 lớp nhận thức và 5 lớp chuyên gia đánh giá nội bộ."),
    Spec(4, "Kiểm tra, giám sát hằng năm 2022–2025", d(2022, 4, 1), d(2025, 5, 31), "SKHCN.CCTDC", "inspected",
         DONE, "Biên bản kiểm tra; báo cáo tổng hợp hằng năm",
         [("Kiểm tra, giám sát 30 cơ quan, đơn vị mỗi năm (4 năm)", BudgetCategory.INSPECTION, 235_680_000)],
         result="Đã kiểm tra 120 lượt cơ quan, đơn vị trong 4 năm."),
    Spec(5, "Hướng dẫn chuyển tiếp HTQLCL khi sắp xếp đơn vị hành chính, chính quyền địa phương 2 cấp",
         d(2025, 4, 1), d(2025, 9, 30), "SKHCN", "all", DONE, "Văn bản hướng dẫn; danh sách đơn vị kế thừa",
         [("Hội thảo hướng dẫn chuyển tiếp HTQLCL cho xã, phường mới", BudgetCategory.CONFERENCE, 25_000_000)],
         result="Đã hướng dẫn các xã, phường mới kế thừa hồ sơ HTQLCL của đơn vị trước sắp xếp."),
    Spec(6, "Tổng kết Kế hoạch 2021–2025, xây dựng Kế hoạch năm 2026", d(2025, 9, 1), d(2025, 12, 15), "SKHCN",
         "lead", DONE, "Báo cáo tổng kết; dự thảo Kế hoạch năm 2026 trình UBND tỉnh Vĩnh Long",
         [("Tổng kết giai đoạn 2021–2025 và xây dựng kế hoạch năm 2026", BudgetCategory.PLANNING, 20_000_000)],
         result="Đã tổng kết giai đoạn 2021–2025 và trình UBND tỉnh dự thảo Kế hoạch năm 2026.",
         ongoing="Đã có dự thảo Kế hoạch năm 2026; đang lấy ý kiến các sở, ngành và UBND xã, phường."),
]

PLAN_2026 = PlanText(
    title="Kế hoạch duy trì, áp dụng và cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 "
          "tỉnh Vĩnh Long năm 2026",
    decision="86/QĐ-UBND", decision_date=d(2026, 1, 16), signer="Phó Chủ tịch UBND tỉnh Vĩnh Long",
    summary="Năm đầu tiên sau sắp xếp: các cơ quan cấp tỉnh và UBND xã, phường mới duy trì hoặc xây dựng "
            "HTQLCL theo TCVN ISO 9001:2015 (số quyết định minh hoạ).",
    first_objective="%(n)s cơ quan, đơn vị cấp tỉnh và cấp xã áp dụng, duy trì HTQLCL theo TCVN ISO 9001:2015",
)

ACTIVITIES_2026 = [
    Spec(1, "Hội nghị triển khai kế hoạch năm 2026 và tuyên truyền", d(2026, 2, 2), d(2026, 3, 31), "SKHCN", "all",
         DONE, "Hội nghị triển khai; tin, bài trên Cổng TTĐT tỉnh",
         [("Tổ chức Hội nghị triển khai Kế hoạch năm 2026", BudgetCategory.CONFERENCE, 18_000_000)],
         result="Đã tổ chức Hội nghị triển khai cho các cơ quan cấp tỉnh và UBND xã, phường."),
    Spec(2, "Đào tạo HTQLCL cho công chức UBND xã, phường mới", d(2026, 3, 1), d(2026, 8, 31), "SKHCN.CCTDC", "all",
         DONE, "6 lớp nhận thức và hướng dẫn xây dựng tài liệu; 1 lớp chuyên gia đánh giá nội bộ",
         [("Đào tạo nhận thức và xây dựng tài liệu (6 lớp)", BudgetCategory.TRAINING, 108_000_000),
          ("Đào tạo chuyên gia đánh giá nội bộ (1 lớp)", BudgetCategory.TRAINING, 26_000_000)],
         result="Đã mở 6 lớp nhận thức và 1 lớp chuyên gia đánh giá nội bộ."),
    Spec(3, MAINTAIN, d(2026, 1, 1), d(2026, 12, 31), "SKHCN", "all", DONE,
         "Cơ quan cấp tỉnh duy trì; UBND xã, phường mới xây dựng, công bố hoặc công bố lại HTQLCL",
         [("Hỗ trợ kỹ thuật xây dựng HTQLCL cho xã, phường mới", BudgetCategory.MAINTENANCE, 150_000_000)],
         ongoing="Nhiều xã, phường mới còn đang xây dựng hoặc phải công bố lại do phạm vi mở rộng."),
    Spec(4, INSPECT, d(2026, 4, 1), d(2026, 11, 30), "SKHCN.CCTDC", "inspected", DONE,
         "Biên bản kiểm tra; báo cáo tổng hợp kết quả kiểm tra",
         [("Kiểm tra, giám sát tại 30 cơ quan, đơn vị (30 đợt × 2.100.000 đồng)", BudgetCategory.INSPECTION,
           63_000_000)],
         result="Đã kiểm tra theo kế hoạch kiểm tra năm 2026; báo cáo tổng hợp gửi UBND tỉnh."),
    Spec(5, "Báo cáo kết quả năm 2026 gửi Bộ Khoa học và Công nghệ", d(2026, 12, 1), d(2026, 12, 15), "SKHCN",
         "lead", DONE, "Báo cáo năm theo Quyết định 19/2014/QĐ-TTg",
         [("Tổng hợp số liệu, lập báo cáo năm", BudgetCategory.PLANNING, 5_000_000)],
         ongoing="Đang tổng hợp số liệu của các cơ quan, đơn vị."),
    Spec(6, "Xây dựng Kế hoạch năm 2027", d(2026, 12, 7), d(2026, 12, 31), "SKHCN", "lead", DONE,
         "Dự thảo Kế hoạch năm 2027 trình UBND tỉnh",
         [("Xây dựng Kế hoạch năm 2027", BudgetCategory.PLANNING, 10_000_000)]),
]


def objectives() -> list[tuple[str, str, str | None]]:
    return [
        ("169 cơ quan, đơn vị duy trì, áp dụng và cải tiến HTQLCL theo TCVN ISO 9001:2015", Metric.ANNOUNCED, None),
        ("Cơ quan chuyên môn cấp tỉnh đạt điểm tối đa thành phần áp dụng ISO 9001 (100%)", Metric.COMPLIANT,
         "province"),
        ("Đơn vị hành chính cấp huyện đạt điểm tối đa thành phần áp dụng ISO 9001 (100%)", Metric.COMPLIANT,
         "district"),
        ("Đơn vị hành chính cấp xã đạt điểm tối đa thành phần áp dụng ISO 9001 (100%)", Metric.COMPLIANT,
         "commune"),
    ]
