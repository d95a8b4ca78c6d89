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


@pytest.mark.parametrize(("name", "other"), [("state.yml", "other.yml"), ("state[1]*.yml", "state1x.yml")])
def test_leftovers_of_a_run_killed_outright_are_removed_by_the_next_write(tmp_path, name, other):
    """Only this file's own leftovers, even when its name holds characters a glob pattern reads (``[1]``, ``*``)."""
    target = tmp_path / name
    (tmp_path / f".{name}.abc123.tmp").write_text("half", encoding="utf-8")
    (tmp_path / f".{other}.abc123.tmp").write_text("not ours", encoding="utf-8")
    write_atomically(target, "new\n")
    assert leftovers(tmp_path) == [f".{other}.abc123.tmp"]


def test_a_full_disk_says_so(target, monkeypatch):
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    with pytest.raises(WriteFailed) as raised:
        write_atomically(target, "new\n", "out.tbx")
    assert str(raised.value.error) == ("out.tbx:1: (file): could not be written (No space left on device) -- the disk "
                                       "is full: free some space on it, then run the command again; the file was left "
                                       "as it was")


@pytest.mark.parametrize(("make", "what"), [
    (lambda path: path.symlink_to(path.parent / "real.txt"), "a link"),
    (lambda path: path.mkdir(), "a folder"),
    (lambda path: os.mkfifo(path), "not a regular file"),
])
def test_only_a_regular_file_is_written_over(tmp_path, make, what):
    (tmp_path / "real.txt").write_text("kept\n", encoding="utf-8")
    path = tmp_path / "out.tbx"
    make(path)
    with pytest.raises(WriteFailed) as raised:
        write_atomically(path, "new\n", "out.tbx")
    assert str(raised.value.error) == (f"out.tbx:1: (file): is {what}, which is never written over -- give the path "
                                       "of a regular file (or of a new one)")
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "kept\n" and leftovers(tmp_path) == []
    assert path.is_symlink() or path.is_dir() or stat.S_ISFIFO(path.lstat().st_mode)


def test_a_device_is_never_replaced():
    """As root, ``-o /dev/full`` replaced the device node with a regular file and printed "wrote"."""
    before = os.lstat("/dev/full")
    with pytest.raises(WriteFailed) as raised:
        write_atomically(files.Path("/dev/full"), "new\n")
    assert "is a device, which is never written over" in str(raised.value.error)
    after = os.lstat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_a_missing_folder_is_named_not_created(tmp_path):
    with pytest.raises(WriteFailed) as raised:
        write_atomically(tmp_path / "typo" / "deeper" / "out.tbx", "new\n", "typo/deeper/out.tbx")
    assert f"cannot be written: the folder {(tmp_path / 'typo' / 'deeper').as_posix()}/ does not exist" in str(
        raised.value.error)
    assert not (tmp_path / "typo").exists()


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


def _export(root, capsys, *args):
    code = cli.main(["--root", str(root), "glossary", "export", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


@pytest.mark.parametrize("output", ["data/glossary.yml", "data/new.tbx", "docs/index.en.md", "docs/../data/x.tbx",
                                    "{root}/data/cases/kz0101.yml", "linked/glossary.yml"])
def test_glossary_export_never_writes_into_data_or_docs(tmp_path, capsys, monkeypatch, output):
    """Before: ``-o data/glossary.yml`` replaced the YAML source with TBX and exited 0."""
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    (root / "linked").symlink_to(root / "data")
    monkeypatch.chdir(root)
    before = _snapshot(root / "data"), _snapshot(root / "docs")
    code, out = _export(root, capsys, "-o", output.format(root=root))
    assert code == 1 and (": (file): is under data/" in out or ": (file): is under docs/" in out)
    assert "-- write the file elsewhere" in out and "wrote" not in out
    assert (_snapshot(root / "data"), _snapshot(root / "docs")) == before


def test_glossary_export_writes_a_new_file_beside_the_project_and_replaces_its_own(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    monkeypatch.chdir(root)
    for _ in range(2):
        code, out = _export(root, capsys, "-o", "glossary.tbx")
        assert code == 0 and "wrote glossary.tbx" in out
    assert (root / "glossary.tbx").read_text(encoding="utf-8").startswith("<?xml")


def test_glossary_export_to_a_device_or_a_missing_folder_is_refused(tmp_path, capsys):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    code, out = _export(root, capsys, "-o", "/dev/full")
    assert code == 1 and "/dev/full:1: (file): is a device, which is never written over" in out
    code, out = _export(root, capsys, "-o", str(tmp_path / "typo" / "g.tbx"))
    assert code == 1 and "does not exist -- create the folder first, or correct the path" in out
    assert not (tmp_path / "typo").exists()


def test_glossary_export_to_a_full_disk_on_standard_output_is_one_line(tmp_path):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ncp_site.cli", "--root", str(root), "glossary", "export"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stderr.startswith("ncp glossary export: the output could not be written (No space left on device)")


@pytest.mark.parametrize("command", [["translations", "export", "--lang", "kk", "--source", "ru"],
                                     ["translations", "tmx", "--source", "ru", "--target", "kk"]])
@pytest.mark.parametrize("output", ["data/ui.yml", "docs/index.kk.md", "/dev/full"])
def test_every_export_refuses_the_sources_and_what_is_not_a_regular_file(tmp_path, capsys, monkeypatch, command,
                                                                          output):
    root = make_project(tmp_path / "p", [case_record("kz0101")])
    monkeypatch.chdir(root)
    before = _snapshot(root / "data"), _snapshot(root / "docs")
    code = cli.main(["--root", str(root), *command, "-o", output])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.out + captured.err
    assert f"{output}:1: (file): is " in captured.out and "wrote" not in captured.out
    assert (_snapshot(root / "data"), _snapshot(root / "docs")) == before
