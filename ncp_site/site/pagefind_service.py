"""A client of Pagefind's service (``pagefind --service``): the protocol its own Python and Node.js
packages speak, read from Pagefind 1.5.2 (``pagefind/service/`` of its Python package).

Why not that Python package: it waits 0.1 s before reading each answer, a minute for 600 pages.
Why not the command line: it numbers the pages in the order the disk lists them (ext4 by a hash
seeded per file system, tmpfs newest first), so two machines built different bundles from the same
site. Given the pages one by one, Pagefind numbers them in the order they are given.

Each message is JSON ``{"message_id": n, "payload": {"type": ..., ...}}``, base64-encoded and ended
by a comma, both ways. Pagefind reads its input in a thread of its own and answers each message in
turn; at most ``WINDOW`` pages are sent ahead of the answers, so that neither side holds more.
tests/site/test_search_index.py runs the real Pagefind through it.
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, NoReturn

WINDOW = 16
"""Pages sent ahead of Pagefind's answers: enough to keep it busy while this process reads the next pages."""

STOP_POLL = 0.05
"""Seconds between two looks at the ``stop`` event."""


class ServiceError(RuntimeError):
    """Pagefind answered with an error, or ended before it answered."""


class ServiceStopped(ServiceError):
    """The caller set ``stop``: Pagefind was killed."""


class PagefindService:
    """One ``pagefind --service`` process, killed as soon as ``stop`` is set (from another thread too)."""

    def __init__(self, command: list[str], stop: threading.Event, what: str):
        self.what = what
        self.stop = stop
        if stop.is_set():
            raise ServiceStopped(f"{what} was stopped")
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen([*command, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._stderr)
        self._ended = threading.Event()
        self._watch = threading.Thread(target=self._kill_when_stopped, daemon=True)
        self._watch.start()
        self._sent = 0
        self._waiting = 0
        self._unread = b""

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc) -> None:
        self.close(failed=exc[0] is not None)

    def _kill_when_stopped(self) -> None:
        while not self._ended.wait(STOP_POLL):
            if self.stop.is_set():
                self._process.kill()
                return

    def close(self, failed: bool = False) -> None:
        """Ends Pagefind: by closing its input when all went well, else by killing it."""
        try:
            if failed:
                self._process.kill()
            else:
                try:
                    self._process.stdin.close()  # type: ignore[union-attr]
                except BrokenPipeError:
                    pass
            self._process.wait()
        finally:
            self._ended.set()
            self._process.stdout.close()  # type: ignore[union-attr]
            self._stderr.close()

    def new_index(self, config: dict[str, Any]) -> int:
        return int(self._call({"type": "NewIndex", "config": config})["index_id"])

    def add_file(self, index: int, url: str, html: str) -> None:
        """Sends one page; its answer is read later (at most ``WINDOW`` pages ahead)."""
        self._send({"type": "AddFile", "index_id": index, "url": url, "file_path": None, "file_contents": html})
        while self._waiting >= WINDOW:
            self._answer()

    def files(self, index: int) -> list[tuple[str, bytes]]:
        """The index's bundle: each file's path in it and its bytes.

        Not Pagefind's ``WriteFiles``: its answer comes before the last bytes of each file reach the disk, and
        the service ends at once when its input closes (``std::process::exit``), so files could be cut short."""
        files = self._call({"type": "GetFiles", "index_id": index})["files"]
        return [(file["path"], base64.b64decode(file.pop("content"))) for file in files]

    def _send(self, payload: dict[str, Any]) -> None:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        try:
            self._process.stdin.write(  # type: ignore[union-attr]
                base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b",")
        except (BrokenPipeError, ValueError):
            self._failed()
        self._waiting += 1

    def _call(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Sends ``payload`` and returns Pagefind's answer to it (those to the pages before it read first)."""
        self._send(payload)
        self._flush()
        answer: dict[str, Any] = {}
        while self._waiting:
            answer = self._answer()
        return answer

    def _flush(self) -> None:
        try:
            self._process.stdin.flush()  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError):
            self._failed()

    def _answer(self) -> dict[str, Any]:
        if self._waiting >= WINDOW:
            self._flush()
        data = bytearray(self._unread)
        end = data.find(b",")
        while end < 0:
            more = self._process.stdout.read1(1 << 20)  # type: ignore[union-attr]
            if not more:
                self._failed()
            end = more.find(b",")
            if end >= 0:
                end += len(data)
            data += more
        message, self._unread = data[:end], bytes(data[end + 1:])
        del data
        self._waiting -= 1
        try:
            payload = json.loads(base64.b64decode(message, validate=True))["payload"]
        except (ValueError, KeyError, TypeError):
            self._process.kill()
            raise ServiceError(f"Pagefind answered what is not its protocol while making {self.what}: "
                               f"{bytes(message[:80])!r}") from None
        if payload.get("type") == "Error":
            raise ServiceError(f"Pagefind could not make {self.what}: {payload.get('message', '')}")
        return payload

    def _failed(self) -> NoReturn:
        if self.stop.is_set():
            raise ServiceStopped(f"{self.what} was stopped")
        self._process.kill()
        self._process.wait()
        self._stderr.seek(0)
        said = " ".join(dict.fromkeys(line.strip() for line in self._stderr.read().decode(errors="replace").splitlines()
                                      if line.strip()))
        raise ServiceError(f"Pagefind ended before it made {self.what}" + (f": {said}" if said else ""))
