"""The test suite's settings: the real ones, in demo mode (throw-away databases may use the public key)."""
import os

os.environ.setdefault("ISOGOV_DEMO", "1")

from isogov.settings import *  # noqa: E402,F403
