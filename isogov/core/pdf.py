"""Which uploads are PDFs, and which PDFs are refused: those that run something when they are opened.

A PDF reader finds the signature anywhere in the first KiB, so a page of HTML or SVG with "%PDF-" in a
comment used to pass for one; here the signature starts the file and the end marker ends it. Actions are
looked for by name, with #xx escapes undone, including in compressed object streams.
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
_STREAM = re.compile(rb"stream(?:\r\n|\r|\n)")
_OBJ = re.compile(rb"\bobj\b")
# Object streams inflate to text of a similar size; more than this is not a document worth checking.
_INFLATE_BUDGET = 64 << 20
# How far before a "stream" keyword its dictionary is looked for.
_DICTIONARY_WINDOW = 4096


def looks_like_pdf(head: bytes, tail: bytes) -> bool:
    """The signature at the start (after at most a BOM and blank bytes) and the end marker near the end."""
    return bool(_LEADING.match(head)) and b"%%EOF" in tail[-_TAIL:]


def names(text: bytes) -> set[bytes]:
    return set(name_list(text))


def name_list(text: bytes) -> list[bytes]:
    return [_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), n) for n in _NAME.findall(text)]


def check_active_content(data: bytes) -> None:
    """Raise ValidationError when the PDF holds JavaScript or an action that launches or submits.

    Three looks, none relying on parsing the file in order (a "stream" keyword hidden in a string would
    throw such a parse off): the long names anywhere, even in binary data, where they never occur by
    chance; /JS outside stream data, where three bytes would; and every object stream, inflated.
    """
    found = names(data) & (ACTIVE - {b"JS"})
    position = 0
    for start, _content, end in _streams(data):
        found |= names(data[position:start]) & ACTIVE
        position = end
    found |= names(data[position:]) & ACTIVE
    budget = _INFLATE_BUDGET
    for keyword in _STREAM.finditer(data):
        if _is_end(data, keyword):
            continue
        before = data[max(0, keyword.start() - _DICTIONARY_WINDOW):keyword.start()]
        header = name_list(before[_last_obj(before):])
        if b"ObjStm" not in header:
            continue
        # Only Flate, possibly applied more than once, is undone here; a predictor or any other filter
        # would hide the names, so such an object stream is not accepted unchecked.
        if set(header) & {b"ASCIIHexDecode", b"ASCII85Decode", b"LZWDecode", b"RunLengthDecode", b"Crypt",
                          b"AHx", b"A85", b"LZW", b"RL", b"Fl", b"Predictor"}:
            _refuse_unreadable()
        stop = data.find(b"endstream", keyword.end())
        inner = data[keyword.end():stop if stop >= 0 else len(data)]
        for _flate in range(header.count(b"FlateDecode")):
            inner, budget = _inflate(inner, budget)
        found |= names(inner) & ACTIVE
    if found:
        raise ValidationError(
            _("This PDF contains JavaScript or an action that starts a program or sends data (%(names)s); such "
              "files are not accepted. Print it to a new PDF, or scan the paper, and upload that.")
            % {"names": ", ".join(sorted(n.decode("latin-1") for n in found))})


def _streams(data: bytes):
    """(where the keyword starts, a slice of the data, where "endstream" ends) of each stream, in order."""
    position = 0
    while keyword := _STREAM.search(data, position):
        if _is_end(data, keyword):  # a stray "endstream"
            position = keyword.end()
            continue
        end = data.find(b"endstream", keyword.end())
        end = len(data) if end < 0 else end
        yield keyword.start(), slice(keyword.end(), end), min(len(data), end + len(b"endstream"))
        position = end + len(b"endstream")


def _is_end(data: bytes, keyword) -> bool:
    return data[max(0, keyword.start() - 3):keyword.start()] == b"end"


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
