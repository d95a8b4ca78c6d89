"""Writing whole files or nothing: a failure or a stop signal mid-write leaves the old file and no temporary file."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest
from builders import case_record, make_project

from ncp_site import cli
from ncp_site.core import files
from ncp_site.core.files import Interrupted, WriteFailed, write_atomically

OLD = "old: content\n"


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "state.yml"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_a_write_replaces_the_whole_file_and_keeps_its_permissions(target):
    target.chmod(0o640)
    write_atomically(target, "new: content\n")
    assert target.read_text(encoding="utf-8") == "new: content\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(target.parent) == []


def _disk_full(fd):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_only(*args, **kwargs):
    raise OSError(errno.EROFS, os.strerror(errno.EROFS))


@pytest.mark.parametrize(("where", "failure", "reason"), [
    ("fsync", _disk_full, "No space left on device"),
    ("replace", _read_only, "Read-only file system"),
])
def test_a_failure_mid_write_is_a_located_error_and_changes_nothing(target, monkeypatch, where, failure, reason):
    monkeypatch.setattr(files.os, where, failure)
    with pytest.raises(WriteFailed) as raised:
        write_atomically(target, "new: content\n" * 1000, "data/state.yml")
    assert str(raised.value.error).startswith(f"data/state.yml:1: (file): could not be written ({reason}) -- ")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []


def test_a_folder_that_cannot_hold_a_new_file_is_a_located_error(target, monkeypatch):
    monkeypatch.setattr(files.tempfile, "mkstemp", _read_only)
    with pytest.raises(WriteFailed):
        write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == OLD and leftovers(target.parent) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_mid_write_removes_the_temporary_file(target, monkeypatch, signum):
    real_fsync = os.fsync

    def killed(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(files.os, "fsync", killed)
    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted):
        write_atomically(target, "new: content\n")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []
    assert signal.getsignal(signal.SIGTERM) is previous


def test_a_killed_process_leaves_nothing_behind(target):
    """`kill <pid>` (SIGTERM) during a write of a real process: its temporary file goes with it."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        from ncp_site.core import files
        real = os.fsync
        def slow(fd):
            real(fd)
            print("writing", flush=True)
            signal.pause()  # wait here for the parent's kill
        files.os.fsync = slow
        files.write_atomically(files.Path({str(target)!r}), "new: content\\n")
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline() == "writing\n"
    assert len(leftovers(target.parent)) == 1  # the temporary file exists while it writes
    child.terminate()
    _, err = child.communicate(timeout=60)
    assert child.returncode != 0 and "Interrupted: SIGTERM while writing" in err
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(target.parent) == []


def test_leftovers_of_a_run_killed_outright_are_removed_by_the_next_write(target):
    stale = target.parent / f".{target.name}.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    other = target.parent / ".other.yml.abc123.tmp"
    other.write_text("not ours", encoding="utf-8")
    write_atomically(target, "new\n")
    assert leftovers(target.parent) == [other.name]


# --- the commands that write -----------------------------------------------------------------

def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("where", "failure"), [("fsync", _disk_full), ("replace", _read_only)])
def test_translations_reviewed_reports_a_write_failure_and_touches_nothing(tmp_path, capsys, monkeypatch,
                                                                           where, failure):
    root = make_project(tmp_path, [case_record("kz0101")])
    assert cli.main(["--root", str(root), "translations", "reviewed", "--all", "--by", "T", "--lang", "en"]) == 0
    before = _snapshot(root / "data")
    capsys.readouterr()
    monkeypatch.setattr(files.os, where, failure)
    assert cli.main(["--root", str(root), "translations", "reviewed", "--all", "--by", "T"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("data/translation-state.yml:1: (file): could not be written (")
    assert "Traceback" not in captured.out + captured.err
    assert _snapshot(root / "data") == before


def test_translations_reviewed_stopped_by_sigterm_touches_nothing(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path, [case_record("kz0101")])
    assert cli.main(["--root", str(root), "translations", "reviewed", "--all", "--by", "T", "--lang", "en"]) == 0
    before = _snapshot(root / "data")
    monkeypatch.setattr(files.os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGTERM))
    assert cli.main(["--root", str(root), "translations", "reviewed", "--all", "--by", "T"]) == 128 + signal.SIGTERM
    assert "data/translation-state.yml was left as it was" in capsys.readouterr().err
    assert _snapshot(root / "data") == before
