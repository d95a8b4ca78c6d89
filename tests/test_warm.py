"""``ncp check`` through the warm process (ncp_site/warm.py) says and returns exactly what a cold run does,
and a code change makes the caller run it cold."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import case_record, make_project

from ncp_site import warm

PACKAGE = Path(warm.__file__).resolve().parent


def _cold(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ncp_site.cli", "--root", str(root), "check", *args],
                          capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "NCP_WARM": "0"})


def _serving(root: Path, env: dict[str, str] | None = None, sock: Path | None = None) -> subprocess.Popen:
    """A warm process for ``root``, once it listens on ``sock`` (after its own first check)."""
    sock = sock or warm.socket_path(root)
    server = subprocess.Popen([sys.executable, "-m", "ncp_site.warm", "--serve", str(root)],
                              env={**os.environ, **(env or {})}, cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not sock.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"the warm process did not start: {server.communicate()[1]!r}")
        time.sleep(0.05)
    return server


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p", [case_record("kz0101")])


def _asked(root: Path, capfd, *args: str) -> tuple[int | None, str, str]:
    capfd.readouterr()
    code = warm.ask(root, ["--root", str(root), "check", *args])
    out, err = capfd.readouterr()
    return code, out, err


def test_the_warm_check_says_and_returns_what_a_cold_one_does(project, capfd):
    server = _serving(project)
    try:
        code, out, err = _asked(project, capfd)
        cold = _cold(project)
        assert code == cold.returncode == 0
        assert (out, err) == (cold.stdout, cold.stderr)

        (project / "data" / "cases" / "kz0101.yml").write_text("id: [unclosed\n", encoding="utf-8")
        code, out, err = _asked(project, capfd)
        cold = _cold(project)
        assert code == cold.returncode == 1
        assert "data/cases/kz0101.yml:1" in out
        assert (out, err) == (cold.stdout, cold.stderr)

        code, out, _ = _asked(project, capfd, "--help")
        assert code == 0 and "usage:" in out
    finally:
        warm.stop(project)
        server.kill()
        server.wait()


def _in_copy(code: str, cwd: Path, copy: Path) -> str:
    """The last line ``code`` prints, run with the package's ``copy`` imported instead of this one."""
    return subprocess.run([sys.executable, "-c", f"from pathlib import Path; from ncp_site import warm; {code}"],
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True,
                          timeout=120, check=True).stdout.splitlines()[-1]


def test_a_code_change_is_answered_by_a_cold_run(project, tmp_path):
    """The warm process runs the code it imported; once a package file changes it answers no more and stops."""
    copy = tmp_path / "code"
    shutil.copytree(PACKAGE, copy / "ncp_site", ignore=shutil.ignore_patterns("__pycache__"))
    sock = Path(_in_copy(f"print(warm.socket_path(Path({str(project)!r})))", tmp_path, copy))
    assert sock != warm.socket_path(project), "another copy of the package has a warm process of its own"
    server = _serving(project, {"PYTHONPATH": str(copy)}, sock)
    ask = f"print(warm.ask(Path({str(project)!r}), ['--root', {str(project)!r}, 'check']))"
    try:
        assert _in_copy(ask, tmp_path, copy) == "0"
        with (copy / "ncp_site" / "warm.py").open("a", encoding="utf-8") as code:
            code.write("\n# changed\n")
        assert _in_copy(ask, tmp_path, copy) == "None"
        assert server.wait(timeout=60) == 0
        assert not sock.exists()
    finally:
        server.kill()
        server.wait()


def test_no_warm_process_answers_or_starts_when_switched_off(project, monkeypatch):
    monkeypatch.setenv("NCP_WARM", "0")
    assert not warm.enabled()
    monkeypatch.delenv("NCP_WARM")
    monkeypatch.setenv("CI", "true")
    assert not warm.enabled()
    monkeypatch.delenv("CI")
    assert warm.enabled()
    assert warm.ask(project, ["--root", str(project), "check"]) is None  # none runs: the caller checks itself


@pytest.mark.parametrize(("argv", "warm_root"), [
    (["check"], "cwd"),
    (["check", "--release"], "cwd"),
    (["--root", "ROOT", "check"], "ROOT"),
    (["--no-cache", "check"], None),
    (["status"], None),
    ([], None),
])
def test_only_a_check_goes_to_the_warm_process(project, monkeypatch, argv, warm_root):
    monkeypatch.chdir(project / "data")
    argv = [str(project) if a == "ROOT" else a for a in argv]
    assert warm._checked_root(argv) == (None if warm_root is None else project.resolve())


def test_the_socket_is_outside_the_project_in_a_folder_only_its_user_enters(project, tmp_path, monkeypatch):
    """Inside the project, copying the folder (the tests do, so may a backup) would meet a socket."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir()
    path = warm.socket_path(project)
    assert path is not None and project not in path.parents
    assert path.parent.stat().st_mode & 0o777 == 0o700
    path.parent.chmod(0o755)
    assert warm.socket_path(project) is None  # another user could have made it: not used


def test_a_stopped_warm_process_takes_its_socket_with_it(project):
    server = _serving(project)
    server.terminate()
    assert server.wait(timeout=60) == 0
    assert not warm.socket_path(project).exists()
