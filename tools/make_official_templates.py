"""Writes the packaged default templates of the signable documents (docxtpl: Jinja tags in Word files).

    /work/main/.venv/bin/python tools/make_official_templates.py [key ...]

The frame (official_frame.py) and each document's body, as Jinja tags over the context its area builds (see the
`context` function beside each area's register call). The .docx files are committed; an administrator may
replace any of them from the application without touching code. Run it again after changing a layout here,
then render each (soffice --headless --convert-to pdf; pdftoppm -png -r 60) and look.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from docx.shared import Cm  # noqa: E402
from official_frame import CENTER, LEFT, centred, document, facts, grid, heading, lines, para, tag  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent / "isogov"
BODIES = {}


def body(key, area, *, pair=False, annex=None):
    def wrap(fn):
        BODIES[key] = (ROOT / area / "docx" / f"{key}.docx", fn, pair, annex)
        return fn
    return wrap


# Mẫu 20 QĐKT: the decision to inspect an agency on site (isogov/inspections/documents.py)

def checklist(doc):
    """The checklist's groups and points (Circular 26/2014 art. 36): context `groups` [{title, points: [{code,
    title}]}]."""
    tag(doc, "{%p for g in groups %}")
    para(doc, "- {{ g.title }}:", indent=True)
    tag(doc, "{%p for p in g.points %}")
    para(doc, "{{ p.code }}. {{ p.title }};", indent=True, after=0)
    tag(doc, "{%p endfor %}")
    para(doc, "", after=0)
    tag(doc, "{%p endfor %}")


@body("inspection_decision", "inspections")
def inspection_decision(doc):
    centred(doc, "{{ head_title }} {{ unit }}", bold=True, after=6)
    lines(doc, "line in basis", italic=True)
    para(doc, "Căn cứ Kế hoạch kiểm tra năm {{ year }}{% if approved %} được phê duyệt tại {{ approved }}{% endif %};",
         italic=True, indent=True)
    para(doc, "Theo đề nghị của Trưởng đoàn kiểm tra,", italic=True, indent=True)
    centred(doc, "QUYẾT ĐỊNH:", bold=True, after=6)
    para(doc, "Điều 1. Thành lập Đoàn kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 tại "
              "{{ agency }}, gồm các ông (bà) có tên sau:", indent=True)
    lines(doc, "line in team", after=0)
    para(doc, "", after=0)
    para(doc, "Điều 2. Nội dung kiểm tra theo Điều 36 Thông tư số 26/2014/TT-BKHCN:", indent=True)
    checklist(doc)
    para(doc, "Thời gian kiểm tra: {{ when }}. Địa điểm: trụ sở {{ agency }}.", indent=True)
    para(doc, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng đoàn kiểm tra, các thành viên Đoàn kiểm "
              "tra, {{ agency }} và các cơ quan, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
         indent=True)


# Mẫu 19 KHKT: the year's inspection plan

@body("inspection_plan", "inspections")
def inspection_plan(doc):
    heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    para(doc, "Đánh giá việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 của "
              "các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước trên địa bàn tỉnh năm {{ year }}, theo Điều 33 "
              "đến Điều 40 Thông tư số 26/2014/TT-BKHCN.", indent=True)
    heading(doc, "II. NỘI DUNG KIỂM TRA")
    checklist(doc)
    heading(doc, "III. ĐỐI TƯỢNG VÀ HÌNH THỨC KIỂM TRA")
    para(doc, "1. Kiểm tra tại cơ quan: {{ onsite|length }} cơ quan.", indent=True)
    grid(doc, ["STT", "Cơ quan được kiểm tra", "Cấp", "Hình thức"], ["{{ r.n }}", "{{ r.name }}", "{{ r.tier }}",
         "Tại cơ quan"], "r in onsite", widths=[Cm(1.2), Cm(8.3), Cm(3), Cm(3.5)])
    para(doc, "2. Kiểm tra hồ sơ, báo cáo: {{ records|length }} cơ quan còn lại phải áp dụng.", indent=True)
    tag(doc, "{%p if records %}")
    grid(doc, ["STT", "Cơ quan", "Cấp", "Hình thức"], ["{{ r.n }}", "{{ r.name }}", "{{ r.tier }}",
         "Kiểm tra hồ sơ, báo cáo"], "r in records", widths=[Cm(1.2), Cm(8.3), Cm(3), Cm(3.5)])
    tag(doc, "{%p endif %}")
    para(doc, "3. Hình thức kiểm tra: {{ form }}.", indent=True)
    heading(doc, "IV. ĐƠN VỊ KIỂM TRA VÀ ĐOÀN KIỂM TRA")
    para(doc, "Đơn vị chủ trì: {{ unit }}. Đoàn kiểm tra gồm:", indent=True)
    lines(doc, "line in team", after=0)
    para(doc, "", after=0)
    heading(doc, "V. THỜI GIAN KIỂM TRA")
    para(doc, "Từ ngày {{ period_start }} đến ngày {{ period_end }}.", indent=True)
    heading(doc, "VI. KINH PHÍ")
    para(doc, "Dự toán kinh phí: {{ budget }}{% if source %}, từ {{ source }}{% endif %}.", indent=True)
    heading(doc, "VII. TỔ CHỨC THỰC HIỆN")
    tag(doc, "{%p if approved %}")
    para(doc, "Kế hoạch được phê duyệt tại {{ approved }}.", indent=True)
    tag(doc, "{%p else %}")
    para(doc, "Dự thảo: kế hoạch chưa được phê duyệt.", italic=True, indent=True)
    tag(doc, "{%p endif %}")
    lines(doc, "line in note")


# Mẫu 21 BBKT: the record of an inspection on site, signed by both parties

@body("inspection_record", "inspections", pair=True)
def inspection_record(doc):
    tag(doc, "{%p if decision %}")
    para(doc, "Căn cứ {{ decision }} của {{ unit }} về việc kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo "
              "TCVN ISO 9001:2015 tại {{ agency }};", italic=True, indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "Hôm nay, {{ when }}, tại trụ sở {{ agency }}, Đoàn kiểm tra tiến hành kiểm tra với sự có mặt của:",
         indent=True)
    heading(doc, "I. THÀNH PHẦN")
    para(doc, "1. Đoàn kiểm tra:", indent=True, after=0)
    lines(doc, "line in team", after=0)
    para(doc, "2. Đại diện {{ agency }}:", indent=True, after=0)
    for _n in range(3):
        para(doc, "Ông (bà): ……………………………  Chức vụ: ……………………………", indent=True, after=0, align=LEFT)
    para(doc, "", after=0)
    heading(doc, "II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA")
    tag(doc, "{%p for g in results %}")
    para(doc, "{{ loop.index }}. {{ g.title }}", bold=True, indent=True)
    grid(doc, ["Điểm", "Nội dung kiểm tra", "Kết quả", "Bằng chứng"],
         ["{{ r.code }}", "{{ r.title }}", "{{ r.result }}", "{{ r.evidence }}"], "r in g.rows",
         widths=[Cm(1.5), Cm(5.7), Cm(2.8), Cm(6)])
    tag(doc, "{%p endfor %}")
    heading(doc, "III. CÁC PHÁT HIỆN")
    tag(doc, "{%p if findings %}")
    grid(doc, ["STT", "Điểm", "Mức độ", "Nội dung phát hiện"],
         ["{{ loop.index }}", "{{ f.point }}", "{{ f.grade }}", "{{ f.description }}"], "f in findings",
         widths=[Cm(1.2), Cm(1.3), Cm(3.5), Cm(10)], centre=frozenset({0, 1}))
    tag(doc, "{%p else %}")
    para(doc, "Không có phát hiện.", indent=True)
    tag(doc, "{%p endif %}")
    heading(doc, "IV. KẾT LUẬN")
    lines(doc, "line in conclusions")
    heading(doc, "V. KIẾN NGHỊ")
    lines(doc, "line in recommendations")
    para(doc, "Trong thời hạn {{ months }} tháng kể từ ngày lập biên bản{% if due %} (chậm nhất {{ due }}){% endif %}, "
              "{{ agency }} thực hiện hành động khắc phục và báo cáo kết quả bằng văn bản về {{ unit }}.", indent=True)
    para(doc, "Biên bản kết thúc vào hồi …… giờ …… cùng ngày, đã được đọc lại cho các thành viên tham dự cùng nghe và "
              "thống nhất ký tên. Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản.", indent=True)


# The November summary of the year's inspections

@body("inspection_summary", "inspections")
def inspection_summary(doc):
    heading(doc, "I. KẾT QUẢ CHUNG")
    lines(doc, "t in totals", "- {{ t.label }}: {{ t.value }}.", after=0)
    para(doc, "", after=0)
    heading(doc, "II. KẾT QUẢ KIỂM TRA TẠI CƠ QUAN")
    grid(doc, ["STT", "Cơ quan", "Cấp", "Ngày kiểm tra", "Số phát hiện", "Báo cáo khắc phục"],
         ["{{ r.n }}", "{{ r.name }}", "{{ r.tier }}", "{{ r.day }}", "{{ r.findings }}", "{{ r.response }}"],
         "r in inspected", widths=[Cm(1.1), Cm(5.5), Cm(2.2), Cm(2.4), Cm(1.8), Cm(3)], centre=frozenset({0, 3, 4}))
    heading(doc, "III. PHÁT HIỆN THEO NỘI DUNG KIỂM TRA VÀ THEO CẤP")
    # One column per tier ({%tc for %}): the tiers are the registry's, not the template's.
    grid(doc, ["Điểm", "Nội dung kiểm tra", "{%tc for t in tiers %}", "{{ t }}", "{%tc endfor %}", "Tổng"],
         ["{{ r.code }}", "{{ r.title }}", "{%tc for c in r.counts %}", "{{ c }}", "{%tc endfor %}", "{{ r.total }}"],
         "r in points", widths=[Cm(1.2), Cm(7.8), Cm(0.1), Cm(1.6), Cm(0.1), Cm(1.6)], size=11,
         centre=frozenset({0, 2, 3, 4, 5}))
    heading(doc, "IV. KIỂM TRA HỒ SƠ, BÁO CÁO")
    tag(doc, "{%p if records %}")
    grid(doc, ["STT", "Cơ quan", "Cấp", "Ngày kiểm tra", "Nội dung đạt", "Kết quả"],
         ["{{ r.n }}", "{{ r.name }}", "{{ r.tier }}", "{{ r.day }}", "{{ r.passed }}", "{{ r.result }}"],
         "r in records", widths=[Cm(1.1), Cm(5.5), Cm(2.2), Cm(2.4), Cm(2), Cm(2.8)], centre=frozenset({0, 3, 4}))
    tag(doc, "{%p else %}")
    para(doc, "Mọi cơ quan phải áp dụng đều được kiểm tra tại cơ quan.", indent=True)
    tag(doc, "{%p endif %}")


# The report on the implementation of the province's plan (isogov/programme/exports.py)

@body("plan_report", "programme")
def plan_report(doc):
    para(doc, "Kế hoạch: {{ plan_title }}", bold=True, align=CENTER)
    para(doc, "Quyết định: {{ decision }}", indent=True)
    para(doc, "Thời gian thực hiện: {{ period }}. Đơn vị chủ trì: {{ lead_unit }}.", indent=True)
    para(doc, "Tiến độ chung: {{ progress }}% (bình quân tiến độ của các hoạt động, không tính các hoạt động đã hủy).",
         indent=True)
    tag(doc, "{%p if objectives %}")
    heading(doc, "I. MỤC TIÊU")
    grid(doc, ["STT", "Mục tiêu", "Đo bằng", "Chỉ tiêu (%)", "Giá trị hiện tại"],
         ["{{ r[0] }}", "{{ r[1] }}", "{{ r[2] }}", "{{ r[3] }}", "{{ r[4] }}"], "r in objectives",
         widths=[Cm(1), Cm(4.5), Cm(4.5), Cm(2), Cm(4)], centre=frozenset({0, 3}))
    tag(doc, "{%p endif %}")
    heading(doc, "II. CÁC HOẠT ĐỘNG")
    grid(doc, ["STT", "Hoạt động", "Đơn vị chủ trì", "Bắt đầu", "Kết thúc", "Trạng thái", "Tiến độ (%)"],
         [f"{{{{ r[{i}] }}}}" for i in range(7)], "r in activities",
         widths=[Cm(0.9), Cm(3.9), Cm(2.6), Cm(2.4), Cm(2.4), Cm(2.2), Cm(1.6)], centre=frozenset({0, 3, 4, 6}),
         size=11)
    heading(doc, "III. TÌNH HÌNH THỰC HIỆN KINH PHÍ")
    grid(doc, ["Dòng kinh phí", "Nguồn kinh phí", "Dự toán (đồng)", "Được giao (đồng)", "Đã cam kết (đồng)",
               "Đã giải ngân (đồng)"], [f"{{{{ r[{i}] }}}}" for i in range(6)], "r in budget",
         widths=[Cm(4.5), Cm(2.5), Cm(2.25), Cm(2.25), Cm(2.25), Cm(2.25)], centre=frozenset(), size=11,
         footer=["Tổng cộng", "", "{{ totals[0] }}", "{{ totals[1] }}", "{{ totals[2] }}", "{{ totals[3] }}"])


# The internal audit report (isogov/audits/report.py)

def bullets(doc, loop, value):
    tag(doc, f"{{%p for {loop} %}}")
    para(doc, f"- {value}", indent=True, after=0)
    tag(doc, "{%p endfor %}")


@body("audit_report", "audits")
def audit_report(doc):
    para(doc, "{{ title }}", bold=True, align=CENTER)
    facts(doc, [("Cơ quan", "{{ agency }}"), ("Chương trình đánh giá năm", "{{ programme }}"),
                ("Ngày đánh giá", "{{ audit_date }}"), ("Ngày báo cáo", "{{ report_date }}"),
                ("Tiêu chuẩn", "{{ standard }}"), ("Trạng thái", "{{ state }}")])
    heading(doc, "I. PHẠM VI ĐÁNH GIÁ")
    lines(doc, "line in scope")
    tag(doc, "{%p if procedures %}")
    para(doc, "Các thủ tục hành chính được đánh giá:", indent=True, after=0)
    bullets(doc, "p in procedures", "{{ p }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if areas %}")
    para(doc, "Các phòng, bộ phận và quá trình được đánh giá:", indent=True, after=0)
    bullets(doc, "a in areas", "{{ a }}")
    tag(doc, "{%p endif %}")
    heading(doc, "II. ĐOÀN ĐÁNH GIÁ")
    bullets(doc, "m in team", "{{ m }}")
    heading(doc, "III. KẾT QUẢ THEO DANH MỤC KIỂM TRA")
    grid(doc, ["Kết quả", "Số điều khoản"], ["{{ r.label }}", "{{ r.count }}"], "r in counts",
         widths=[Cm(10), Cm(6)], centre=frozenset({1}), footer=["Tổng cộng", "{{ checked }}"])
    tag(doc, "{%p if failing %}")
    para(doc, "Các điều khoản không phù hợp:", indent=True, after=0)
    bullets(doc, "f in failing", "{{ f }}")
    tag(doc, "{%p endif %}")
    heading(doc, "IV. CÁC PHÁT HIỆN")
    tag(doc, "{%p if findings %}")
    grid(doc, ["STT", "Mức độ", "Điều khoản", "Bộ phận", "Nội dung phát hiện", "Điểm không phù hợp"],
         ["{{ loop.index }}", "{{ f.grade }}", "{{ f.clause }}", "{{ f.area }}", "{{ f.description }}",
          "{{ f.nonconformity }}"], "f in findings",
         widths=[Cm(1), Cm(2.7), Cm(1.8), Cm(2.5), Cm(6), Cm(2)], centre=frozenset({0, 2, 5}), size=11)
    para(doc, "{{ grade_totals }}", indent=True)
    tag(doc, "{%p else %}")
    para(doc, "Không ghi nhận phát hiện nào.", indent=True)
    tag(doc, "{%p endif %}")
    heading(doc, "V. KẾT LUẬN")
    lines(doc, "line in conclusion")


# The minutes of a management review (isogov/reviews/minutes.py)

@body("review_minutes", "reviews")
def review_minutes(doc):
    tag(doc, "{%p if draft %}")
    para(doc, "Dự thảo: cuộc họp chưa diễn ra; các đầu vào được tổng hợp đến {{ today }}.", italic=True, indent=True)
    tag(doc, "{%p endif %}")
    facts(doc, [("Ngày họp", "{{ meeting_date }}"), ("Chủ trì", "{{ chair }}"),
                ("Thành phần tham dự", "{{ participants }}"), ("Đầu vào tính từ ngày", "{{ since }}")])
    heading(doc, "I. ĐẦU VÀO CỦA XEM XÉT (TCVN ISO 9001:2015, 9.3.2)")
    tag(doc, "{%p for item in agenda %}")
    para(doc, "{{ loop.index }}. {{ item.title }}", bold=True, indent=True)
    bullets(doc, "line in item.lines", "{{ line }}")
    para(doc, "Thảo luận và kết luận: {{ item.notes }}", indent=True)
    tag(doc, "{%p endfor %}")
    heading(doc, "II. ĐẦU RA CỦA XEM XÉT (TCVN ISO 9001:2015, 9.3.3)")
    tag(doc, "{%p if actions %}")
    grid(doc, ["Đầu ra", "Quyết định hoặc hành động", "Người thực hiện", "Thời hạn", "Hoàn thành"],
         ["{{ a.kind }}", "{{ a.description }}", "{{ a.owner }}", "{{ a.due }}", "{{ a.done }}"], "a in actions",
         widths=[Cm(2.6), Cm(5.1), Cm(2.9), Cm(2.6), Cm(2.8)], centre=frozenset({3, 4}), size=12)
    tag(doc, "{%p else %}")
    para(doc, "Không có hành động nào được quyết định.", indent=True)
    tag(doc, "{%p endif %}")


# The announcement of conformity (isogov/qms/documents.py): the decision (Decision 19/2014, Phụ lục I) and its
# notice to the lead unit

def scope_table(doc):
    grid(doc, ["STT", "Mã thủ tục", "Tên thủ tục hành chính", "Lĩnh vực"],
         ["{{ p.n }}", "{{ p.code }}", "{{ p.name }}", "{{ p.field }}"], "p in scope",
         widths=[Cm(1.2), Cm(3), Cm(8), Cm(3.8)], centre=frozenset({0, 1}))


def announcement_annex(doc):
    centred(doc, "PHỤ LỤC", bold=True)
    centred(doc, "DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI ÁP DỤNG HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG", bold=True)
    centred(doc, "(Kèm theo Quyết định số {{ number }} {{ date }} của {{ agency }})", italic=True, after=6)
    scope_table(doc)


@body("qms_announcement", "qms", annex=announcement_annex)
def qms_announcement(doc):
    centred(doc, "{{ authority }}", bold=True, after=6)
    lines(doc, "line in basis", italic=True)
    para(doc, "Căn cứ chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {{ agency }};", italic=True, indent=True)
    para(doc, "Xét đề nghị của Ban chỉ đạo ISO,", italic=True, indent=True)
    centred(doc, "QUYẾT ĐỊNH:", bold=True, after=6)
    para(doc, "Điều 1. Công bố Hệ thống quản lý chất lượng của {{ agency }} phù hợp Tiêu chuẩn quốc gia "
              "{{ standard }}{% if reannouncement %} (công bố lại do thay đổi phạm vi){% endif %}, áp dụng đối với "
              "các hoạt động xử lý công việc liên quan đến {{ scope|length }} thủ tục hành chính nêu tại Phụ lục kèm "
              "theo Quyết định này.", indent=True)
    para(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Quyết định được niêm yết tại trụ sở và đăng tải trên "
              "Cổng (Trang) thông tin điện tử của cơ quan.", indent=True)
    para(doc, "Điều 3. Ban chỉ đạo ISO, thư ký ISO, các phòng, bộ phận và công chức, viên chức của {{ agency }} chịu "
              "trách nhiệm thi hành Quyết định này.", indent=True)


@body("qms_announcement_notice", "qms")
def qms_announcement_notice(doc):
    centred(doc, "Kính gửi: {{ lead_unit }}.", after=12)
    para(doc, "Thực hiện Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ và Thông tư "
              "số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học và Công nghệ, {{ agency }} đã "
              "ban hành {{ decision }} về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia "
              "{{ standard }} (bản sao kèm theo).", indent=True)
    para(doc, "Phạm vi áp dụng gồm {{ scope|length }} thủ tục hành chính:", indent=True)
    scope_table(doc)
    tag(doc, "{%p if posted_on or website %}")
    para(doc, "Quyết định công bố đã được niêm yết tại trụ sở{% if posted_on %} từ {{ posted_on }}{% endif %}"
              "{% if website %} và đăng tải tại {{ website }}{% endif %}.", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "{{ agency }} thông báo để {{ lead_unit }} biết, theo dõi và tổng hợp báo cáo./.", indent=True)


def main(argv) -> None:
    chosen = set(argv) or set(BODIES)
    for key, (path, fn, pair, annex) in sorted(BODIES.items()):
        if key in chosen:
            document(path, fn, pair=pair, annex=annex)
            print(path.relative_to(ROOT.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
