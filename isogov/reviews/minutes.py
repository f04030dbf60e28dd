"""The minutes of a management review, a signable document in the format of Decree 30/2020/NĐ-CP, generated on
download (never stored).

The fixed wording is the Word template isogov/reviews/docx/review_minutes.docx (tools/make_official_templates.py;
an administrator may replace it); this module builds the context its tags name. The inputs' lines keep the user's
language, as the review's page shows them; core.official cleans every text for XML.
"""
import datetime as dt
import pathlib

from django.utils.translation import gettext_lazy

from isogov.core import official
from isogov.core.official import Signer
from isogov.core.places import province_name
from isogov.doctemplates.letterhead import letterhead
from isogov.reviews.models import Review, ReviewState
from isogov.reviews.selectors import actions_of, agenda

KEY = "review_minutes"
MARK = {"ok": "✓ ", "warn": "! ", "bad": "✗ "}


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def minutes_context(review: Review, *, today: dt.date) -> dict:
    agency = review.agency
    head = letterhead(agency, review.date)
    frame = official.frame(
        issuer=head.issuer, superior=head.superior, number="", symbol=f"BB-{head.initials}",
        place=province_name(review.date), date=review.date,
        kind="Biên bản", summary=f"Họp xem xét của lãnh đạo năm {review.date.year}",
        recipients=[f"Lãnh đạo {agency.name}", "Ban chỉ đạo ISO", "Lưu: VT"],
        signers=[Signer("Chủ trì cuộc họp", review.chair)])
    return {
        **frame,
        "draft": review.state != ReviewState.HELD, "today": _day(today),
        "meeting_date": _day(review.date), "chair": review.chair or "—",
        "participants": "\n".join(review.participant_list) or "—", "since": _day(review.inputs_since),
        "agenda": [{"title": str(row.item.get_key_display()),
                    "lines": [MARK.get(line.level, "") + line.text for line in row.lines],
                    "notes": row.item.notes or "—"} for row in agenda(review=review, today=today)],
        "actions": [{"kind": str(a.get_kind_display()), "description": a.description, "owner": a.owner,
                     "due": _day(a.due_date), "done": a.done_on.strftime("%d/%m/%Y") if a.done_on else ""}
                    for a in actions_of(review=review)],
    }


def minutes_docx(review: Review, *, today: dt.date) -> bytes:
    return official.render_docx(KEY, minutes_context(review, today=today))


def _sample() -> dict:
    frame = official.frame(
        issuer="Ủy ban nhân dân thành phố Trà Vinh", superior="Ủy ban nhân dân tỉnh Vĩnh Long", number="",
        symbol="BB-UBND", place="Vĩnh Long", date=dt.date(2026, 3, 10), kind="Biên bản",
        summary="Họp xem xét của lãnh đạo", recipients=["Ban chỉ đạo ISO", "Lưu: VT"],
        signers=[Signer("Chủ trì cuộc họp", "Nguyễn Văn Bình")])
    return {**frame, "draft": False, "today": "10/03/2026", "meeting_date": "10/03/2026", "chair": "Nguyễn Văn Bình",
            "participants": "Nguyễn Văn Bình\nTrần Thị Bích", "since": "01/03/2025",
            "agenda": [{"title": "Rủi ro và cơ hội", "lines": ["✓ Cơ hội: Chữ ký số"], "notes": "Đã xem xét"}],
            "actions": [{"kind": "Nguồn lực", "description": "Bổ sung máy tính", "owner": "Văn phòng",
                         "due": "30/06/2026", "done": ""}]}


official.register(KEY, title=gettext_lazy("Minutes of the management review"),
                  default=pathlib.Path(__file__).resolve().parent / "docx" / f"{KEY}.docx", sample=_sample)
