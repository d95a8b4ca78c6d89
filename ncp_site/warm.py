"""``ncp check`` answered by a process that has imported everything already (the ``ncp`` command's entry).

A check of the repository does about a tenth of a second of work; starting Python and importing the
parsers, the validator and the data kinds took three times as long, on every run. So, as ``dmypy`` and
Gradle's daemon do, the first ``ncp check`` of a project leaves a small server behind
(``python -m ncp_site.warm --serve ROOT``, listening on a socket in the user's own runtime folder, never
inside the project, where copying the folder would meet it). It imports the
command's code and waits; for each later ``ncp check`` it forks a child that runs the command exactly as
a new process would (``cli.main`` with the caller's arguments, folder, environment and umask), writing to
the caller's own terminal (its file descriptors are passed over the socket), and returns its exit code.
Nothing is kept between checks but imported code: every file is read again, through the same per-file
cache (``core.cache``) a cold run uses.

The server stops after 15 idle minutes, when its socket is removed or replaced, and, before forking,
when the package's code or libraries changed since it started (``code_version``): the caller then
runs the command itself and starts a new server. ``NCP_WARM=0`` (set by the tests, and by CI through
``CI``) never uses or starts one. Only the socket's owner is answered.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

IDLE_SECONDS = 15 * 60
_POLL_SECONDS = 30
_HEADER = struct.Struct("!I")


def enabled() -> bool:
    return os.environ.get("NCP_WARM", "0" if os.environ.get("CI") else "1") != "0"


def socket_path(root: Path) -> Path | None:
    """Where ``root``'s warm process for this Python and this copy of the package listens:
    ``$XDG_RUNTIME_DIR`` (or the temporary folder) ``/ncp-warm-UID/``, a folder only this user may enter;
    None when that cannot be made sure of."""
    import hashlib
    import tempfile

    folder = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()) / f"ncp-warm-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        mine = folder.lstat()
    except OSError:
        return None
    if not folder.is_dir() or folder.is_symlink() or mine.st_uid != os.getuid() or mine.st_mode & 0o077:
        return None
    key = f"{root.resolve()}\0{sys.executable}\0{Path(__file__).resolve().parent}"  # another Python: another process
    return folder / f"{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}.sock"


def main() -> int:
    """The ``ncp`` command: ``check`` through the warm process when one answers, everything else as before."""
    def cold(argv: list[str]) -> int:
        from . import cli

        return cli.main(argv)

    return _warm_or(cold, sys.argv[1:])


def secretariat() -> int:
    """``./ncp`` (the Secretariat's command, ``ncp_site.secretariat``): ``./ncp check`` the same way."""
    def cold(argv: list[str]) -> int:
        from . import secretariat

        return secretariat.main(argv)

    return _warm_or(cold, sys.argv[1:])


def _warm_or(cold, argv: list[str]) -> int:
    root = _checked_root(argv)
    if root is not None and enabled():
        code = ask(root, argv)
        if code is not None:
            return code
    code = cold(argv)
    if root is not None and enabled():
        start(root)
    return code


def _checked_root(argv: list[str]) -> Path | None:
    """The project's folder when ``argv`` is ``[--root FOLDER] check ...`` (other options: a cold run)."""
    rest = argv[2:] if argv[:1] == ["--root"] and len(argv) > 1 else argv
    if rest[:1] != ["check"]:
        return None
    if rest is not argv:
        return Path(argv[1]).resolve()
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / "mkdocs.yml").is_file()), None)


def ask(root: Path, argv: list[str]) -> int | None:
    """The exit code of ``ncp *argv`` run by the warm process of ``root``; None when none answers."""
    path = socket_path(root)
    if path is None:
        return None
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(path))
        request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                              "umask": _umask()}).encode()
        socket.send_fds(client, [_HEADER.pack(len(request)) + request], [0, 1, 2])
        reply = client.makefile("r", encoding="utf-8")
        first = json.loads(reply.readline() or "{}")
    except (OSError, ValueError):
        client.close()
        return None
    if "pid" not in first:
        client.close()
        return None
    forward = {signum: signal.signal(signum, lambda s, _f: _kill(first["pid"], s))
               for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        line = reply.readline()
    finally:
        for signum, handler in forward.items():
            signal.signal(signum, handler)
        client.close()
    if not line:
        print("ncp: the check stopped before it finished (its process ended); run it again.", file=sys.stderr)
        return 1
    return int(json.loads(line)["exit"])


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def start(root: Path) -> None:
    """Leave a warm process for ``root`` behind, detached: it outlives this command and its terminal."""
    if not os.access(root, os.W_OK):
        return
    subprocess.Popen([sys.executable, "-m", "ncp_site.warm", "--serve", str(root)], cwd=root, start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(root: Path) -> None:
    """Stop ``root``'s warm process, if one runs (tests; a developer who wants it gone)."""
    path = socket_path(root)
    if path is not None:
        path.unlink(missing_ok=True)


def serve(root: Path) -> None:
    """Run one check (its output dropped) so that everything it imports and makes once is in memory, listen on
    the project's socket, fork a child per caller. What a check keeps between runs inside the process
    (imported modules, the message catalogs, the validators, the Jinja parser) is made from the code
    alone, never from the data: a child's result is a cold run's (tests/test_warm.py compares them)."""
    from . import cli
    from .core.cache import code_version

    version = code_version()
    path = socket_path(root)
    if path is None:
        return
    with open(os.devnull, "w", encoding="utf-8") as sink, redirect_stdout(sink), redirect_stderr(sink):
        cli.main(["--root", str(root), "check"])
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    spare = path.with_name(f"warm.{os.getpid()}.sock")
    old_mask = os.umask(0o177)
    try:
        listening.bind(str(spare))
    finally:
        os.umask(old_mask)
    os.replace(spare, path)  # a server started at the same time is replaced, and stops at its next poll
    listening.listen(8)
    listening.settimeout(_POLL_SECONDS)
    ours = path.stat().st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped (kill, shutdown): its socket goes too
    idle_since = time.monotonic()
    try:
        while True:
            try:
                conn, _ = listening.accept()
            except TimeoutError:
                if time.monotonic() - idle_since > IDLE_SECONDS or not _still_ours(path, ours) or not root.is_dir():
                    break
                continue
            idle_since = time.monotonic()
            if not _same_user(conn):
                conn.close()
                continue
            if code_version() != version or not _still_ours(path, ours):
                conn.close()
                break
            if os.fork() == 0:
                listening.close()
                try:
                    os._exit(_child(conn))
                except BaseException:  # noqa: BLE001  (before the pid is sent the caller runs the check itself)
                    os._exit(70)
            conn.close()
    finally:
        listening.close()
        if _still_ours(path, ours):
            path.unlink(missing_ok=True)


def _still_ours(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def _same_user(conn: socket.socket) -> bool:
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def _child(conn: socket.socket) -> int:
    """Run one ``ncp check`` as the caller would have: its arguments, folder, environment, umask, terminal."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 16, 3)
    if len(fds) != 3 or len(data) < _HEADER.size:
        return 1
    (size,) = _HEADER.unpack_from(data)
    while len(data) < _HEADER.size + size:
        more = conn.recv(1 << 16)
        if not more:
            return 1
        data += more
    request = json.loads(data[_HEADER.size:])
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(request["umask"])
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115  (the caller's, for the child's life)
    sys.stdout = open(1, "w", buffering=1 if os.isatty(1) else -1, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    conn.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
    from . import cli

    try:
        code = cli.main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        code = 128 + signal.SIGINT
    sys.stdout.flush()
    sys.stderr.flush()
    conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(Path(sys.argv[2]).resolve())
    else:
        sys.exit(secretariat())
