"""Each area of isogov (documents, audits, programme…) adds its own demo records after the registry is loaded.

An area provides `isogov/<area>/demo.py` with `load_demo(*, actor, rng) -> dict[str, int]`, idempotent.
"""
import importlib
import random

# Order matters: audits open nonconformities, reviews read audits and objectives, events link to the
# programme's activities.
AREAS = ("documents", "objectives", "risks", "feedback", "capa", "audits", "reviews",
         "programme", "events", "training")


def load_areas(*, actor, seed: int) -> dict[str, dict[str, int]]:
    loaded = {}
    for offset, area in enumerate(AREAS):
        try:
            module = importlib.import_module(f"isogov.{area}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"isogov.{area}.demo":
                raise
            continue
        # A generator per area, so that one area's draws do not shift the next area's records.
        loaded[area] = module.load_demo(actor=actor, rng=random.Random(seed + offset + 1)) or {}
    return loaded
