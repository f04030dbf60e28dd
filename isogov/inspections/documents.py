"""The inspection's signable documents (Circular 26/2014/TT-BKHCN, art. 33–40), as Word files in the format of
Decree 30/2020/NĐ-CP, and the November summary as a workbook.

Mẫu 19 KHKT (the year's plan), Mẫu 20 QĐKT (the decision to inspect an agency on site), Mẫu 21 BBKT (the
record), and the summary for the province. These are the state's forms: their wording is Vietnamese whatever
the user's language, so labels come from the fixed tables below, not from the catalogue. Built from the same
selectors as the pages, so they carry what the user saw; generated on download, never stored.
"""
import datetime as dt
import io

from django.conf import settings
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from isogov.core.official import (
    Signer,
    abbreviation,
    centred,
    document_number,
    grid,
    official_document,
    paragraph,
    short_date,
    to_bytes,
    vn_date,
)
from isogov.core.sheets import append_row
from isogov.core.text import document_text, fold
from isogov.inspections import checklist, rules, selectors
from isogov.inspections.models import Inspection, InspectionPlan

DEPARTMENT = "Sở Khoa học và Công nghệ"
BLANK_LINE = "……………………………"  # to fill in by hand (a name, a position: one line of A4 holds both)
ONSITE = "Tại cơ quan"
ON_RECORDS = "Kiểm tra hồ sơ, báo cáo"
SUBJECT = "kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015"
BASIS = [
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng Hệ "
    "thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc "
    "hệ thống hành chính nhà nước;",
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học và Công nghệ quy "
    "định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;",
]
RESULT = {"conform": "Phù hợp", "partial": "Phù hợp một phần", "nonconform": "Không phù hợp",
          "na": "Không áp dụng"}
GRADE = {"major": "Không phù hợp nặng", "minor": "Không phù hợp nhẹ", "observation": "Khuyến nghị"}
RECORDS_RESULT = {"satisfactory": "Đạt yêu cầu", "to_improve": "Cần khắc phục", "not_reported": "Không gửi báo cáo"}
STATUS = {"reported": "Đã báo cáo khắc phục", "waiting": "Đang trong hạn báo cáo", "late": "Quá hạn báo cáo",
          "none": "Không có điểm phải khắc phục"}
DEFAULT_FORM = ("Kiểm tra tại cơ quan đối với các cơ quan có tên trong danh sách; kiểm tra hồ sơ, báo cáo đối với "
                "các cơ quan còn lại")


def place() -> str:
    """The place line of every document: the province (ISOGOV["PROVINCE_NAME"], Vĩnh Long since 1 July 2025)."""
    return settings.ISOGOV["PROVINCE_NAME"]


def province_committee() -> str:
    return f"Ủy ban nhân dân tỉnh {place()}"


def is_department(unit: str) -> bool:
    return fold(unit).startswith("so ")


def issuer_of(unit: str) -> tuple[str, str]:
    """(superior, issuer): the sub-department under the Department; the Department under the province."""
    return (province_committee() if is_department(unit) else DEPARTMENT), unit


def head_title(unit: str) -> str:
    if is_department(unit):
        return "Giám đốc"
    return "Chi cục trưởng" if fold(unit).startswith("chi cuc") else "Thủ trưởng đơn vị"


def person(user) -> str:
    return document_text(str(user)) if user else BLANK_LINE


def dong(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def plan_form(plan: InspectionPlan) -> str:
    """The form as recorded; the field's own default (stored in whichever language saved it) in Vietnamese."""
    default = InspectionPlan._meta.get_field("form").default
    defaults = set()
    for language in ("en", "vi"):
        with translation.override(language):
            defaults.add(str(default))
    return DEFAULT_FORM if plan.form in defaults else document_text(plan.form)


def _team(leader, members, *, numbered: bool = True) -> list[str]:
    lines = [f"{person(leader)} – Trưởng đoàn"]
    lines += [f"{person(u)} – Thành viên" for u in members if u != leader]
    return [f"{n}. {line}" if numbered else f"- {line}" for n, line in enumerate(lines, start=1)]


def _lines(doc, value: str, *, empty: str = BLANK_LINE) -> None:
    for line in (document_text(value).strip() or empty).split("\n"):
        paragraph(doc, line, indent=True)


def _checklist_lines(doc) -> None:
    points = checklist.points()
    for group in checklist.groups():
        paragraph(doc, f"- {group['title_vi']}:", indent=True)
        for p in points:
            if p.group == group["code"]:
                paragraph(doc, f"{p.code}. {p.title_vi};", indent=True, after=0)
        paragraph(doc, "", after=0)


def _members(obj) -> list:
    return sorted(obj.team.all(), key=lambda u: str(u))


def _recipients_tail(unit: str) -> list[str]:
    return ([] if is_department(unit) else [DEPARTMENT + " (để báo cáo)"]) + ["Lưu: VT"]


# Mẫu 19 KHKT

def plan_docx(plan: InspectionPlan) -> bytes:
    unit = plan.inspecting_unit
    superior, issuer = issuer_of(unit)
    onsite = list(plan.onsite.select_related("tier").order_by("tier__rank", "path"))
    records = selectors.records_rows(plan)

    def body(doc):
        paragraph(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
        paragraph(doc, f"Đánh giá việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo TCVN ISO "
                       f"9001:2015 của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước trên địa bàn tỉnh năm "
                       f"{plan.year}, theo Điều 33 đến Điều 40 Thông tư số 26/2014/TT-BKHCN.", indent=True)
        paragraph(doc, "II. NỘI DUNG KIỂM TRA", bold=True)
        _checklist_lines(doc)
        paragraph(doc, "III. ĐỐI TƯỢNG VÀ HÌNH THỨC KIỂM TRA", bold=True)
        paragraph(doc, f"1. Kiểm tra tại cơ quan: {len(onsite)} cơ quan.", indent=True)
        grid(doc, ["STT", "Cơ quan được kiểm tra", "Cấp", "Hình thức"],
             [[n, a.name, a.tier.name_vi, ONSITE] for n, a in enumerate(onsite, start=1)],
             widths=[Cm(1.2), Cm(8.3), Cm(3), Cm(3.5)])
        paragraph(doc, f"2. {ON_RECORDS}: {len(records)} cơ quan còn lại phải áp dụng.", indent=True)
        if records:
            grid(doc, ["STT", "Cơ quan", "Cấp", "Hình thức"],
                 [[n, r["agency"].name, r["agency"].tier.name_vi, ON_RECORDS]
                  for n, r in enumerate(records, start=1)], widths=[Cm(1.2), Cm(8.3), Cm(3), Cm(3.5)])
        paragraph(doc, f"3. Hình thức kiểm tra: {plan_form(plan)}.", indent=True)
        paragraph(doc, "IV. ĐƠN VỊ KIỂM TRA VÀ ĐOÀN KIỂM TRA", bold=True)
        paragraph(doc, f"Đơn vị chủ trì: {document_text(unit)}. Đoàn kiểm tra gồm:", indent=True)
        for line in _team(plan.leader, _members(plan)):
            paragraph(doc, line, indent=True, after=0)
        paragraph(doc, "", after=0)
        paragraph(doc, "V. THỜI GIAN KIỂM TRA", bold=True)
        paragraph(doc, f"Từ ngày {short_date(plan.period_start)} đến ngày {short_date(plan.period_end)}.", indent=True)
        paragraph(doc, "VI. KINH PHÍ", bold=True)
        source = f", từ {document_text(plan.budget_line.description)}" if plan.budget_line else ""
        paragraph(doc, f"Dự toán kinh phí: {dong(plan.budget)}{source}.", indent=True)
        paragraph(doc, "VII. TỔ CHỨC THỰC HIỆN", bold=True)
        if plan.decision_number:
            paragraph(doc, f"Kế hoạch được phê duyệt tại Quyết định số {document_text(plan.decision_number)} "
                           f"{vn_date(plan.decision_date)} của {province_committee()}.", indent=True)
        else:
            paragraph(doc, "Dự thảo: kế hoạch chưa được phê duyệt.", italic=True, indent=True)
        if plan.note:
            _lines(doc, plan.note)

    doc = official_document(
        issuer=issuer, superior=superior, number=document_number("", f"KH-{abbreviation(unit)}"), place=place(),
        date=plan.year, kind="Kế hoạch", summary=f"Kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO "
        f"9001:2015 tại các cơ quan hành chính nhà nước trên địa bàn tỉnh năm {plan.year}", body=body,
        recipients=[f"{province_committee()} (để phê duyệt)", "Các cơ quan được kiểm tra", "Thành viên Đoàn kiểm tra",
                    *_recipients_tail(unit)],
        signer_title=head_title(unit))
    return to_bytes(doc)


# Mẫu 20 QĐKT

def decision_docx(inspection: Inspection) -> bytes:
    plan, agency = inspection.plan, inspection.agency
    unit = plan.inspecting_unit
    superior, issuer = issuer_of(unit)
    name = document_text(agency.name)

    def body(doc):
        centred(doc, f"{head_title(unit)} {document_text(unit)}".upper(), bold=True, after=6)
        for line in BASIS:
            paragraph(doc, line, italic=True, indent=True)
        approved = (f" được phê duyệt tại Quyết định số {document_text(plan.decision_number)} "
                    f"{vn_date(plan.decision_date)} của {province_committee()}" if plan.decision_number else "")
        paragraph(doc, f"Căn cứ Kế hoạch kiểm tra năm {plan.year}{approved};", italic=True, indent=True)
        paragraph(doc, "Theo đề nghị của Trưởng đoàn kiểm tra,", italic=True, indent=True)
        centred(doc, "QUYẾT ĐỊNH:", bold=True, after=6)
        paragraph(doc, f"Điều 1. Thành lập Đoàn kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO "
                       f"9001:2015 tại {name}, gồm các ông (bà) có tên sau:", indent=True)
        for line in _team(inspection.leader, _members(inspection)):
            paragraph(doc, line, indent=True, after=0)
        paragraph(doc, "", after=0)
        paragraph(doc, "Điều 2. Nội dung kiểm tra theo Điều 36 Thông tư số 26/2014/TT-BKHCN:", indent=True)
        _checklist_lines(doc)
        when = (vn_date(inspection.scheduled_on) if inspection.scheduled_on else vn_date(plan.year))
        paragraph(doc, f"Thời gian kiểm tra: {when}. Địa điểm: trụ sở {name}.", indent=True)
        paragraph(doc, f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Trưởng đoàn kiểm tra, các thành viên "
                       f"Đoàn kiểm tra, {name} và các cơ quan, cá nhân có liên quan chịu trách nhiệm thi hành Quyết "
                       f"định này.", indent=True)

    doc = official_document(
        issuer=issuer, superior=superior,
        number=document_number(inspection.decision_number, f"QĐ-{abbreviation(unit)}"), place=place(),
        date=inspection.decision_date or plan.year, kind="Quyết định",
        summary=f"Về việc {SUBJECT} tại {name}", body=body,
        recipients=["Như Điều 3", *_recipients_tail(unit)], signer_title=head_title(unit))
    return to_bytes(doc)


# Mẫu 21 BBKT

def report_deadline(inspection: Inspection) -> str:
    months = settings.ISOGOV["INSPECTION_REPORT_MONTHS"]
    due = rules.report_due(inspection.record_date)
    until = f" (chậm nhất {vn_date(due)})" if due else ""
    agency, unit = document_text(inspection.agency.name), document_text(inspection.plan.inspecting_unit)
    return (f"Trong thời hạn {months:02d} tháng kể từ ngày lập biên bản{until}, {agency} thực hiện hành động khắc "
            f"phục và báo cáo kết quả bằng văn bản về {unit}.")


def record_docx(inspection: Inspection) -> bytes:
    plan, agency = inspection.plan, inspection.agency
    unit = plan.inspecting_unit
    superior, issuer = issuer_of(unit)
    name = document_text(agency.name)
    detail = selectors.inspection_detail(inspection)

    def body(doc):
        if inspection.decision_number:
            paragraph(doc, f"Căn cứ Quyết định số {document_text(inspection.decision_number)} "
                           f"{vn_date(inspection.decision_date)} của {document_text(unit)} về việc {SUBJECT} tại "
                           f"{name};", italic=True, indent=True)
        when = vn_date(inspection.scheduled_on) if inspection.scheduled_on else vn_date(plan.year)
        paragraph(doc, f"Hôm nay, {when}, tại trụ sở {name}, Đoàn kiểm tra tiến hành kiểm tra với sự có mặt của:",
                  indent=True)
        paragraph(doc, "I. THÀNH PHẦN", bold=True)
        paragraph(doc, "1. Đoàn kiểm tra:", indent=True, after=0)
        for line in _team(inspection.leader, _members(inspection), numbered=False):
            paragraph(doc, line, indent=True, after=0)
        paragraph(doc, f"2. Đại diện {name}:", indent=True, after=0)
        for _n in range(3):
            paragraph(doc, f"Ông (bà): {BLANK_LINE}  Chức vụ: {BLANK_LINE}", indent=True, after=0,
                      align=WD_ALIGN_PARAGRAPH.LEFT)
        paragraph(doc, "", after=0)
        paragraph(doc, "II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA", bold=True)
        for n, group in enumerate(detail["groups"], start=1):
            code = group["points"][0]["point"].group if group["points"] else ""
            title = next((g["title_vi"] for g in checklist.groups() if g["code"] == code), group["group"])
            paragraph(doc, f"{n}. {title}", bold=True, indent=True)
            rows = []
            for row in group["points"]:
                answer = row["answer"]
                rows.append([row["point"].code, row["point"].title_vi,
                             RESULT.get(answer.result, answer.result) if answer else "Chưa kiểm tra",
                             answer.evidence if answer else ""])
            grid(doc, ["Điểm", "Nội dung kiểm tra", "Kết quả", "Bằng chứng"], rows,
                 widths=[Cm(1.5), Cm(5.7), Cm(2.8), Cm(6)])
        paragraph(doc, "III. CÁC PHÁT HIỆN", bold=True)
        if detail["findings"]:
            grid(doc, ["STT", "Điểm", "Mức độ", "Nội dung phát hiện"],
                 [[n, f.point, GRADE.get(f.grade, f.grade), f.description]
                  for n, f in enumerate(detail["findings"], start=1)], widths=[Cm(1.2), Cm(1.3), Cm(3.5), Cm(10)],
                 centre=frozenset({0, 1}))
        else:
            paragraph(doc, "Không có phát hiện.", indent=True)
        paragraph(doc, "IV. KẾT LUẬN", bold=True)
        _lines(doc, inspection.conclusions)
        paragraph(doc, "V. KIẾN NGHỊ", bold=True)
        _lines(doc, inspection.recommendations)
        paragraph(doc, report_deadline(inspection), indent=True)
        paragraph(doc, "Biên bản kết thúc vào hồi …… giờ …… cùng ngày, đã được đọc lại cho các thành viên tham dự cùng "
                       "nghe và thống nhất ký tên. Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản.", indent=True)

    doc = official_document(
        issuer=issuer, superior=superior, number=document_number("", f"BB-{abbreviation(unit)}"), place=place(),
        date=inspection.record_date or plan.year, kind="Biên bản", summary=f"Kiểm tra việc áp dụng, duy trì và cải "
        f"tiến HTQLCL theo TCVN ISO 9001:2015 tại {name}", body=body,
        signers=[Signer("Đại diện cơ quan được kiểm tra"),
                 Signer("Trưởng đoàn kiểm tra", str(inspection.leader) if inspection.leader else "")])
    return to_bytes(doc)


# The November summary

def _response(r: selectors.Response) -> str:
    label = STATUS[r.status]
    if r.status in ("waiting", "late") and r.due:
        label += f" (hạn {short_date(r.due)})"
    if r.nonconformities:
        label += f": {r.reported}/{r.nonconformities}"
    return label


def inspected_rows(summary: selectors.Summary) -> list[list]:
    return [[n, i.agency.name, i.agency.tier.name_vi, short_date(i.scheduled_on) if i.scheduled_on else "",
             r.findings, _response(r)] for n, (i, r) in enumerate(summary.inspected, start=1)]


def point_rows(summary: selectors.Summary) -> list[list]:
    rows = [[p.code, p.title_vi, *(counts.get(t.code, 0) for t in summary.tiers), total]
            for p, counts, total in summary.by_point]
    totals = [sum(r[2 + i] for r in rows) for i in range(len(summary.tiers))]
    return [*rows, ["", "Tổng cộng", *totals, sum(totals)]]


def records_rows(summary: selectors.Summary) -> list[list]:
    out = []
    for n, row in enumerate(summary.records, start=1):
        check = row["check"]
        out.append([n, row["agency"].name, row["agency"].tier.name_vi,
                    short_date(check.checked_on) if check else "", ", ".join(check.passed) if check else "",
                    RECORDS_RESULT.get(check.result, check.result) if check else "Chưa kiểm tra"])
    return out


def totals(summary: selectors.Summary) -> list[tuple[str, int]]:
    checked = sum(1 for r in summary.records if r["check"])
    return [("Cơ quan phải áp dụng", summary.mandatory), ("Cơ quan được kiểm tra tại cơ quan", len(summary.inspected)),
            ("Cơ quan được kiểm tra hồ sơ, báo cáo", checked),
            ("Cơ quan chưa được kiểm tra hồ sơ, báo cáo", len(summary.records) - checked),
            ("Tổng số phát hiện", summary.findings),
            *((GRADE[g], summary.grades.get(g, 0)) for g in GRADE),
            ("Cơ quan đã báo cáo khắc phục", summary.reported), ("Cơ quan quá hạn báo cáo khắc phục", summary.late),
            ("Cơ quan đang trong hạn báo cáo", sum(1 for _i, r in summary.inspected if r.status == "waiting"))]


INSPECTED_HEADS = ["STT", "Cơ quan", "Cấp", "Ngày kiểm tra", "Số phát hiện", "Báo cáo khắc phục"]
RECORDS_HEADS = ["STT", "Cơ quan", "Cấp", "Ngày kiểm tra", "Nội dung đạt", "Kết quả"]


def _point_heads(summary) -> list[str]:
    return ["Điểm", "Nội dung kiểm tra", *(t.name_vi for t in summary.tiers), "Tổng"]


def summary_docx(summary: selectors.Summary, *, today: dt.date | None = None) -> bytes:
    plan = summary.plan
    unit = plan.inspecting_unit
    superior, issuer = issuer_of(unit)

    def body(doc):
        paragraph(doc, "I. KẾT QUẢ CHUNG", bold=True)
        for label, value in totals(summary):
            paragraph(doc, f"- {label}: {value}.", indent=True, after=0)
        paragraph(doc, "", after=0)
        paragraph(doc, "II. KẾT QUẢ KIỂM TRA TẠI CƠ QUAN", bold=True)
        grid(doc, INSPECTED_HEADS, inspected_rows(summary),
             widths=[Cm(1.1), Cm(5.5), Cm(2.2), Cm(2.4), Cm(1.8), Cm(3)], centre=frozenset({0, 3, 4}))
        paragraph(doc, "III. PHÁT HIỆN THEO NỘI DUNG KIỂM TRA VÀ THEO CẤP", bold=True)
        n = len(summary.tiers)
        grid(doc, _point_heads(summary), point_rows(summary), size=11,
             widths=[Cm(1.2), Cm(16 - 1.2 - 1.6 * (n + 1)), *[Cm(1.6)] * (n + 1)],
             centre=frozenset({0, *range(2, n + 3)}))
        paragraph(doc, f"IV. {ON_RECORDS.upper()}", bold=True)
        if summary.records:
            grid(doc, RECORDS_HEADS, records_rows(summary),
                 widths=[Cm(1.1), Cm(5.5), Cm(2.2), Cm(2.4), Cm(2), Cm(2.8)], centre=frozenset({0, 3, 4}))
        else:
            paragraph(doc, "Mọi cơ quan phải áp dụng đều được kiểm tra tại cơ quan.", indent=True)

    doc = official_document(
        issuer=issuer, superior=superior, number=document_number("", f"BC-{abbreviation(unit)}"), place=place(),
        date=today or plan.year, kind="Báo cáo",
        summary=f"Kết quả kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 năm {plan.year}",
        body=body, recipients=[province_committee(), *_recipients_tail(unit)], signer_title=head_title(unit))
    return to_bytes(doc)


def summary_xlsx(summary: selectors.Summary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    wb = Workbook()
    sheets = [("Tổng hợp", ["Chỉ tiêu", "Số lượng"], [list(t) for t in totals(summary)]),
              ("Tại cơ quan", INSPECTED_HEADS, inspected_rows(summary)),
              ("Theo nội dung", _point_heads(summary), point_rows(summary)),
              ("Hồ sơ, báo cáo", RECORDS_HEADS, records_rows(summary))]
    wb.remove(wb.active)
    for title, heads, rows in sheets:
        ws = wb.create_sheet(title)
        append_row(ws, [f"Năm {summary.plan.year}: {title}"], font=bold)
        append_row(ws, heads, font=bold)
        for row in rows:
            append_row(ws, row)
        ws.freeze_panes = "A3"
        ws.column_dimensions["A"].width = 45 if title == "Tổng hợp" else 8
        ws.column_dimensions["B"].width = 12 if title == "Tổng hợp" else 60
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
