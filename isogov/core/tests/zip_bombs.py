"""Hostile workbooks for the tests and bench/xlsx_bomb.py: small files that inflate to gigabytes.

The archive is written by hand, not with zipfile, so that a test can make a member's declared size lie
and so that a 4 GiB member is built in a second: one block of the repeated text, compressed after a
full flush (which empties the compressor's history), is the same bytes every time and is simply repeated.
"""
import io
import struct
import zlib
from dataclasses import dataclass

CHUNK = 1 << 20
_FULL = zlib.Z_FULL_FLUSH
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="xl/workbook.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    b"</Relationships>"
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    b'<Relationship Id="rId2" Target="sharedStrings.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    b"</Relationships>"
)
_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
)
_STRINGS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
)
_STRINGS_TAIL = b"</t></si></sst>"


@dataclass
class Member:
    name: str
    compressed: bytes
    crc: int
    size: int  # the real inflated size
    declared: int | None = None  # what the archive says, when it lies

    @classmethod
    def deflated(cls, name: str, data: bytes) -> "Member":
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return cls(name, c.compress(data) + c.flush(), zlib.crc32(data), len(data))

    @classmethod
    def repeated(cls, name: str, head: bytes, inflated: int, tail: bytes, byte: bytes = b"A") -> "Member":
        """head + `byte` repeated + tail, about `inflated` bytes in all, in about inflated/1000 bytes."""
        chunk = byte * CHUNK
        count = max(1, inflated // CHUNK)
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = c.compress(head) + c.flush(_FULL)
        block = c.compress(chunk) + c.flush(_FULL)
        last = c.compress(tail) + c.flush()
        crc = zlib.crc32(head)
        for _ in range(count):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(tail, crc)
        return cls(name, first + block * count + last, crc, len(head) + count * CHUNK + len(tail))


def archive(members: list[Member]) -> bytes:
    """A zip of already deflated members; sizes of 4 GiB and more go in ZIP64 extra fields."""
    out = io.BytesIO()
    central = []
    for m in members:
        offset = out.tell()
        size = m.size if m.declared is None else m.declared
        name = m.name.encode()
        big = size >= 0xFFFFFFFF or len(m.compressed) >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(m.compressed)) if big else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(m.compressed), size)
        version = 45 if big else 20
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0, 8, 0, 0x21, m.crc, *sizes,
                              len(name), len(extra)) + name + extra)
        out.write(m.compressed)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0, 8, 0, 0x21, m.crc,
                                   *sizes, len(name), len(extra), 0, 0, 0, 0, offset) + name + extra)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()


def workbook_members(strings: Member) -> list[Member]:
    return [Member.deflated("[Content_Types].xml", _CONTENT_TYPES), Member.deflated("_rels/.rels", _ROOT_RELS),
            Member.deflated("xl/workbook.xml", _WORKBOOK),
            Member.deflated("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            Member.deflated("xl/worksheets/sheet1.xml", _SHEET), strings]


def xlsx_bomb(inflated: int = 4 << 30, *, declared: int | None = None) -> bytes:
    """A workbook whose one shared string is `inflated` bytes long; `declared` makes the archive lie about it."""
    strings = Member.repeated("xl/sharedStrings.xml", _STRINGS_HEAD, inflated, _STRINGS_TAIL)
    strings.declared = declared
    return archive(workbook_members(strings))


def small_workbook() -> bytes:
    """The same workbook with a short shared string: the hand-written archive is a valid .xlsx."""
    return archive(workbook_members(Member.deflated("xl/sharedStrings.xml", _STRINGS_HEAD + b"Ma" + _STRINGS_TAIL)))
