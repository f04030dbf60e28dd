"""The search's words: folded (core.text.fold) and cut at anything but letters and digits, on both sides."""
import re

from isogov.core.text import fold

_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 12  # a pasted paragraph is not a search; the first words say enough


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text or ""))


def folded(*texts: str, limit: int | None = None) -> str:
    value = " ".join(w for text in texts for w in words(text))
    return value[:limit] if limit else value


def query_words(q: str) -> list[str]:
    return words(q)[:MAX_QUERY_WORDS]
