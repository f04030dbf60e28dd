"""Django's Argon2 hasher, computing at most ISOGOV["PASSWORD_HASHES_AT_ONCE"] hashes at a time per process.

Each Argon2 hash (Django's parameters: 100 MiB, 8 lanes, 2 passes) fills its memory with 8 threads. Fifty
people logging in at once made the server take 5 GB and run 400 hashing threads on two processors; the
request holding SQLite's write lock got so little CPU that the others waited past the busy timeout and
answered 500. Beyond the bound, a login waits here (no CPU, no memory) for its turn; none fails.
The algorithm's name and parameters are Django's, so stored hashes stay valid either way.
"""
import threading

from django.conf import settings
from django.contrib.auth import hashers

_guard = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def _slot() -> threading.BoundedSemaphore:
    size = settings.ISOGOV["PASSWORD_HASHES_AT_ONCE"]
    with _guard:
        return _slots.setdefault(size, threading.BoundedSemaphore(size))


class Argon2PasswordHasher(hashers.Argon2PasswordHasher):
    def encode(self, password, salt):
        with _slot():
            return super().encode(password, salt)

    def verify(self, password, encoded):
        with _slot():
            return super().verify(password, encoded)
