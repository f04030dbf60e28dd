"""Text helpers shared by search and imports: Vietnamese text is stored NFC and matched without diacritics."""
import unicodedata


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Lower-case, strip diacritics and collapse spaces, so "Sở Tư pháp" and "so tu phap" meet.

    đ/Đ are letters of their own in Unicode, not d with a mark, so they are mapped explicitly.
    """
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
