"""Plain ``mkdocs build`` writes the site beside its folder and moves it into place only once every check
passed, as ``scripts/build`` does: a build that fails late (a never-publish name found in the built site)
leaves the site folder as it was and nothing else behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
from builders import buildable, case_record, copy_of_repository, make_project
from conftest import BUILD_EPOCH, engine_command, run_mkdocs_build

from ncp_site.checks.never_publish import ENVIRONMENT
from ncp_site.site.publishing import INDEX_AFTER, index_after

NAME = "Айгерім Сәрсенова"


def old_site(folder):
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("the site before", encoding="utf-8")
    return folder / "site"


def test_a_build_that_fails_its_last_check_leaves_the_site_as_it_was(tmp_path):
    root = buildable(make_project(tmp_path / "project", [case_record()]), {})
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("          name: English\n",
                                                    f"          name: English\n          site_name: {NAME}\n"),
                                     encoding="utf-8")  # only the built pages hold the name: found after writing them
    names = tmp_path / "names.txt"
    names.write_text(NAME + "\n", encoding="utf-8")
    site = old_site(tmp_path / "out")
    result = run_mkdocs_build(root, site, env={ENVIRONMENT: str(names)})
    assert result.returncode != 0 and "never-publish" in result.stdout + result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site before"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "nothing the failed build wrote is left"


def test_a_build_that_passes_replaces_the_whole_site(tmp_path):
    root = buildable(make_project(tmp_path / "project", [case_record()]), {})
    site = old_site(tmp_path / "out")
    (site / "removed-page").mkdir()
    result = run_mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "en" / "cases" / "kz0101" / "index.html").is_file()
    assert (site / "index.html").read_text(encoding="utf-8") != "the site before"
    assert not (site / "removed-page").exists()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_a_build_indexed_after_its_process_gives_the_same_site_moved_into_place_only_then(tmp_path):
    """``scripts/build``: the build hands its checked pages over (``NCP_INDEX_AFTER``), ``index_after`` indexes them."""
    root = buildable(make_project(tmp_path / "project", [case_record()]), {})
    whole = tmp_path / "whole" / "site"
    assert run_mkdocs_build(root, whole).returncode == 0
    site, handover = old_site(tmp_path / "out"), tmp_path / "handover.json"
    result = run_mkdocs_build(root, site, env={INDEX_AFTER: str(handover)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the site before", "moved into place once indexed"
    assert not list(site.parent.glob(".ncp-build-*/site/pagefind"))
    assert index_after(handover)[0].startswith("search index: ")
    assert _files(site) == _files(whole), "the same bytes as one process writes"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def _files(site) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_says_so_in_one_line_and_leaves_the_site_as_it_was(tmp_path, signum):
    """``kill`` or Ctrl-C during the build: no traceback, no work folder left (it was 19 MB), the old site kept."""
    project = copy_of_repository(tmp_path / "p")
    site = old_site(tmp_path / "out")
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "NCP_SITE_URL": "http://localhost/"}
    build = subprocess.Popen(engine_command("build", "--strict", "-d", str(site)), cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".ncp-build-") and any(p.rglob("index.html")) for p in site.parent.iterdir()):
        assert build.poll() is None and time.monotonic() < deadline, "the build never started writing pages"
        time.sleep(0.05)  # a poll for the condition, not a wait for a guessed time
    build.send_signal(signum)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 128 + signum, out + err
    assert err.splitlines()[-1] == f"The build was stopped ({signal.Signals(signum).name}); the site was left as it was."
    assert "Traceback" not in err
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the site before"
