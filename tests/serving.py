"""``mkdocs serve`` on a small test project, on a free port, always stopped: for the preview tests.

The server runs in its own process group; ``serving`` stops it (Ctrl-C, then a kill) whatever the
test did, so no server outlives a failed test. Every request has a hard time limit: a request that
does not come back within it counts as hanging.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from builders import buildable, case_record, line_of, make_project
from conftest import BUILD_EPOCH, engine_command

REQUEST_LIMIT = 30.0
"""Seconds a request may take: a page is served in milliseconds, or after the rebuild under way (seconds)."""
WAIT_LIMIT = 120.0
"""Seconds to wait for the server to start or for a rebuild to show: far above a small project's few seconds."""
RECHECK = 1.0
"""Seconds after which a wait asks again though the server said nothing new (it usually says something first)."""

CASE = "kz0101"
GOOD_STATUS = "status: under_initial_assessment"
BAD_STATUS = "status: <b>closed</b>"  # not a status, and markup the preview must show as text


def preview_project(root: Path) -> Path:
    """A project with one specific instance (pages ``cases/kz0101/`` in kk, ru, en) and a home page."""
    return buildable(make_project(root, [case_record(CASE)]), {})


def case_file(root: Path) -> Path:
    return root / "data" / "cases" / f"{CASE}.yml"


def break_case(root: Path) -> int:
    """Write an unknown status into the case's file; returns the line ``ncp check`` reports it at."""
    path = case_file(root)
    text = path.read_text(encoding="utf-8")
    assert GOOD_STATUS in text
    path.write_text(text.replace(GOOD_STATUS, BAD_STATUS), encoding="utf-8")
    return line_of(text, GOOD_STATUS)


def repair_case(root: Path) -> None:
    path = case_file(root)
    path.write_text(path.read_text(encoding="utf-8").replace(BAD_STATUS, GOOD_STATUS), encoding="utf-8")


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    log: Path
    said: threading.Condition = field(default_factory=threading.Condition)
    lines: int = 0
    """Lines of output so far (``_copy_output``): a wait wakes up when this changes."""

    def get(self, path: str = "") -> tuple[int, str]:
        """(status, body) of ``url + path``; fails the test if the server does not answer within REQUEST_LIMIT."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=REQUEST_LIMIT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")
        except (TimeoutError, urllib.error.URLError) as error:
            if not isinstance(getattr(error, "reason", error), TimeoutError):
                raise
            raise AssertionError(f"GET /{path} hung: no answer within {REQUEST_LIMIT:.0f} s\n{self.output()}") from None

    def wait_for(self, what: str, found: Callable[[], bool]) -> None:
        """Ask ``found`` each time the server says something (a build ends with a line), or after RECHECK
        seconds of silence, until it holds; fail after WAIT_LIMIT or if the server has stopped."""
        deadline = time.monotonic() + WAIT_LIMIT
        while True:
            seen = self.lines
            if found():
                return
            assert self.process.poll() is None, f"mkdocs serve stopped while waiting for {what}\n{self.output()}"
            left = deadline - time.monotonic()
            assert left > 0, f"{what}: not seen within {WAIT_LIMIT:.0f} s\n{self.output()}"
            with self.said:
                self.said.wait_for(lambda seen=seen: self.lines != seen, timeout=min(RECHECK, left))

    def _copy_output(self) -> None:
        """Write the server's output to ``log`` line by line, and wake the waits."""
        with open(self.log, "a", encoding="utf-8") as out:
            for line in self.process.stdout:
                out.write(line)
                out.flush()
                with self.said:
                    self.lines += 1
                    self.said.notify_all()

    def output(self) -> str:
        return "mkdocs serve said:\n" + self.log.read_text(encoding="utf-8", errors="replace")[-6000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(project: Path, log: Path, *options: str) -> Iterator[Served]:
    """``mkdocs serve`` (with ``options``) on ``project`` until the block ends; its output goes to ``log``
    (outside the watched folders)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NCP_SITE_URL": url, "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "PYTHONUNBUFFERED": "1"}
    log.write_text("", encoding="utf-8")
    process = subprocess.Popen(engine_command("serve", "-a", f"127.0.0.1:{port}", *options),
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True, text=True, encoding="utf-8", errors="replace")
    served = Served(url, process, log)
    copier = threading.Thread(target=served._copy_output, name="mkdocs-serve-output", daemon=True)
    copier.start()
    try:
        served.wait_for("the first build", lambda: _answers(url))
        yield served
    finally:
        _stop(process)
        copier.join(timeout=20)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except (OSError, urllib.error.URLError):
        return False


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C (MkDocs then removes its temporary site), a kill if that is not enough."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)
