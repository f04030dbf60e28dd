"""The internal audit report, a signable document in the format of Decree 30/2020/NĐ-CP, generated on download
from what is recorded (never stored).

The fixed wording is the Word template isogov/audits/docx/audit_report.docx (tools/make_official_templates.py;
an administrator may replace it); this module builds the context its tags name. The recorded values keep the
user's language (a grade's label, a state's); core.official cleans every text for XML.
"""
import datetime as dt
import pathlib

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isogov.audits.models import Audit, Grade, Result
from isogov.core import official
from isogov.core.official import Signer
from isogov.core.places import province_name
from isogov.doctemplates.letterhead import letterhead

KEY = "audit_report"


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def report_context(audit: Audit) -> dict:
    checklist = list(audit.checklist.select_related("clause"))
    findings = list(audit.findings.select_related("clause", "area", "nonconformity"))
    team = list(audit.team.all())
    agency = audit.agency
    lead = next((m for m in team if m.is_lead), None)
    counts = {r: sum(1 for i in checklist if i.result == r) for r in Result}
    day = audit.reported_on or audit.audit_date
    head = letterhead(agency, day)
    frame = official.frame(
        issuer=head.issuer, superior=head.superior, number="", symbol=f"BC-{head.initials}",
        place=province_name(day),
        date=audit.reported_on or (audit.audit_date.year if audit.audit_date else None), kind="Báo cáo",
        summary=f"Kết quả đánh giá nội bộ: {audit.title}",
        recipients=[f"Lãnh đạo {agency.name}", "Ban chỉ đạo ISO", "Các phòng, bộ phận được đánh giá", "Lưu: VT"],
        signers=[Signer("Trưởng đoàn đánh giá", lead.name if lead else "")])
    return {
        **frame,
        "title": audit.title, "agency": agency.name, "programme": str(audit.programme.year),
        "audit_date": _date(audit.audit_date), "report_date": _date(audit.reported_on),
        "standard": str(audit.framework), "state": str(audit.get_state_display()),
        "scope": (audit.scope or "—").split("\n"),
        "procedures": [f"{p.code} — {p.name}" for p in audit.procedures.order_by("code")],
        "areas": [f"{a.name} ({_('owner')}: {a.owner_name})" for a in audit.areas.all()],
        "team": [f"{m.name} — {_('Lead auditor') if m.is_lead else _('Auditor')}" for m in team] or ["—"],
        "counts": [{"label": str(r.label), "count": formats.number_format(counts[r])} for r in Result],
        "checked": formats.number_format(len(checklist)),
        "failing": [f"{i.clause.number} {i.clause.title}" + (f": {i.notes}" if i.notes else "")
                    for i in checklist if i.result == Result.NONCONFORM],
        "findings": [{"grade": str(f.get_grade_display()), "clause": f.clause.number,
                      "area": f.area.name if f.area else "", "description": f.description,
                      "nonconformity": f"#{f.nonconformity.number}" if f.nonconformity else ""} for f in findings],
        "grade_totals": ", ".join(f"{g.label}: {sum(1 for f in findings if f.grade == g)}" for g in Grade),
        "conclusion": (audit.summary or "—").split("\n"),
    }


def audit_report_docx(audit: Audit) -> bytes:
    return official.render_docx(KEY, report_context(audit))


def _sample() -> dict:
    frame = official.frame(
        issuer="Ủy ban nhân dân thành phố Trà Vinh", superior="Ủy ban nhân dân tỉnh Vĩnh Long", number="",
        symbol="BC-UBND", place="Vĩnh Long", date=dt.date(2026, 3, 5), kind="Báo cáo",
        summary="Kết quả đánh giá nội bộ năm 2026", recipients=["Ban chỉ đạo ISO", "Lưu: VT"],
        signers=[Signer("Trưởng đoàn đánh giá", "Trần Thị Bích")])
    return {**frame, "title": "Đánh giá nội bộ năm 2026", "agency": "Ủy ban nhân dân thành phố Trà Vinh",
            "programme": "2026", "audit_date": "02/03/2026", "report_date": "05/03/2026",
            "standard": "TCVN ISO 9001:2015", "state": "Đã báo cáo", "scope": ["Bộ phận một cửa"],
            "procedures": ["1.001234 — Đăng ký khai sinh"], "areas": ["Văn phòng (phụ trách: Nguyễn Văn An)"],
            "team": ["Trần Thị Bích — Trưởng đoàn"], "counts": [{"label": "Phù hợp", "count": "12"}], "checked": "12",
            "failing": ["8.5.1 Kiểm soát việc cung cấp dịch vụ"],
            "findings": [{"grade": "Không phù hợp nặng", "clause": "8.5.1", "area": "Văn phòng",
                          "description": "5 hồ sơ trễ hạn", "nonconformity": "#1"}],
            "grade_totals": "Không phù hợp nặng: 1", "conclusion": ["Hệ thống phù hợp"]}


official.register(KEY, title=gettext_lazy("Internal audit report"),
                  default=pathlib.Path(__file__).resolve().parent / "docx" / f"{KEY}.docx", sample=_sample)
