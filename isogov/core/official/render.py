"""Signable documents rendered from Word templates (docxtpl: Jinja tags written in a .docx).

Each document has a key, registered by its area with the packaged default template (beside the area's code,
e.g. isogov/audits/docx/audit_report.docx) and a sample context. An administrator's replacement is kept through
Django's default storage under official-templates/<key>.docx (object storage at scale) and wins when present;
the doctemplates app records who replaced it and when.

Every string of the context passes core.text.document_text (an old record may hold what XML cannot) and is
escaped by the template engine: a "<" or "&" in a name is text, never markup.
"""
import io
import pathlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, is_dataclass

from django.core.files.storage import default_storage

from isogov.core.official.words import (
    BLANK,
    MOTTO,
    NATIONAL_TITLE,
    Signer,
    document_number,
    vn_date,
)
from isogov.core.text import document_text

STORAGE_DIR = "official-templates"


@dataclass(frozen=True)
class Registered:
    key: str
    title: str
    default: pathlib.Path
    sample: Callable[[], dict]


_REGISTRY: dict[str, Registered] = {}


class TemplateBroken(Exception):
    """A template that does not render: `message` says why, `line` where (the template's text, when known)."""

    def __init__(self, message: str, line: str = ""):
        super().__init__(message)
        self.message, self.line = message, line


def register(key: str, *, title: str, default: pathlib.Path, sample: Callable[[], dict]) -> None:
    """Make `key` a document with a template. `title` is shown to the administrator (a lazy msgid is fine);
    `sample` returns a context that every template of this key must render (checked on upload)."""
    _REGISTRY[key] = Registered(key, title, pathlib.Path(default), sample)


def registered() -> list[Registered]:
    return sorted(_REGISTRY.values(), key=lambda r: r.key)


def get(key: str) -> Registered:
    return _REGISTRY[key]


def stored_name(key: str) -> str:
    return f"{STORAGE_DIR}/{key}.docx"


def is_replaced(key: str) -> bool:
    return default_storage.exists(stored_name(key))


def template_bytes(key: str) -> bytes:
    """The template in force: the administrator's replacement when one is stored, else the packaged default."""
    name = stored_name(key)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as f:
            return f.read()
    return _REGISTRY[key].default.read_bytes()


def clean(value):
    """The context with every string made safe for XML, through lists, tuples, dicts and dataclasses."""
    if isinstance(value, str):
        return document_text(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return clean(asdict(value))
    return value


def render_bytes(source: bytes, context: dict) -> bytes:
    """Render one template file. Raises TemplateBroken with the engine's message and line when it cannot."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        tpl = DocxTemplate(io.BytesIO(source))
        # Sandboxed: a template is a file an administrator uploads, and Jinja can otherwise reach Python's internals.
        tpl.render(clean(context), jinja_env=SandboxedEnvironment(), autoescape=True)
        _grids_from_cells(tpl.docx)
        out = io.BytesIO()
        tpl.save(out)
    except TemplateError as exc:
        near = " ".join(s.strip() for s in getattr(exc, "docx_context", None) or _near(tpl, exc) if s.strip())
        raise TemplateBroken(str(getattr(exc, "message", None) or exc), near[:300]) from exc
    except Exception as exc:  # a file python-docx cannot read: not a Word document at all
        raise TemplateBroken(f"{type(exc).__name__}: {exc}") from exc
    return out.getvalue()


def _near(tpl, exc) -> list[str]:
    """The template's text around a runtime error (docxtpl gives it only for a syntax error): the line comes from
    the traceback's frame in the template, counted as docxtpl counts (one paragraph a line)."""
    import re

    tb, line = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if not line:
        return []
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    return [re.sub(r"<[^>]+>", "", s) for s in xml.splitlines()[max(line - 2, 0):line + 1]]


def _grids_from_cells(doc) -> None:
    """A column repeated by {%tc for %} leaves docxtpl's grid averaged; LibreOffice lays a table out by its grid,
    Word by its cells' widths. The grid is made from the first row's cells where each names its width."""
    from docx.oxml.ns import qn

    for tbl in doc.element.body.iter(qn("w:tbl")):
        grid, row = tbl.find(qn("w:tblGrid")), tbl.find(qn("w:tr"))
        if grid is None or row is None:
            continue
        widths = []
        for tc in row.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            width = pr.find(qn("w:tcW")) if pr is not None else None
            if width is None or width.get(qn("w:type")) != "dxa" or pr.find(qn("w:gridSpan")) is not None:
                break
            widths.append(width.get(qn("w:w")))
        else:
            columns = grid.findall(qn("w:gridCol"))
            if len(columns) == len(widths):
                for column, width in zip(columns, widths):
                    column.set(qn("w:w"), width)


def render_docx(key: str, context: dict) -> bytes:
    return render_bytes(template_bytes(key), context)


def _recipients(recipients) -> list[str]:
    """"- UBND tỉnh;" for each, the last ending with a full stop (Decree 30, Annex I)."""
    names = [document_text(str(r)).strip().rstrip(";.") for r in recipients]
    names = [n for n in names if n]
    return [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]


def _signer(signer) -> dict:
    if isinstance(signer, dict):
        signer = Signer(**signer)
    return {"authority": document_text(signer.authority).upper(), "title": document_text(signer.title).upper(),
            "name": document_text(signer.name)}


def frame(*, issuer, superior="", number, symbol="", place, date, kind, summary, recipients, signers) -> dict:
    """The context every template shares: the Decree 30 parts around the body.

    `number` with `symbol` as document_number joins them ("12" + "KH-CCTĐC"); `date` a date, or the year alone
    while the document is not dated; `signers` Signer objects (or dicts of their fields), the first the issuer's.
    """
    where = document_text(place).strip() or BLANK
    signers = [_signer(s) for s in signers]
    return {
        "superior": document_text(superior).upper(),
        "issuer": document_text(issuer).upper(),
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "number": document_number(str(number or ""), symbol),
        "place": where,
        "date": vn_date(date),
        "place_date": f"{where}, {vn_date(date)}",
        "kind": document_text(kind).upper(),
        "summary": document_text(summary),
        "recipients": _recipients(recipients),
        "signers": signers,
        "signer": signers[0] if signers else {"authority": "", "title": "", "name": ""},
    }
