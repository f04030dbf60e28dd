"""Writes the packaged default templates of the annual reports (isogov/reports/docx/*.docx), on the Decree 30
frame of official_frame.py. The context is built by isogov/reports/documents.py: the frame's keys, `year`,
`as_of`, `provisional_note`, `sections.<key>` ({title, heads.<column>, rows: [{<column>: text}], n: its number in
part I after the first two}), and the paragraphs `difficulties`, `proposals`, `remarks`.

    /work/main/.venv/bin/python tools/make_report_templates.py

An administrator may replace either file from the application; run this again after changing a layout here,
then render both (soffice --headless --convert-to pdf; pdftoppm -png -r 60) and look.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from docx.shared import Cm  # noqa: E402
from official_frame import document, grid, heading, lines, para, tag  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent.parent / "isogov" / "reports" / "docx"
SMALL = 10  # a wide table's font: nine columns on 16 cm


def table(doc, key: str, columns: list[str], widths: list[float], *, size: int = SMALL, total: bool = False) -> None:
    """The section `key` of the context as a ruled table, its heads and rows named by column; `total`: its last
    row in bold (sections.<key>.total)."""
    grid(doc, [f"{{{{ sections.{key}.heads.{c} }}}}" for c in columns], [f"{{{{ r.{c} }}}}" for c in columns],
         f"r in sections.{key}.rows", widths=[Cm(w) for w in widths], size=size,
         centre=frozenset(range(1, len(columns))),
         footer=[f"{{{{ sections.{key}.total.{c} }}}}" for c in columns] if total else ())


def note(doc, key: str) -> None:
    """The section's note, when it has one (what its figures leave out)."""
    tag(doc, f"{{%p if sections.{key}.note %}}")
    para(doc, f"{{{{ sections.{key}.note }}}}", italic=True, size=12)
    tag(doc, "{%p endif %}")


def pairs(doc, key: str) -> None:
    table(doc, key, ["label", "value"], [10.5, 5.5], size=12)


def free_text(doc, name: str) -> None:
    """The paragraphs someone wrote, or a dotted line to write on by hand."""
    tag(doc, f"{{%p if {name} %}}")
    lines(doc, f"line in {name}")
    tag(doc, "{%p else %}")
    para(doc, "…" * 40, indent=True)
    tag(doc, "{%p endif %}")


def opening(doc, who: str) -> None:
    para(doc, "Thực hiện Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng Hệ "
              "thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các cơ quan, tổ "
              "chức thuộc hệ thống hành chính nhà nước và Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ "
              f"Khoa học và Công nghệ, {who} báo cáo kết quả năm {{{{ year }}}} (số liệu tính đến hết ngày "
              "{{ as_of }}) như sau:", indent=True)
    tag(doc, "{%p if provisional_note %}")
    para(doc, "{{ provisional_note }}", italic=True, indent=True)
    tag(doc, "{%p endif %}")


def province(doc) -> None:
    opening(doc, "{{ issuer_name }}")
    heading(doc, "I. TÌNH HÌNH XÂY DỰNG, ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HTQLCL")
    para(doc, "1. {{ sections.qms.title }}", italic=True)
    note(doc, "qms")
    table(doc, "qms", ["tier", "agencies", "must_apply", "announced", "announced_rate", "maintaining",
                       "maintaining_rate", "building", "not_started"], [2.8, 1.65, 1.65, 1.65, 1.65, 1.65, 1.65,
                                                                         1.65, 1.65], total=True)
    para(doc, "2. {{ sections.follow.title }}", italic=True)
    table(doc, "follow", ["tier", "compliant", "compliant_rate", "ca_overdue", "legal_overdue", "trained",
                          "trained_rate"], [2.8, 2.2, 2.2, 2.2, 2.2, 2.2, 2.2], total=True)
    for key in ("by_province", "by_district"):  # a ministry's report per province, a province's per district
        tag(doc, f"{{%p if sections.{key} %}}")
        para(doc, f"{{{{ sections.{key}.n }}}}. {{{{ sections.{key}.title }}}}", italic=True)
        note(doc, key)
        table(doc, key, ["group", "agencies", "must_apply", "announced", "announced_rate", "compliant",
                         "compliant_rate", "trained", "trained_rate"], [2.8, 1.65, 1.65, 1.65, 1.65, 1.65, 1.65,
                                                                        1.65, 1.65])
        tag(doc, "{%p endif %}")
    tag(doc, "{%p if sections.score %}")
    para(doc, "{{ sections.score.n }}. {{ sections.score.title }}", italic=True)
    table(doc, "score", ["tier", "points", "max_points", "percent"], [7, 3, 3, 3])
    tag(doc, "{%p endif %}")
    heading(doc, "II. ĐÀO TẠO, TẬP HUẤN")
    pairs(doc, "training")
    heading(doc, "III. KIỂM TRA, GIÁM SÁT")
    note(doc, "inspections")
    pairs(doc, "inspections")
    heading(doc, "IV. KINH PHÍ THỰC HIỆN")
    note(doc, "budget")
    table(doc, "budget", ["plan", "estimate", "allocated", "disbursed", "spent_year"], [5.2, 2.7, 2.7, 2.7, 2.7],
          total=True)
    heading(doc, "V. KHÓ KHĂN, VƯỚNG MẮC")
    free_text(doc, "difficulties")
    heading(doc, "VI. ĐỀ XUẤT, KIẾN NGHỊ")
    free_text(doc, "proposals")
    tag(doc, "{%p if remarks %}")
    heading(doc, "VII. Ý KIẾN KHÁC")
    lines(doc, "line in remarks")
    tag(doc, "{%p endif %}")


def agency(doc) -> None:
    opening(doc, "{{ agency }}")
    for number, key in (("I", "qms"), ("II", "capa"), ("III", "legal"), ("IV", "objectives"), ("V", "training")):
        heading(doc, f"{number}. {{{{ sections.{key}.title }}}}")
        note(doc, key)
        pairs(doc, key)
    heading(doc, "VI. KHÓ KHĂN, VƯỚNG MẮC")
    free_text(doc, "difficulties")
    heading(doc, "VII. ĐỀ XUẤT, KIẾN NGHỊ")
    free_text(doc, "proposals")
    tag(doc, "{%p if remarks %}")
    heading(doc, "VIII. Ý KIẾN KHÁC")
    lines(doc, "line in remarks")
    tag(doc, "{%p endif %}")


if __name__ == "__main__":
    for key, body in (("annual_province", province), ("annual_agency", agency)):
        document(OUT / f"{key}.docx", body)
        print(OUT / f"{key}.docx")
