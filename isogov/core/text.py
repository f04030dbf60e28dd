"""Text helpers shared by search, imports, services and writers.

Vietnamese text is stored NFC and matched without diacritics. Everything typed, imported or pasted passes
`clean_text` on its way in; everything written into a DOCX/XLSX/CSV passes `document_text` on its way out,
because records stored before the cleaner existed may still hold what it removes.
"""
import re
import unicodedata

# Line breaks from other systems: CRLF/CR (Windows, old Mac), VT (Word's manual line break, Shift+Enter),
# FF (Word's page break), NEL, and the Unicode line and paragraph separators.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# What no one types and what XML 1.0 (DOCX, XLSX) cannot hold: C0 controls but tab and newline, DEL, C1
# controls, lone surrogates (a broken UTF-16 pair), and U+FFFE/U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Either of the two (CR, VT, FF and NEL are in both ranges): what document_text may have to change besides NFC.
NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean_text(value, *, multiline: bool = False) -> str:
    """The one cleaner for text coming in: NFC, no control characters, no surrounding spaces.

    Multi-line text (a TextField: notes, descriptions) keeps its newlines and tabs, with every kind of line
    break made "\n"; in a single-line field a line break or tab becomes a space, as the browser's input does.
    """
    if value is None:
        return ""
    text = _LINE_BREAKS.sub("\n", str(value))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return nfc(_UNSAFE.sub("", text)).strip()


def document_text(value) -> str:
    """Text safe to write into a generated document (DOCX, XLSX, CSV), whatever an old record holds.

    Only what XML cannot hold and what no one can see goes; newlines (as "\n") and tabs stay, the rest of
    the text is written as stored.
    """
    if value is None:
        return ""
    text = str(value)
    if NEEDS_CLEANING.search(text):  # rarely: most text has neither, and one scan is cheaper than two
        text = _UNSAFE.sub("", _LINE_BREAKS.sub("\n", text))
    return text if text.isascii() else nfc(text)


def fold(value: str) -> str:
    """Lower-case, strip diacritics and collapse spaces, so "Sở Tư pháp" and "so tu phap" meet.

    đ/Đ are letters of their own in Unicode, not d with a mark, so they are mapped explicitly. Control
    characters go too: a search term typed into a URL reaches the database, and PostgreSQL refuses NUL.
    """
    value = _UNSAFE.sub("", value)
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
