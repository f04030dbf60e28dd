"""The inspection's signable documents (Circular 26/2014/TT-BKHCN, art. 33–40), as Word files in the format of
Decree 30/2020/NĐ-CP, and the November summary as a workbook.

Mẫu 19 KHKT (the year's plan), Mẫu 20 QĐKT (the decision to inspect an agency on site), Mẫu 21 BBKT (the
record), and the summary for the province. These are the state's forms: their wording is Vietnamese whatever
the user's language, so labels come from the fixed tables below, not from the catalogue. Built from the same
selectors as the pages, so they carry what the user saw; generated on download, never stored.
"""
import datetime as dt
import io
import pathlib

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from isogov.core import official
from isogov.core.official import Signer, abbreviation, short_date, vn_date
from isogov.core.places import province_name
from isogov.core.sheets import append_row
from isogov.core.text import document_text, fold
from isogov.doctemplates.letterhead import province_committee
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


def on_day(date) -> dt.date | None:
    """A document's day: its date, or the end of the year it is dated by (a plan's), or None (not dated yet)."""
    return date if isinstance(date, dt.date) else dt.date(date, 12, 31) if isinstance(date, int) else None


def place(on: dt.date | None = None) -> str:
    """The place line: the province as named on the document's day (Trà Vinh until 30/06/2025, core.places)."""
    return province_name(on)



def is_department(unit: str) -> bool:
    return fold(unit).startswith("so ")


def issuer_of(unit: str, on: dt.date | None = None) -> tuple[str, str]:
    """(superior, issuer): the sub-department under the Department; the Department under the province."""
    return (province_committee(on) if is_department(unit) else DEPARTMENT), unit


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


def _lines(value: str, *, empty: str = BLANK_LINE) -> list[str]:
    return (document_text(value).strip() or empty).split("\n")


def _groups() -> list[dict]:
    points = checklist.points()
    return [{"title": g["title_vi"], "points": [{"code": p.code, "title": p.title_vi} for p in points
                                                 if p.group == g["code"]]} for g in checklist.groups()]


def _members(obj) -> list:
    return sorted(obj.team.all(), key=lambda u: str(u))


def _recipients_tail(unit: str) -> list[str]:
    return ([] if is_department(unit) else [DEPARTMENT + " (để báo cáo)"]) + ["Lưu: VT"]


def _frame(unit: str, *, number: str = "", symbol: str, date, kind: str, summary: str, recipients=(),
           signers=None) -> dict:
    superior, issuer = issuer_of(unit, on_day(date))
    return official.frame(issuer=issuer, superior=superior, number=number, symbol=f"{symbol}-{abbreviation(unit)}",
                          place=place(on_day(date)), date=date, kind=kind, summary=summary, recipients=recipients,
                          signers=signers or [Signer(head_title(unit))])


def _approval(plan: InspectionPlan) -> str:
    if not plan.decision_number:
        return ""
    return (f"Quyết định số {document_text(plan.decision_number)} {vn_date(plan.decision_date)} của "
            f"{province_committee(plan.decision_date)}")


# Mẫu 19 KHKT

def plan_context(plan: InspectionPlan) -> dict:
    unit = plan.inspecting_unit
    onsite = plan.onsite.select_related("tier").order_by("tier__rank", "path")
    records = selectors.records_rows(plan)
    return {
        **_frame(unit, symbol="KH", date=plan.year, kind="Kế hoạch",
                 summary=f"Kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 tại các cơ quan "
                         f"hành chính nhà nước trên địa bàn tỉnh năm {plan.year}",
                 recipients=[f"{province_committee(on_day(plan.year))} (để phê duyệt)", "Các cơ quan được kiểm tra",
                             "Thành viên Đoàn kiểm tra", *_recipients_tail(unit)]),
        "year": plan.year, "groups": _groups(), "unit": unit, "form": plan_form(plan),
        "onsite": [{"n": n, "name": a.name, "tier": a.tier.name_vi} for n, a in enumerate(onsite, start=1)],
        "records": [{"n": n, "name": r["agency"].name, "tier": r["agency"].tier.name_vi}
                    for n, r in enumerate(records, start=1)],
        "team": _team(plan.leader, _members(plan)),
        "period_start": short_date(plan.period_start), "period_end": short_date(plan.period_end),
        "budget": dong(plan.budget), "source": plan.budget_line.description if plan.budget_line else "",
        "approved": _approval(plan),
        "note": _lines(plan.note) if plan.note else [],
    }


def plan_docx(plan: InspectionPlan) -> bytes:
    return official.render_docx("inspection_plan", plan_context(plan))


# Mẫu 20 QĐKT

def decision_context(inspection: Inspection) -> dict:
    plan, name = inspection.plan, document_text(inspection.agency.name)
    unit = plan.inspecting_unit
    return {
        **_frame(unit, number=inspection.decision_number, symbol="QĐ", date=inspection.decision_date or plan.year,
                 kind="Quyết định", summary=f"Về việc {SUBJECT} tại {name}",
                 recipients=["Như Điều 3", *_recipients_tail(unit)]),
        "head_title": head_title(unit).upper(), "unit": unit.upper(), "basis": BASIS, "year": plan.year,
        "approved": _approval(plan), "agency": name, "team": _team(inspection.leader, _members(inspection)),
        "groups": _groups(),
        "when": vn_date(inspection.scheduled_on) if inspection.scheduled_on else vn_date(plan.year),
    }


def decision_docx(inspection: Inspection) -> bytes:
    return official.render_docx("inspection_decision", decision_context(inspection))


# Mẫu 21 BBKT

def report_deadline(inspection: Inspection) -> str:
    months = settings.ISOGOV["INSPECTION_REPORT_MONTHS"]
    due = rules.report_due(inspection.record_date)
    until = f" (chậm nhất {vn_date(due)})" if due else ""
    agency, unit = document_text(inspection.agency.name), document_text(inspection.plan.inspecting_unit)
    return (f"Trong thời hạn {months:02d} tháng kể từ ngày lập biên bản{until}, {agency} thực hiện hành động khắc "
            f"phục và báo cáo kết quả bằng văn bản về {unit}.")


def _results(detail) -> list[dict]:
    titles = {g["code"]: g["title_vi"] for g in checklist.groups()}
    out = []
    for group in detail["groups"]:
        code = group["points"][0]["point"].group if group["points"] else ""
        rows = [{"code": row["point"].code, "title": row["point"].title_vi,
                 "result": RESULT.get(row["answer"].result, row["answer"].result) if row["answer"] else "Chưa kiểm tra",
                 "evidence": row["answer"].evidence if row["answer"] else ""} for row in group["points"]]
        out.append({"title": titles.get(code, group["group"]), "rows": rows})
    return out


def record_context(inspection: Inspection) -> dict:
    plan, name = inspection.plan, document_text(inspection.agency.name)
    unit = plan.inspecting_unit
    detail = selectors.inspection_detail(inspection)
    due = rules.report_due(inspection.record_date)
    decision = (f"Quyết định số {document_text(inspection.decision_number)} {vn_date(inspection.decision_date)}"
                if inspection.decision_number else "")
    return {
        **_frame(unit, symbol="BB", date=inspection.record_date or plan.year, kind="Biên bản",
                 summary=f"Kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 tại {name}",
                 signers=[Signer("Đại diện cơ quan được kiểm tra"),
                          Signer("Trưởng đoàn kiểm tra", str(inspection.leader) if inspection.leader else "")]),
        "decision": decision, "unit": unit, "agency": name,
        "when": vn_date(inspection.scheduled_on) if inspection.scheduled_on else vn_date(plan.year),
        "team": _team(inspection.leader, _members(inspection), numbered=False),
        "results": _results(detail),
        "findings": [{"point": f.point, "grade": GRADE.get(f.grade, f.grade), "description": f.description}
                     for f in detail["findings"]],
        "conclusions": _lines(inspection.conclusions), "recommendations": _lines(inspection.recommendations),
        "months": f"{settings.ISOGOV['INSPECTION_REPORT_MONTHS']:02d}", "due": vn_date(due) if due else "",
    }


def record_docx(inspection: Inspection) -> bytes:
    return official.render_docx("inspection_record", record_context(inspection))


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


def summary_context(summary: selectors.Summary, *, today: dt.date | None = None) -> dict:
    plan = summary.plan
    unit = plan.inspecting_unit
    keys = ("n", "name", "tier", "day")
    return {
        **_frame(unit, symbol="BC", date=today or plan.year, kind="Báo cáo",
                 summary=f"Kết quả kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015 năm "
                         f"{plan.year}",
                 recipients=[province_committee(on_day(today or plan.year)), *_recipients_tail(unit)]),
        "totals": [{"label": label, "value": value} for label, value in totals(summary)],
        "inspected": [dict(zip((*keys, "findings", "response"), row)) for row in inspected_rows(summary)],
        "tiers": [t.name_vi for t in summary.tiers],
        "points": [{"code": r[0], "title": r[1], "counts": r[2:-1], "total": r[-1]} for r in point_rows(summary)],
        "records": [dict(zip((*keys, "passed", "result"), row)) for row in records_rows(summary)],
    }


def summary_docx(summary: selectors.Summary, *, today: dt.date | None = None) -> bytes:
    return official.render_docx("inspection_summary", summary_context(summary, today=today))


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


# The samples an administrator's replacement must render (doctemplates checks each upload with its own).

def _sample_frame(symbol: str, kind: str, **extra) -> dict:
    return {**_frame("Chi cục Tiêu chuẩn Đo lường Chất lượng", number="12", symbol=symbol, date=dt.date(2026, 3, 5),
                     kind=kind, summary=f"{SUBJECT} năm 2026", recipients=["Lưu: VT"], **extra),
            "unit": "Chi cục Tiêu chuẩn Đo lường Chất lượng", "agency": "Sở Tư pháp", "year": 2026}


def _sample_groups() -> list[dict]:
    return [{"title": "Việc xây dựng HTQLCL", "points": [{"code": "1", "title": "Công bố HTQLCL"}]}]


def _sample_plan() -> dict:
    row = {"n": 1, "name": "Sở Tư pháp", "tier": "Cấp tỉnh"}
    return {**_sample_frame("KH", "Kế hoạch"), "groups": _sample_groups(), "onsite": [row], "records": [row],
            "form": DEFAULT_FORM, "team": ["1. Nguyễn Văn An – Trưởng đoàn"], "period_start": "01/03/2026",
            "period_end": "30/11/2026", "budget": dong(15_000_000), "source": "", "approved": "", "note": ["Ghi chú"]}


def _sample_decision() -> dict:
    return {**_sample_frame("QĐ", "Quyết định"), "head_title": "CHI CỤC TRƯỞNG",
            "unit": "CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG", "basis": BASIS, "approved": "",
            "team": ["1. Nguyễn Văn An – Trưởng đoàn"], "groups": _sample_groups(),
            "when": vn_date(dt.date(2026, 4, 15))}


def _sample_record() -> dict:
    return {**_sample_frame("BB", "Biên bản", signers=[Signer("Đại diện cơ quan được kiểm tra"),
                                                       Signer("Trưởng đoàn kiểm tra", "Nguyễn Văn An")]),
            "decision": "Quyết định số 45/QĐ-CCTĐC ngày 01 tháng 4 năm 2026", "when": vn_date(dt.date(2026, 4, 15)),
            "team": ["- Nguyễn Văn An – Trưởng đoàn"],
            "results": [{"title": "Việc xây dựng HTQLCL", "rows": [{"code": "1", "title": "Công bố HTQLCL",
                                                                  "result": RESULT["conform"], "evidence": "QĐ 9"}]}],
            "findings": [{"point": "1", "grade": GRADE["minor"], "description": "Chưa niêm yết"}],
            "conclusions": ["Kết luận"], "recommendations": ["Kiến nghị"], "months": "02", "due": ""}


def _sample_summary() -> dict:
    return {**_sample_frame("BC", "Báo cáo"), "totals": [{"label": "Tổng số phát hiện", "value": 1}],
            "inspected": [{"n": 1, "name": "Sở Tư pháp", "tier": "Cấp tỉnh", "day": "15/04/2026", "findings": 1,
                           "response": STATUS["reported"]}],
            "tiers": ["Cấp tỉnh", "Cấp xã"],
            "points": [{"code": "1", "title": "Công bố", "counts": [1, 0], "total": 1}],
            "records": [{"n": 1, "name": "Sở Nội vụ", "tier": "Cấp tỉnh", "day": "02/05/2026", "passed": "R1",
                         "result": RECORDS_RESULT["satisfactory"]}]}


_HERE = pathlib.Path(__file__).resolve().parent / "docx"
for _key, _title, _sample in (
        ("inspection_plan", gettext_lazy("Inspection plan (form Mẫu 19 KHKT)"), _sample_plan),
        ("inspection_decision", gettext_lazy("Inspection decision (form Mẫu 20 QĐKT)"), _sample_decision),
        ("inspection_record", gettext_lazy("Inspection record (form Mẫu 21 BBKT)"), _sample_record),
        ("inspection_summary", gettext_lazy("Summary of the year's inspections"), _sample_summary)):
    official.register(_key, title=_title, default=_HERE / f"{_key}.docx", sample=_sample)
