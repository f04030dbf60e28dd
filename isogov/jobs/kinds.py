"""The kinds of long job: each area registers its own in its AppConfig.ready(), so this app imports none of them.

A kind's `run(job, progress)` does the work that may be repeated (reading, checking, writing a file) and returns an
Outcome; `Outcome.commit`, when given, makes the job's lasting change and runs inside the transaction that marks the
job done, so a job either changed everything and is done, or changed nothing and may run again.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class JobRefused(Exception):
    """A failure that trying again will not mend (a file with errors): the job fails at once with this message."""


@dataclass
class Outcome:
    commit: Callable[[], dict[str, Any] | None] | None = None  # runs in the final transaction; returns a summary
    summary: dict[str, Any] = field(default_factory=dict)  # shown on the job's page (counts)
    file_path: str = ""  # a local file to keep as the job's result (moved into default_storage)
    file_name: str = ""  # the name the download is given
    message: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    run: Callable[..., Outcome]
    # Where the job's page sends the person once it is done (a URL), from the job; None: the job page only.
    next_url: Callable[[Any], str] | None = None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ImproperlyConfigured(f"No job kind {name!r} is registered (isogov/jobs/kinds.py).") from None
