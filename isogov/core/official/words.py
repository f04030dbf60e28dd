"""The fixed wording of a Decree 30/2020/NĐ-CP document and the helpers that write its dates and numbers.

The wording of these parts is the law's and is never translated.
"""
import datetime as dt
import re
from dataclasses import dataclass

from isogov.core.text import document_text

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BLANK = "…"


@dataclass(frozen=True)
class Signer:
    """One signature block: "KT. GIÁM ĐỐC" (authority), "PHÓ GIÁM ĐỐC" (title), room to sign, the name."""
    title: str
    name: str = ""
    authority: str = ""


def vn_date(day: dt.date | int | None) -> str:
    """"ngày 05 tháng 3 năm 2020": a day below 10 and the months 1 and 2 take a leading zero (Decree 30, Annex I).
    A year alone (the document is not dated yet) or nothing leaves dots to fill in by hand."""
    if isinstance(day, dt.date):
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"ngày {BLANK} tháng {BLANK} năm {day if isinstance(day, int) else '20' + BLANK}"


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else f"{BLANK}/{BLANK}/{BLANK}"


def abbreviation(name: str) -> str:
    """The body's initials as symbols use them: "Sở Khoa học và Công nghệ" → "SKHCN"."""
    words = [w for w in re.split(r"\s+", document_text(name).strip()) if w and w.lower() != "và"]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def document_number(number: str, symbol: str) -> str:
    """"12/KH-CCTĐC" as recorded, "12" completed with the symbol, or "…/KH-CCTĐC" while not yet numbered."""
    number = document_text(number).strip()
    if "/" in number or (number and not symbol):
        return number
    return f"{number or BLANK}/{symbol}"
