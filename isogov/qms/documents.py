"""The announcement of conformity as papers to sign (Decree 30/2020/NĐ-CP format): the decision announcing the
QMS conforms to TCVN ISO 9001:2015 (form "Phụ lục I" of Decision 19/2014/QĐ-TTg) with its scope as an annex, and
the notice of it to the lead unit (Sở Khoa học và Công nghệ).

Drafted from the agency's scope as it stands, or, once an announcement is recorded, from that announcement (its
number, date, signer and the scope it froze). The wording is the state's, in Vietnamese whatever the user's
language; the templates are isogov/qms/docx/*.docx (tools/make_official_templates.py; an administrator may
replace them).
"""
import datetime as dt
import pathlib

from django.utils import timezone
from django.utils.translation import gettext_lazy

from isogov.core import official
from isogov.core.official import Signer, vn_date
from isogov.core.places import province_name
from isogov.doctemplates.letterhead import COMMITTEES, letterhead
from isogov.qms.models import Announcement, Procedure, ScopeItem
from isogov.registry.models import Agency, AgencyKind

DECISION, NOTICE = "qms_announcement", "qms_announcement_notice"
STANDARD = "TCVN ISO 9001:2015"
LEAD_UNIT = "Sở Khoa học và Công nghệ"
HEAD = {AgencyKind.DEPARTMENT: "Giám đốc", AgencyKind.SUB_DEPARTMENT: "Chi cục trưởng",
        AgencyKind.DISTRICT_COMMITTEE: "Chủ tịch", AgencyKind.COMMUNE_COMMITTEE: "Chủ tịch"}
BASIS = [
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng Hệ thống "
    "quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ chức thuộc hệ "
    "thống hành chính nhà nước;",
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học và Công nghệ quy định "
    "chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;",
]


def latest_announcement(agency: Agency) -> Announcement | None:
    return agency.announcements.order_by("-decision_date", "-id").first()


def _scope(agency: Agency, announcement: Announcement | None) -> list[dict]:
    if announcement is not None and announcement.scope_codes:
        procedures = Procedure.objects.filter(code__in=announcement.scope_codes).order_by("field", "code")
    else:
        procedures = [s.procedure for s in ScopeItem.objects.filter(agency=agency).select_related("procedure")]
    return [{"n": n, "code": p.code, "name": p.name, "field": p.field} for n, p in enumerate(procedures, start=1)]


def _day(announcement: Announcement | None):
    return announcement.decision_date if announcement else None


def _frame(agency: Agency, announcement, *, symbol: str, kind: str, summary: str, recipients: list[str]) -> dict:
    day = _day(announcement)
    head = letterhead(agency, day)
    return official.frame(
        issuer=head.issuer, superior=head.superior,
        number=announcement.decision_number if announcement and symbol == "QĐ" else "",
        symbol=f"{symbol}-{head.initials}", place=province_name(day),
        date=(announcement.decision_date if announcement and symbol == "QĐ" else None) or timezone.localdate().year,
        kind=kind, summary=summary, recipients=recipients,
        # A People's Committee signs on behalf of the collective body ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH").
        signers=[Signer(HEAD.get(agency.kind, "Thủ trưởng cơ quan"), announcement.signer if announcement else "",
                        "TM. Ủy ban nhân dân" if agency.kind in COMMITTEES else "")])


def decision_context(agency: Agency) -> dict:
    announcement = latest_announcement(agency)
    head = HEAD.get(agency.kind, "Thủ trưởng cơ quan")
    return {
        **_frame(agency, announcement, symbol="QĐ", kind="Quyết định",
                 summary=f"Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia {STANDARD}",
                 recipients=["Như Điều 3", f"{LEAD_UNIT} tỉnh {province_name(_day(announcement))} (để báo cáo)",
                             "Cổng thông tin điện tử của cơ quan", "Lưu: VT"]),
        "authority": f"{head} {letterhead(agency).issuer}".upper(), "basis": BASIS,
        "agency": letterhead(agency).issuer,
        "standard": STANDARD,
        "scope": _scope(agency, announcement), "reannouncement": bool(announcement and announcement.is_reannouncement),
    }


def notice_context(agency: Agency) -> dict:
    announcement = latest_announcement(agency)
    decision = (f"Quyết định số {announcement.decision_number} {vn_date(announcement.decision_date)}"
                if announcement else "Quyết định số …")
    lead = f"{LEAD_UNIT} tỉnh {province_name(_day(announcement))}"
    return {
        **_frame(agency, announcement, symbol="TB", kind="Thông báo",
                 summary=f"Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia {STANDARD}",
                 recipients=["Như trên", "Lưu: VT"]),
        "lead_unit": lead, "agency": letterhead(agency).issuer, "decision": decision, "standard": STANDARD,
        "scope": _scope(agency, announcement),
        "posted_on": vn_date(announcement.posted_on) if announcement and announcement.posted_on else "",
        "website": announcement.website_url if announcement else "",
    }


def _sample_decision() -> dict:
    frame = official.frame(issuer="Sở Tư pháp", superior="Ủy ban nhân dân tỉnh Vĩnh Long", number="9", symbol="QĐ-STP",
                           place="Vĩnh Long", date=dt.date(2026, 3, 5), kind="Quyết định",
                           summary=f"Về việc công bố HTQLCL phù hợp {STANDARD}", recipients=["Như Điều 3", "Lưu: VT"],
                           signers=[Signer("Giám đốc", "Nguyễn Văn An")])
    return {**frame, "authority": "GIÁM ĐỐC SỞ TƯ PHÁP", "basis": BASIS, "agency": "Sở Tư pháp", "standard": STANDARD,
            "scope": [{"n": 1, "code": "1.001234", "name": "Đăng ký khai sinh", "field": "Hộ tịch"}],
            "reannouncement": False}


def _sample_notice() -> dict:
    frame = official.frame(issuer="Sở Tư pháp", superior="Ủy ban nhân dân tỉnh Vĩnh Long", number="", symbol="TB-STP",
                           place="Vĩnh Long", date=dt.date(2026, 3, 6), kind="Thông báo",
                           summary=f"Về việc công bố HTQLCL phù hợp {STANDARD}", recipients=["Như trên", "Lưu: VT"],
                           signers=[Signer("Giám đốc", "Nguyễn Văn An")])
    return {**frame, "lead_unit": "Sở Khoa học và Công nghệ tỉnh Vĩnh Long", "agency": "Sở Tư pháp",
            "decision": "Quyết định số 9/QĐ-STP ngày 05 tháng 3 năm 2026", "standard": STANDARD,
            "scope": [{"n": 1, "code": "1.001234", "name": "Đăng ký khai sinh", "field": "Hộ tịch"}],
            "posted_on": "ngày 06 tháng 3 năm 2026", "website": "https://stp.vinhlong.gov.vn"}


_HERE = pathlib.Path(__file__).resolve().parent / "docx"
official.register(DECISION, title=gettext_lazy("Decision announcing the QMS (Decision 19/2014, Phụ lục I)"),
                  default=_HERE / f"{DECISION}.docx", sample=_sample_decision)
official.register(NOTICE, title=gettext_lazy("Notice of the announcement to the lead unit"),
                  default=_HERE / f"{NOTICE}.docx", sample=_sample_notice)
