"""The annual reports as the Word files officials sign (and their PDF), through the document builder of
core.official: the Decree 30 frame and docxtpl templates an administrator may replace (`annual_province`,
`annual_agency`; the packaged defaults are written by tools/make_report_templates.py).

The documents are always in Vietnamese, whatever the reader's language: they are the province's papers.
"""
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.core import official
from isogov.core.official import Signer
from isogov.core.places import province_name
from isogov.doctemplates.letterhead import COMMITTEES, Letterhead, letterhead, province_committee
from isogov.programme.money import format_dong
from isogov.qms.documents import HEAD
from isogov.registry.models import Agency, AgencyKind

if TYPE_CHECKING:
    from isogov.reports.report import Report, Section

TEMPLATES = Path(__file__).resolve().parent / "docx"
PROVINCE, AGENCY = "annual_province", "annual_agency"
MINISTRY = "Bộ Khoa học và Công nghệ"


def in_vietnamese(build, *args, **kwargs):
    with translation.override("vi"):
        return build(*args, **kwargs)


def number(value) -> str:
    """A figure as a Vietnamese document writes it: 1.234.567, 85,7; a missing rate as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int):
        return format_dong(value)
    return str(value)


# The sections whose last row is a total, printed in bold (the template's `sections.<key>.total`).
WITH_TOTAL = {"qms", "follow", "budget"}


def _section(section: "Section") -> dict:
    rows = [{key: number(value) for key, value in row.items()} for row in section.rows]
    total = rows.pop() if section.key in WITH_TOTAL and rows else {}
    return {"title": section.title, "note": section.note, "heads": {c.key: c.head for c in section.columns},
            "rows": rows, "total": total}


# Part I's tables after its first two, each numbered on (`sections.<key>.n`) when the report has it.
NUMBERED_ON = ("by_province", "by_district", "score")


def _numbered(sections: dict) -> dict:
    n = 3
    for key in NUMBERED_ON:
        if key in sections:
            sections[key]["n"] = n
            n += 1
    return sections


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _on(report: "Report") -> dt.date:
    """The day the province is named as of: the signature's, else the 31 December the figures stand at."""
    return report.text.signed_on if report.text and report.text.signed_on else dt.date(report.year, 12, 31)


def _lead_unit() -> Agency | None:
    return Agency.objects.filter(is_programme_lead=True).select_related("parent").order_by("pk").first()


def _signer(agency: Agency | None, text) -> Signer:
    """The head signs (a People's Committee's chair on behalf of the body, Decree 30); the text may name another
    title (a deputy: "Phó Giám đốc") and the name."""
    kind = agency.kind if agency else AgencyKind.DEPARTMENT
    title = text.signer_title if text and text.signer_title else HEAD.get(kind, "Thủ trưởng cơ quan")
    return Signer(title, text.signer_name if text else "", "TM. Ủy ban nhân dân" if kind in COMMITTEES else "")


def _body(report: "Report") -> dict:
    text = report.text
    return {
        "year": report.year,
        "as_of": report.as_of.strftime("%d/%m/%Y"),
        "provisional": report.provisional,
        "provisional_note": _("Provisional: the year is not over; the figures will change until 31 December.")
        if report.provisional else "",
        "sections": _numbered({s.key: _section(s) for s in report.sections}),
        "difficulties": _paragraphs(text.difficulties if text else ""),
        "proposals": _paragraphs(text.proposals if text else ""),
        "remarks": _paragraphs(text.remarks if text else ""),
    }


def _date(report: "Report") -> dt.date | int:
    return report.text.signed_on if report.text and report.text.signed_on else report.year


def province_context(report: "Report") -> dict:
    lead = _lead_unit()
    on = _on(report)
    head = letterhead(lead, on) if lead else Letterhead("Sở Khoa học và Công nghệ", province_committee(on), "SKHCN")
    text = report.text
    frame = official.frame(
        issuer=head.issuer, superior=head.superior, number=text.number if text else "",
        symbol=f"BC-{head.initials}", place=province_name(on), date=_date(report), kind="BÁO CÁO",
        summary=f"Tình hình xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo "
                f"TCVN ISO 9001:2015 năm {report.year}",
        recipients=[MINISTRY, province_committee(on), "Lưu: VT"], signers=[_signer(lead, text)])
    return {**frame, **_body(report), "issuer_name": head.issuer}


def agency_context(report: "Report") -> dict:
    agency, text = report.agency, report.text
    on = _on(report)
    head = letterhead(agency, on)
    lead = _lead_unit()
    frame = official.frame(
        issuer=head.issuer, superior=head.superior, number=text.number if text else "",
        symbol=f"BC-{head.initials}", place=province_name(on), date=_date(report), kind="BÁO CÁO",
        summary=f"Kết quả áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 "
                f"năm {report.year}",
        recipients=[lead.name if lead else "Sở Khoa học và Công nghệ", "Lưu: VT"], signers=[_signer(agency, text)])
    return {**frame, **_body(report), "agency": head.issuer, "agency_code": agency.code}


def report_docx(report: "Report") -> bytes:
    """The Word file of a report built in Vietnamese (in_vietnamese): its headings are the report's own."""
    if report.agency is None:
        return official.render_docx(PROVINCE, in_vietnamese(province_context, report))
    return official.render_docx(AGENCY, in_vietnamese(agency_context, report))


def report_pdf(report: "Report") -> bytes:
    """Raises official.PdfUnavailable when this machine cannot make a PDF."""
    if report.agency is None:
        return official.render_pdf(PROVINCE, in_vietnamese(province_context, report))
    return official.render_pdf(AGENCY, in_vietnamese(agency_context, report))


def _sample_body(keys: dict[str, list[str]]) -> dict:
    return _numbered({key: {"title": key, "note": "", "heads": {c: c for c in cols}, "rows": [{c: "1" for c in cols}],
                            "total": {c: "1" for c in cols}} for key, cols in keys.items()})


PAIRS = ["label", "value"]
ROLLUP_COLUMNS = ["group", "agencies", "must_apply", "announced", "announced_rate", "compliant", "compliant_rate",
                  "trained", "trained_rate"]
PROVINCE_SECTIONS = {
    "qms": ["tier", "agencies", "must_apply", "announced", "announced_rate", "maintaining", "maintaining_rate",
            "building", "not_started"],
    "follow": ["tier", "compliant", "compliant_rate", "ca_overdue", "legal_overdue", "trained", "trained_rate"],
    "training": PAIRS, "inspections": PAIRS,
    "budget": ["plan", "estimate", "allocated", "disbursed", "spent_year"],
    "score": ["tier", "points", "max_points", "percent"],
    "by_province": ROLLUP_COLUMNS, "by_district": ROLLUP_COLUMNS,
}
AGENCY_SECTIONS = {key: PAIRS for key in ("qms", "capa", "legal", "objectives", "training")}


def _sample(sections: dict[str, list[str]], **extra) -> dict:
    head = official.frame(issuer="Sở Khoa học và Công nghệ", superior="UBND tỉnh Trà Vinh", number="12",
                          symbol="BC-SKHCN", place="Trà Vinh", date=dt.date(2020, 12, 15), kind="BÁO CÁO",
                          summary="Tình hình áp dụng HTQLCL năm 2020", recipients=[MINISTRY, "Lưu: VT"],
                          signers=[Signer(title="Giám đốc", name="Nguyễn Văn A")])
    return {**head, "year": 2020, "as_of": "31/12/2020", "provisional": False, "provisional_note": "",
            "sections": _sample_body(sections), "difficulties": ["Khó khăn"], "proposals": ["Kiến nghị"],
            "remarks": [], **extra}


def register_templates() -> None:
    official.register(PROVINCE, title=gettext_lazy("Annual report of the province to the Ministry"),
                      default=TEMPLATES / f"{PROVINCE}.docx", sample=lambda: _sample(PROVINCE_SECTIONS))
    official.register(AGENCY, title=gettext_lazy("Annual report of an agency to the lead unit"),
                      default=TEMPLATES / f"{AGENCY}.docx",
                      sample=lambda: _sample(AGENCY_SECTIONS, agency="Sở Tư pháp", agency_code="STP"))
