"""Which uploads are PDFs, and which PDFs are refused: those that run something when they are opened.

A PDF reader finds the signature anywhere in the first KiB, so a page of HTML or SVG with "%PDF-" in a
comment used to pass for one; here the signature starts the file and the end marker ends it. Actions are
looked for in every dictionary, with #xx escapes in names undone, including those packed in compressed
object streams. Stream data (images, fonts, page content) is never searched: binary bytes would match.
"""
import re
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURE = b"%PDF-"
# A byte-order mark or a few blank bytes some tools write before the signature; nothing else.
_LEADING = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t\r\n\f]{0,8}%PDF-")
# Readers look for the end marker in the last KiB, and tolerate a little trailing junk.
_TAIL = 1024
# Actions that run script, start a program or send the form's data somewhere.
ACTIVE = {b"JS", b"JavaScript", b"Launch", b"SubmitForm", b"ImportData", b"RichMedia"}
_NAME = re.compile(rb"/([^\x00\t\n\f\r ()<>\[\]{}/%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<!end)stream\r?\n(.*?)endstream", re.S)
_OBJ = re.compile(rb"\bobj\b")
# Object streams inflate to text of a similar size; more than this is not a document worth checking.
_INFLATE_BUDGET = 64 << 20


def looks_like_pdf(head: bytes, tail: bytes) -> bool:
    """The signature at the start (after at most a BOM and blank bytes) and the end marker near the end."""
    return bool(_LEADING.match(head)) and b"%%EOF" in tail[-_TAIL:]


def names(text: bytes) -> set[bytes]:
    return {_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), n) for n in _NAME.findall(text)}


def check_active_content(data: bytes) -> None:
    """Raise ValidationError when the PDF holds JavaScript or an action that launches or submits."""
    found: set[bytes] = set()
    budget = _INFLATE_BUDGET
    position = 0
    for stream in _STREAM.finditer(data):
        before = data[position:stream.start()]
        found |= names(before) & ACTIVE
        position = stream.end()
        header = names(before[_last_obj(before):])
        if b"ObjStm" not in header:
            continue
        if header & {b"ASCIIHexDecode", b"ASCII85Decode", b"LZWDecode", b"RunLengthDecode", b"Crypt"}:
            _refuse_unreadable()
        inner, budget = _inflate(stream.group(1), budget) if b"FlateDecode" in header else (stream.group(1), budget)
        found |= names(inner) & ACTIVE
    found |= names(data[position:]) & ACTIVE
    if found:
        raise ValidationError(
            _("This PDF contains JavaScript or an action that starts a program or sends data (%(names)s); such "
              "files are not accepted. Print it to a new PDF, or scan the paper, and upload that.")
            % {"names": ", ".join(sorted(n.decode("latin-1") for n in found))})


def _last_obj(text: bytes) -> int:
    starts = [m.start() for m in _OBJ.finditer(text)]
    return starts[-1] if starts else 0


def _inflate(packed: bytes, budget: int) -> tuple[bytes, int]:
    inflater = zlib.decompressobj()
    try:
        inner = inflater.decompress(packed, budget + 1)
    except zlib.error:
        _refuse_unreadable()
    if len(inner) > budget:
        _refuse_unreadable()
    return inner, budget - len(inner)


def _refuse_unreadable():
    raise ValidationError(_("This PDF has compressed parts that cannot be checked for scripts; such files are not "
                            "accepted. Print it to a new PDF, or scan the paper, and upload that."))
