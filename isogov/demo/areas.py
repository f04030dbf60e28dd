"""Each area of isogov (documents, audits, programme…) adds its own demo records after the registry is loaded.

Every area listed provides `isogov/<area>/demo.py` with `load_demo(*, actor, rng) -> dict[str, int]`, idempotent.
The demo package sits below the areas (their demo modules use its names, PDFs and history), so it finds them by
name here; a missing one is an error, not skipped.
"""
import importlib
import random
import time

# Order matters: audits open nonconformities, reviews read audits and objectives, events link to the
# programme's activities; inspections read the compliance cards all of these make. The catalogue's decision
# changes a few scopes after the year's story; the library's adoptions come after the documents, whose demo is
# skipped once any document exists.
AREAS = ("documents", "objectives", "risks", "feedback", "capa", "audits", "reviews",
         "programme", "events", "training", "inspections", "catalogue", "library", "portal",
         "search")  # last: the search index is rebuilt over what the areas bulk-created


def load_areas(*, actor, seed: int, progress=None) -> dict[str, dict[str, int]]:
    """`progress(area, counts, seconds)` hears of each area as soon as it is loaded (services.Progress)."""
    loaded = {}
    for offset, area in enumerate(AREAS):
        started = time.monotonic()
        module = importlib.import_module(f"isogov.{area}.demo")
        # A generator per area, so that one area's draws do not shift the next area's records.
        loaded[area] = module.load_demo(actor=actor, rng=random.Random(seed + offset + 1)) or {}
        if progress is not None:
            progress(area, loaded[area], time.monotonic() - started)
    return loaded
