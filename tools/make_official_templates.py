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

from official_frame import CENTER, LEFT, centred, document, grid, heading, lines, para, tag  # noqa: E402

from docx.shared import Cm  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent / "isogov"
BODIES = {}


def body(key, area, *, pair=False):
    def wrap(fn):
        BODIES[key] = (ROOT / area / "docx" / f"{key}.docx", fn, pair)
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


def main(argv) -> None:
    chosen = set(argv) or set(BODIES)
    for key, (path, fn, pair) in sorted(BODIES.items()):
        if key in chosen:
            document(path, fn, pair=pair)
            print(path.relative_to(ROOT.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
