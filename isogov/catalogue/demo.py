"""Demo: the province's procedure catalogue (the demo's 103 procedures) from a first decision, a later decision
that adds forest-protection procedure 1.003397 for every sub-department (chi cục), which each sub-department lacking
it must take into its procedure list within 5 working days, and a provincial legal text on birth and marriage
registration pushed to every agency that handles them, some of which have brought it in.

Decision numbers and dates and the legal text are [assumed]: plausible, not real. No scope changes here, so the
story's lifecycle (its last step before today) stays as it was.
"""
import datetime as dt
import random

from django.utils import timezone

from isogov.catalogue import services
from isogov.catalogue.models import LegalNotice, Publication
from isogov.catalogue.selectors import MAPPING_FILE
from isogov.clauses.loader import load_framework
from isogov.clauses.models import Framework
from isogov.demo.catalogue import procedure_rows
from isogov.documents import services as documents
from isogov.registry.models import Agency, AgencyKind

BASELINE = "1254/QĐ-UBND"
CHANGE = "2105/QĐ-UBND"
LEGAL_NUMBER = "15/2026/QĐ-UBND"
HEADER = "Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện\n"
LEVEL_KIND = {"commune": ("xã", AgencyKind.COMMUNE_COMMITTEE), "district": ("huyện", AgencyKind.DISTRICT_COMMITTEE),
              "province": ("tỉnh", AgencyKind.DEPARTMENT)}
ADDED = "1.003397"  # a sub-department's procedure: the later decision touches the few agencies of that kind


def _cell(text: str) -> str:
    return f'"{text}"' if "," in text else text


def _rows() -> list[tuple[str, str, str, str, list[str]]]:
    kinds = dict(Agency.objects.values_list("code", "kind"))
    rows = []
    for row in procedure_rows():
        targets = [t.strip() for t in row["applies_to"].split("|")]
        level = LEVEL_KIND.get(targets[0], ("tỉnh", None))[0]
        handled = sorted({LEVEL_KIND[t][1] if t in LEVEL_KIND else kinds.get(t, AgencyKind.DEPARTMENT)
                          for t in targets})
        rows.append((row["code"], row["name"], row["field"], level, handled))
    return rows


def _file(rows) -> bytes:
    return (HEADER + "".join(",".join([_cell(code), _cell(name), _cell(field), level, _cell(", ".join(kinds))]) + "\n"
                             for code, name, field, level, kinds in rows)).encode("utf-8")


def load_demo(*, actor, rng: random.Random) -> dict[str, int]:
    if Publication.objects.filter(number=BASELINE).exists():
        return {}
    today = timezone.localdate()
    rows = _rows()
    for number, decided_on, listed in (
            (BASELINE, today - dt.timedelta(days=320), [r for r in rows if r[0] != ADDED]),
            (CHANGE, today - dt.timedelta(days=3), rows)):
        publication = services.publication_upload(actor=actor, number=number, decided_on=decided_on,
                                                  data=_file(listed), filename=f"danh-muc-{number[:4]}.csv")
        services.publication_apply(actor=actor, publication=publication)
    from isogov.qms.models import Procedure

    text = services.legal_text_record(
        actor=actor, legal_number=LEGAL_NUMBER, issuing_body="UBND tỉnh",
        title="Quyết định công bố quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực hộ tịch",
        issued_on=today - dt.timedelta(days=55), effective_on=today - dt.timedelta(days=45),
        procedures=Procedure.objects.filter(code__in=["1.001193", "1.000894"]))
    notices = list(LegalNotice.objects.filter(legal_text=text).select_related("document").order_by("agency__path"))
    brought_in = 0
    for notice in notices:
        if rng.random() < 0.4:  # two in five have updated their processes already
            documents.document_incorporate(document=notice.document, actor=actor,
                                           incorporated_on=text.effective_on + dt.timedelta(days=rng.randint(5, 40)))
            brought_in += 1
    if not Framework.objects.filter(code="iso9001-2026").exists():
        load_framework(MAPPING_FILE.parent / "iso9001-2026.json")
    return {"procedures": len(rows), "decisions": 2, "legal_notices": len(notices), "brought_in": brought_in}
