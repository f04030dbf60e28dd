"""Demo news of the public portal: the seed's own article (the plan approved by decision 2248/QĐ-UBND), the
programme's other news and announcements over its years, one draft; and the visit counts of the past weeks.

Written through the services, on the story's clock (demo.history.HistoricClock), so each item is published on
its own day. Idempotent: nothing is added when the portal already has news.
"""
import datetime as dt
import random

from django.utils import timezone

from isogov.accounts.models import Role, User
from isogov.demo.history import HistoricClock
from isogov.portal import services
from isogov.portal.models import News, NewsKind, VisitDay
from isogov.training.demo import anchor_date

SEED_TITLE = ("UBND tỉnh Trà Vinh phê duyệt Kế hoạch thực hiện duy trì, áp dụng và cải tiến hệ thống quản lý chất "
              "lượng theo Tiêu chuẩn Quốc gia TCVN ISO 9001:2015 tỉnh Trà Vinh đến năm 2020")
SEED_SUMMARY = ("Ngày 29/10/2019, Phó Chủ tịch UBND tỉnh ký Quyết định số 2248/QĐ-UBND phê duyệt Kế hoạch cho "
                "169 cơ quan, đơn vị.")
SEED_BODY = "\n\n".join([
    ('Mục tiêu của kế hoạch nhằm tiếp tục đẩy mạnh thực hiện nhiệm vụ Tiêu chuẩn Quốc gia TCVN ISO '
     '9001:2015 vào hoạt động của các cơ quan hành chính Nhà nước; duy trì, áp dụng và cải tiến hệ thống '
     'quản lý chất lượng cho 169 cơ quan, đơn vị; đạt điểm tối đa tiêu chí áp dụng ISO 9001 theo các tiêu '
     'chí chấm điểm cải cách hành chính của Bộ Nội vụ.'),
    ('Các nội dung của kế hoạch gồm: (1) Tổ chức Hội nghị triển khai kế hoạch và công tác tuyên truyền phổ'
     ' biến pháp luật; (2) Đào tạo kiến thức cho cán bộ, công chức, viên chức theo mô hình khung của Bộ '
     'Khoa học và Công nghệ; (3) Duy trì, áp dụng và cải tiến hệ thống quản lý chất lượng tại các cơ quan,'
     ' đơn vị; (4) Kiểm tra, giám sát kết quả thực hiện tại 30 cơ quan, đơn vị; (5) Xây dựng kế hoạch '
     '2021-2025.'),
    ('Tổng kinh phí thực hiện năm 2020 là 314.420.000 đồng (nguồn khoa học và công nghệ). UBND tỉnh giao '
     'Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tham mưu triển khai '
     'thực hiện Kế hoạch.'),
])

OTHERS = [
    (NewsKind.ANNOUNCEMENT, "Thông báo tổ chức Hội nghị triển khai Kế hoạch ISO năm {year}",
     "Kính mời lãnh đạo và thư ký ISO các cơ quan, đơn vị dự hội nghị."),
    (NewsKind.NEWS, "Hội nghị triển khai Kế hoạch duy trì, áp dụng HTQLCL năm {year}",
     "Hơn 150 đại biểu của các sở, ngành, huyện, xã tham dự."),
    (NewsKind.ANNOUNCEMENT, "Thông báo chiêu sinh lớp tập huấn nhận thức chung về TCVN ISO 9001:2015 ({year})",
     "Mỗi cơ quan cử 02 công chức tham dự."),
    (NewsKind.NEWS, "Tập huấn xây dựng tài liệu theo mô hình khung cho cấp xã ({year})",
     "Lớp học giúp công chức cấp xã áp dụng mô hình khung của Bộ Khoa học và Công nghệ."),
    (NewsKind.ANNOUNCEMENT, "Kế hoạch kiểm tra việc áp dụng, duy trì HTQLCL năm {year}",
     "Đoàn kiểm tra sẽ làm việc trực tiếp tại 30 cơ quan, đơn vị."),
    (NewsKind.NEWS, "Kết quả kiểm tra việc áp dụng HTQLCL tại các cơ quan năm {year}",
     "Phần lớn các cơ quan duy trì tốt hệ thống; một số đơn vị cần cập nhật văn bản pháp luật."),
]
CLOSING = ("Chi tiết xin liên hệ Sở Khoa học và Công nghệ (Chi cục Tiêu chuẩn Đo lường Chất lượng), cơ quan "
           "thường trực triển khai Kế hoạch.")
DRAFT_TITLE = "Dự thảo: hướng dẫn chuyển đổi sang TCVN ISO 9001:2026"


def _author() -> User | None:
    return User.objects.filter(role=Role.PROVINCE_ADMIN, is_active=True).order_by("pk").first()


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if News.objects.exists():
        return {}
    author = actor if getattr(actor, "pk", None) else _author()
    last = anchor_date()
    first = dt.date(2019, 10, 30)
    dated = [(first, NewsKind.NEWS, SEED_TITLE, SEED_SUMMARY, SEED_BODY)]
    for year in range(2020, last.year + 1):
        for month, (kind, title, summary) in zip((2, 3, 4, 6, 8, 11), OTHERS, strict=True):
            day = dt.date(year, month, rng.randint(3, 25))
            if first < day <= last:
                dated.append((day, kind, title.format(year=year), summary, f"{summary}\n\n{CLOSING}"))
    clock = HistoricClock(rng, first)
    made = 0
    with clock.running():
        for day, kind, title, summary, body in sorted(dated):
            clock.at(day)
            news = services.news_create(actor=author, kind=kind, title=title, summary=summary, body=body)
            services.news_publish(actor=author, news=news)
            made += 1
        services.news_create(actor=author, kind=NewsKind.ANNOUNCEMENT, title=DRAFT_TITLE, body="Đang soạn.")
    # The counter's past weeks: two numbers a day, as the live counter writes them.
    today = timezone.localdate()
    VisitDay.objects.bulk_create([
        VisitDay(day=today - dt.timedelta(days=n), visitors=(v := rng.randint(600, 1200)), views=v * 3)
        for n in range(1, 60)], ignore_conflicts=True)
    return {"news": made + 1, "visit days": 59}
