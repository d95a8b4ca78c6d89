"""The parallel build (one process per language, merged) makes the same site as the one-process build,
byte for byte: two builds of the same inputs in other processes give the same bytes (deterministic
builds; the test run's own build is the one-process one)."""

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import copy_of_repository
from conftest import BUILD_EPOCH, PROJECT, REPO

from ncp_site.mkdocs import parallel


def run_parallel(project: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
           "NCP_SITE_URL": "http://localhost/"}
    return subprocess.run([sys.executable, "-m", "ncp_site.mkdocs.parallel", "--root", str(project),
                           "--site-dir", str(site_dir), *args], cwd=project, env=env, capture_output=True, text=True)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_parallel_build_of_the_repository_is_the_one_process_build_byte_for_byte(site, tmp_path):
    result = run_parallel(PROJECT, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    sequential, merged = files_of(site.root), files_of(tmp_path / "site")
    assert sorted(merged) == sorted(sequential)
    different = [name for name in sequential if merged[name] != sequential[name]]
    assert not different, f"{len(different)} file(s) differ, e.g. {different[:5]}"
    assert "kk " in result.stdout and "ru " in result.stdout and "en " in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "the work folder is removed"


def test_a_failed_language_build_leaves_the_site_as_it_was(tmp_path):
    project = copy_of_repository(tmp_path / "p")
    page = project / "docs" / "procedures" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[a link to nowhere](../no-such-page.md)\n", encoding="utf-8")
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the last good site", encoding="utf-8")
    result = run_parallel(project, site_dir)
    assert result.returncode == 1
    assert "The 'en' build failed" in result.stderr and "no-such-page.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_of(site_dir) == {"index.html": b"the last good site"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "site"]


def test_data_errors_are_listed_once_as_ncp_check_lists_them_and_nothing_is_written(tmp_path):
    project = copy_of_repository(tmp_path / "p")
    case = next((project / "data" / "cases").glob("*.yml"))
    case.write_text(case.read_text(encoding="utf-8") + "\nno_such_field: 1\n", encoding="utf-8")
    result = run_parallel(project, tmp_path / "site")
    assert result.returncode == 1
    report = result.stderr
    assert report.startswith("The data has errors:") and f"data/cases/{case.name}:" in report
    assert report.count(f"data/cases/{case.name}:") == 1
    assert "Traceback" not in report and "the site was not written" in report
    assert not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"], "the work folder is removed"


def _part(folder: Path, files: dict[str, bytes], urls: str) -> Path:
    for name, content in {**files, "sitemap.xml": (_HEAD + urls + "\n</urlset>").encode()}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    with gzip.GzipFile(folder / "sitemap.xml.gz", "wb", mtime=1700000000) as gz:
        gz.write((folder / "sitemap.xml").read_bytes())
    return folder


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def test_merge_joins_the_sitemaps_in_language_order_and_keeps_shared_files_once(tmp_path):
    kk = _part(tmp_path / "kk", {"index.html": b"kk", "assets/app.js": b"js"}, "\n    <url>kk</url>")
    ru = _part(tmp_path / "ru", {"ru/index.html": b"ru", "assets/app.js": b"js"}, "\n    <url>ru</url>")
    site = parallel.merge([kk, ru], tmp_path / "site")
    files = files_of(site)
    assert files["index.html"] == b"kk" and files["ru/index.html"] == b"ru" and files["assets/app.js"] == b"js"
    assert files["sitemap.xml"].decode() == _HEAD + "\n    <url>kk</url>\n    <url>ru</url>\n</urlset>"
    assert gzip.decompress(files["sitemap.xml.gz"]) == files["sitemap.xml"]
    assert int.from_bytes(files["sitemap.xml.gz"][4:8], "little") == 1700000000


def test_merge_refuses_two_different_files_at_one_place(tmp_path):
    kk = _part(tmp_path / "kk", {"data/cases.json": b"[1]"}, "")
    ru = _part(tmp_path / "ru", {"data/cases.json": b"[2]"}, "")
    with pytest.raises(parallel.BuildFailed, match="data/cases.json: two language builds wrote different files"):
        parallel.merge([kk, ru], tmp_path / "site")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_says_so_in_one_line_and_leaves_no_work_folder(tmp_path, signum):
    """Before: SIGTERM left ``.ncp-build-*/`` (19 MB) in the repository root and Ctrl-C printed a traceback."""
    project = copy_of_repository(tmp_path / "p")
    site_dir = tmp_path / "out" / "site"
    site_dir.mkdir(parents=True)
    (site_dir / "index.html").write_text("the last good site", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "NCP_SITE_URL": "http://localhost/"}
    build = subprocess.Popen([sys.executable, "-m", "ncp_site.mkdocs.parallel", "--root", str(project), "--site-dir",
                              str(site_dir)], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
    deadline, running = time.monotonic() + 120, []
    while len(running) < 3:  # a language build per language, each with the work folder on its command line
        assert build.poll() is None and time.monotonic() < deadline, "the build never started its languages"
        time.sleep(0.1)
        work = next((p for p in site_dir.parent.iterdir() if p.name.startswith(".ncp-build-")), None)
        running = _processes_naming(work) if work else []
    for pid in running:  # the signals the build holds while it starts them are not held in them
        blocked = next((int(line.split()[1], 16) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                        if line.startswith("SigBlk:")), 0)
        assert not blocked & (1 << (signal.SIGTERM - 1) | 1 << (signal.SIGINT - 1))
    build.send_signal(signum)  # to the build alone, as `kill <pid>` does (Ctrl-C also reaches the children)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 128 + signum, out + err
    assert err == f"The build was stopped ({signal.Signals(signum).name}); the site was left as it was.\n"
    assert sorted(p.name for p in site_dir.parent.iterdir()) == ["site"]
    assert files_of(site_dir) == {"index.html": b"the last good site"}
    assert _processes_naming(work) == [], "the language builds were stopped too"


def _processes_naming(path: Path) -> list[int]:
    """The processes whose command line names ``path`` (from /proc, as pgrep -f does)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(path).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_the_work_folder_is_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".ncp-build-abc123/site/index.html"], cwd=REPO, check=False)
    assert ignored.returncode == 0
