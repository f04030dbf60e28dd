"""The test suite's settings: the real ones, in demo mode (throw-away databases may use the public key)."""
import os

os.environ.setdefault("ISOGOV_DEMO", "1")

from isogov.settings import *  # noqa: E402,F403

# A job's progress stays in the test's process (a browser test's worker is a thread of it), not in var/.
CACHES = {**CACHES, "jobs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobs"}}  # noqa: F405
