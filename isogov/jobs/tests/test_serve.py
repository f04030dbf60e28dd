"""scripts/serve (`make run`, `make dev`): the web server and the worker start together, and Ctrl-C or either of
them stopping stops both. `isogov` is a stand-in here that records its arguments and sleeps."""
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

SERVE = Path(__file__).resolve().parents[3] / "scripts" / "serve"
STAND_IN = """#!/usr/bin/env bash
echo "$$ $*" >> "$(dirname "$0")/started"
exec sleep 600
"""


@pytest.fixture
def bin_dir(tmp_path):
    isogov = tmp_path / "isogov"
    isogov.write_text(STAND_IN)
    isogov.chmod(0o755)
    return tmp_path


def _serve(bin_dir) -> subprocess.Popen:
    """scripts/serve as started from a terminal. A shell cannot trap a signal it was started ignoring, and a
    test process may ignore SIGINT (a pytest-xdist worker did, so the script never saw the Ctrl-C): the
    default disposition is restored for it, as a terminal's shell gives it."""
    return subprocess.Popen([str(SERVE), str(bin_dir), "127.0.0.1:8999"],
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _started(bin_dir, count=2) -> dict[str, int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        lines = (bin_dir / "started").read_text().splitlines() if (bin_dir / "started").exists() else []
        if len(lines) == count:
            return {line.split(" ", 1)[1]: int(line.split(" ", 1)[0]) for line in lines}
        time.sleep(0.05)
    raise AssertionError("the two processes did not start")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped by the script is a zombie: gone for our purpose.
    return "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]


def _gone(pids, timeout=20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_stops_the_server_and_the_worker(bin_dir):
    serve = _serve(bin_dir)
    started = _started(bin_dir)
    assert set(started) == {"worker", "runserver 127.0.0.1:8999"}
    serve.send_signal(signal.SIGINT)
    serve.wait(timeout=20)
    assert _gone(started.values())


def test_a_ctrl_c_while_starting_stops_both(tmp_path):
    """Ctrl-C the moment the worker starts, before the server has: the script stops at once and leaves nothing
    running. Without a trap in place by then bash waits, signal deferred, for children in their own process groups
    that never saw it: the script once set its trap after starting them, and a loaded CI machine waited there."""
    isogov = tmp_path / "isogov"
    isogov.write_text(STAND_IN.replace("exec sleep", '[ "$1" != worker ] || kill -INT "$PPID"\nexec sleep'))
    isogov.chmod(0o755)
    serve = _serve(tmp_path)
    serve.wait(timeout=20)
    lines = (tmp_path / "started").read_text().splitlines()
    assert lines and _gone([int(line.split(" ", 1)[0]) for line in lines])


@pytest.mark.parametrize("dies", ["worker", "runserver 127.0.0.1:8999"])
def test_either_stopping_stops_the_other(bin_dir, dies):
    serve = _serve(bin_dir)
    started = _started(bin_dir)
    os.kill(started[dies], signal.SIGKILL)
    assert serve.wait(timeout=20) != 0
    assert _gone(started.values())
