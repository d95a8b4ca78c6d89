"""Writing a file whole or not at all: the one way our commands write.

A command that writes data (``ncp translations reviewed``, ``ncp glossary import --apply``) must
never leave a half-written file, nor a temporary file beside it, whatever happens: a full disk, a
read-only folder, Ctrl-C or ``kill``. The new content goes to a temporary file in the same folder,
which then replaces the old file in one step (``os.replace``); on any failure the temporary file is
removed and the old file stays byte for byte as it was. A run killed outright (SIGKILL) cannot clean
up: the next write of the same file removes what it left.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import signal
import stat
import tempfile
import threading
from pathlib import Path

from .errors import DataError
from .messages import Message, _

_STOPPING = (signal.SIGTERM, signal.SIGINT)


class WriteFailed(Exception):
    """A file could not be written; it was left as it was."""

    def __init__(self, error: DataError):
        self.error = error
        super().__init__(str(error))


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived while a file was being written; it was left as it was."""

    def __init__(self, signum: int, path: str):
        self.signum, self.path = signum, path
        super().__init__(f"{signal.Signals(signum).name} while writing {path}")


def write_atomically(path: Path, content: str | bytes, shown: str | None = None) -> None:
    """Replace ``path`` by ``content`` (text is written as UTF-8), or raise ``WriteFailed`` / ``Interrupted``
    with the file unchanged and no temporary file left.

    Only a regular file is replaced: a link, a device (``/dev/full``), a pipe or a folder is refused, as
    is a path whose folder does not exist (a mistyped folder is never created)."""
    path = Path(path)
    shown = shown or path.as_posix()
    problem = _target_problem(path)
    if problem:
        raise WriteFailed(DataError(shown, 1, "(file)", *problem))
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: str | None = None
    with _stopping_raises(shown):
        try:
            _remove_leftovers(path)
            with _signals_held():
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, _mode_for(path))
            with _signals_held():
                os.replace(tmp, path)
                tmp = None
        except OSError as exc:
            fix = (_("the disk is full: free some space on it, then run the command again; the file was left as it was")
                   if exc.errno in (errno.ENOSPC, errno.EDQUOT) else
                   _("check that the folder is writable and the disk has space, then run the command again; the file "
                     "was left as it was"))
            raise WriteFailed(DataError(shown, 1, "(file)", _("could not be written ({reason})",
                                                              reason=exc.strerror or str(exc)), fix)) from exc
        finally:
            if tmp is not None:
                with _signals_held(), contextlib.suppress(OSError):
                    os.unlink(tmp)


def write_output(path: Path, content: str | bytes, root: Path, shown: str | None = None) -> None:
    """Write a file whose path a person gave (``ncp glossary export -o``), as ``write_atomically`` does, but
    never over the project's sources: anything under ``data/`` or ``docs/`` is refused, whatever the path's
    spelling (``./data/../data/glossary.yml``, a link to the folder)."""
    shown = shown or Path(path).as_posix()
    where = Path(path).resolve()
    for folder in ("data", "docs"):
        if where.is_relative_to((Path(root) / folder).resolve()):
            raise WriteFailed(DataError(shown, 1, "(file)", _("is under {folder}, which holds the site's sources",
                                                              folder=f"{folder}/"),
                                        _("write the file elsewhere (e.g. glossary.tbx in the project's folder); "
                                          "nothing under data/ or docs/ is ever written by an export")))
    write_atomically(path, content, shown)


def _target_problem(path: Path) -> tuple[Message, Message] | None:
    """Why ``path`` may not be written (``problem, fix``), or None."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        return (_("cannot be checked ({reason})", reason=exc.strerror or str(exc)),
                _("give the path of a file in an existing folder"))
    if mode is not None and not stat.S_ISREG(mode):
        problem = (_("is a link, which is never written over") if stat.S_ISLNK(mode) else
                   _("is a folder, which is never written over") if stat.S_ISDIR(mode) else
                   _("is a device, which is never written over") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
                   _("is not a regular file, which is never written over"))
        return problem, _("give the path of a regular file (or of a new one)")
    if not path.parent.is_dir():
        return (_("cannot be written: the folder {folder} does not exist", folder=f"{path.parent.as_posix()}/"),
                _("create the folder first, or correct the path"))
    return None


def _mode_for(path: Path) -> int:
    """The file's own permissions when it exists (mkstemp's are owner-only), else the usual ones."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_leftovers(path: Path) -> None:
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def _stopping_raises(shown: str):
    """While a file is written, SIGTERM and SIGINT raise ``Interrupted`` so that cleanup runs
    (Python's default for SIGTERM ends the process at once, leaving the temporary file)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Interrupted(signum, shown)

    previous = {signum: signal.signal(signum, stop) for signum in _STOPPING}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_held():
    """Hold SIGTERM and SIGINT for a step that must not be cut in two (creating the temporary file
    and remembering its name; replacing the file and forgetting it); they arrive right after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
