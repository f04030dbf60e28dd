"""Many people at once against a running server: each a browser of its own, all released together.

Used by bench/concurrency.py (and through it by isogov/core/tests/test_concurrent_users.py). Standard library
only, so the bench runs wherever the app does.
"""
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the status itself is what we count


class Visitor:
    """One person's browser: own cookies, redirects not followed, every answer's status kept."""

    def __init__(self, base_url: str, timeout: float = 60):
        self.base, self.timeout = base_url.rstrip("/"), timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.token = ""
        self.location = ""  # where the last redirect pointed
        self.errors: list[str] = []  # why requests got no answer

    def request(self, path: str, data: dict | None = None) -> tuple[int, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        self.location = ""
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            self.location = exc.headers.get("Location", "")
            return exc.code, exc.read()
        except OSError as exc:  # refused, reset, timed out: as bad as a 500 for the person waiting
            self.errors.append(f"{path}: {exc!r}")
            return 0, b""

    def get(self, path: str) -> tuple[int, bytes]:
        status, body = self.request(path)
        if match := _TOKEN.search(body):
            self.token = match.group(1).decode()
        return status, body

    def post(self, path: str, data: dict) -> tuple[int, bytes]:
        cookie = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        return self.request(path, {"csrfmiddlewaretoken": self.token or cookie, **data})

    def open_login(self) -> None:
        self.get("/login/")

    def login(self, username: str, password: str) -> str:
        """302 signed in, 200 refused by the form, 403 locked out."""
        status, _body = self.post("/login/", {"username": username, "password": password})
        self.token = ""  # Django rotates the CSRF secret at login; the new cookie is the token from now on
        return str(status)

    def write(self, path: str, data: dict) -> str:
        """302 saved, 400 refused by the form; "302 login" when the session was lost."""
        status, _body = self.post(path, data)
        return f"{status} login" if status == 302 and "/login/" in self.location else str(status)


@dataclass
class Round:
    """What a round of simultaneous requests got."""

    name: str
    statuses: Counter = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    wall: float = 0.0

    def line(self) -> str:
        times = sorted(self.seconds)
        p50, p95 = times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]
        codes = ", ".join(f"{'no answer' if code == '0' else code}×{n}" for code, n in sorted(self.statuses.items()))
        return f"{self.name:<44} {codes:<28} wall {self.wall:5.2f} s  p50 {p50:5.2f} s  p95 {p95:5.2f} s"


def at_once(name: str, calls: list) -> Round:
    """Run every call in its own thread, all released by one barrier; each call returns a status (str)."""
    result = Round(name)
    barrier = threading.Barrier(len(calls) + 1)
    lock = threading.Lock()

    def run(call):
        barrier.wait()
        started = time.perf_counter()
        status = call()
        with lock:
            result.statuses[status] += 1
            result.seconds.append(time.perf_counter() - started)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    result.wall = time.perf_counter() - started
    return result
