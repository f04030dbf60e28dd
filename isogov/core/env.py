"""Reading settings from the environment strictly: a mistyped value stops the start with its name,
instead of quietly meaning "off" (DEBUG=ture, SECURE_SSL_REDIRECT=yes please)."""
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:  # unset, or set to nothing (`DEBUG=` in an env file)
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value; use one of {', '.join(sorted(TRUE | FALSE))}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a whole number of at least {minimum}")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def header_meta_key(name: str, header: str) -> str:
    """`X-Forwarded-For` as Django's request.META spells it (HTTP_X_FORWARDED_FOR)."""
    if not header or not all(c.isalnum() or c == "-" for c in header):
        raise ImproperlyConfigured(f"{name}={header!r} is not an HTTP header name")
    return "HTTP_" + header.upper().replace("-", "_")


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value) if value else Path(default)


def env_header(name: str, default: str) -> str:
    """An HTTP header named in the environment (default: `default`), as request.META spells it."""
    return header_meta_key(name, os.environ.get(name, default))
