"""One build of the real site per test run, shared by every pytest-xdist worker; tests assert on its HTML
in every language.

Markers, given by folder (README: Tests): ``unit`` (every test outside the three folders below),
``site`` (tests/built_site: the run's build of the real site), ``browser`` (tests/browser: Chromium),
``fuzz`` (tests/fuzz). ``published`` marks the checks that gate a data-only publication (links, HTML
validity, never-publish, parity, language attributes); ``NCP_TEST_SITE=site bash scripts/test -m
published`` runs them on a site ``scripts/build`` has built, without building again.
The site is built from a copy of this repository with a new record of every kind ``ncp new`` starts, each
filled in (tests/new_records.py), made once per run in the build's thread: so every built-site and browser
test runs on new records too, and tests/built_site/test_new_records.py checks the records themselves. Tests
that compare the site with its data read that copy (the ``project_root`` fixture); tests of the repository's
own files read ``REPO``. ``NCP_TEST_PROJECT`` names another project whose site is built and checked as it
is, with no record added; ``NCP_TEST_SITE``'s data is this repository's, as ``scripts/build`` builds it.

``NCP_BUILDER`` names the engine every build and preview of the tests runs: ``mkdocs`` (the default) or
``properdocs`` (the maintained MkDocs 1.x fork, the path off MkDocs: ARCHITECTURE.md);
``NCP_BUILDER=properdocs python -m pytest tests/mkdocs tests/site tests/built_site`` runs them under
ProperDocs. Whichever runs, tests/built_site/test_engines.py builds the site with the other engine too
and finds it the same bytes.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("NCP_WARM", "0")  # no test leaves an ncp check process behind (tests/test_warm.py starts its own)

GIVEN_PROJECT = os.environ.get("NCP_TEST_PROJECT")
"""Another project whose site is built and checked, as it is (no record added)."""
GIVEN_SITE = os.environ.get("NCP_TEST_SITE")
"""A site built already (``scripts/build``'s ``site/``): the ``published`` checks read it as it is."""
NEW_RECORDS = "new-records.json"
"""What each ``ncp new`` said and wrote in the run's project (tests/new_records.py), in the shared folder."""
PROJECT_FAILED, BUILD_FAILED = "project-failed.txt", "failed.txt"
"""Why this run's project or its site could not be made, in the shared folder: every test that needs it fails
with that."""
FOLDER_MARKERS = {"browser": "browser", "built_site": "site", "fuzz": "fuzz"}
TESTS = Path(__file__).parent

LANG_PREFIX = {"kk": "", "ru": "ru/", "en": "en/"}
BUILD_EPOCH = "1700000000"  # 14 November 2023: fixed, so assertions do not depend on the test day

ENGINES = ("mkdocs", "properdocs")
ENGINE = os.environ.get("NCP_BUILDER") or "mkdocs"
"""The engine the tests build and preview with (``python -m <ENGINE>``)."""
if ENGINE not in ENGINES:
    raise pytest.UsageError(f"NCP_BUILDER={ENGINE}: not an engine the site is built with ({', '.join(ENGINES)})")


def engine_command(*args: str, engine: str = ENGINE) -> list[str]:
    """``python -m mkdocs build ...`` for the tests' engine. No ``-f mkdocs.yml``: ProperDocs finds it (and
    says it would rather read ``properdocs.yml``), and either engine's ``serve`` given ``-f mkdocs.yml``
    rebuilds once more, unasked, after a build (tests/mkdocs/test_serve_dirty.py counts rebuilds)."""
    return [sys.executable, "-m", engine, *args]


def run_mkdocs_build(project: Path, site_dir: Path, epoch: str = BUILD_EPOCH,
                     env: dict[str, str] | None = None, engine: str = ENGINE) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` (with the tests' engine: ``NCP_BUILDER``); ``env`` adds to
    the environment (``NCP_NEVER_PUBLISH``...)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
           "NCP_SITE_URL": "http://localhost/", **(env or {})}
    return subprocess.run(engine_command("build", "--strict", "-d", str(site_dir), engine=engine),
                          cwd=project, env=env, capture_output=True, text=True)


class BuiltSite:
    def __init__(self, root: Path):
        self.root = root

    def path(self, lang: str, page: str = "") -> Path:
        page = page.strip("/")
        return self.root / LANG_PREFIX[lang] / page / "index.html" if page else self.root / LANG_PREFIX[lang] / "index.html"

    def html(self, lang: str, page: str = "") -> str:
        return self.path(lang, page).read_text(encoding="utf-8")

    def pages(self, lang: str) -> set[str]:
        """Page paths of one language, relative to that language's root."""
        base = self.root / LANG_PREFIX[lang]
        others = [self.root / p for l, p in LANG_PREFIX.items() if p and l != lang]
        found = set()
        for path in base.rglob("*.html"):
            if any(path.is_relative_to(o) for o in others):
                continue
            found.add(path.relative_to(base).as_posix())
        return found


    def search_fragments(self) -> list[dict]:
        """Pagefind's record of every indexed page (``url``, ``content``, ``filters``, ``meta``), all languages.

        Each fragment is gzip'ed JSON after Pagefind's ``pagefind_dcd`` signature."""
        records = []
        for path in sorted((self.root / "pagefind").rglob("fragment/*.pf_fragment")):  # parts/ too
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(PAGEFIND_SIGNATURE), path
            records.append(json.loads(data[len(PAGEFIND_SIGNATURE):]))
        return records


PAGEFIND_SIGNATURE = b"pagefind_dcd"


def pytest_collection_modifyitems(config, items):
    """Each test gets the marker of its folder; the tests that need the built site run last, so the
    other tests run while it is built (``_start_site_build``)."""
    for item in items:
        folder = Path(item.path).relative_to(TESTS).parts[0]
        item.add_marker(FOLDER_MARKERS.get(folder, "unit"))
        if GIVEN_SITE and "site" in item.fixturenames and not item.get_closest_marker("published"):
            item.add_marker(pytest.mark.skip(reason="NCP_TEST_SITE is a production build: it is for -m published"))
    items.sort(key=lambda item: bool({"site", "project_root"} & set(item.fixturenames)))


def _project_once(folder: Path) -> Path:
    """The project the run's site is built from: ``NCP_TEST_PROJECT``, this repository for ``NCP_TEST_SITE``,
    else ``folder/project``, this repository with a new record of every kind, made unless this run did
    already (or failed to: ``folder/project-failed.txt``), and what each ``ncp new`` said and wrote in
    ``folder/new-records.json``.
    Every worker calls it; a file lock makes the others wait for the first.

    The copy is made in a process of its own (tests/new_records.py): ``ncp new`` prints, and this runs in the
    build's thread, beside tests whose output pytest captures. It costs the same CPU as in this process."""
    if GIVEN_PROJECT or GIVEN_SITE:
        return Path(GIVEN_PROJECT or REPO).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "project.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / NEW_RECORDS).exists() and not (folder / PROJECT_FAILED).exists():
            result = subprocess.run([sys.executable, str(TESTS / "new_records.py"), str(folder / "project"),
                                     str(folder / "writing.json")], capture_output=True, text=True)
            made = json.loads((folder / "writing.json").read_text(encoding="utf-8")) if result.returncode == 0 else []
            refused = [f"ncp new {new['name']}: exit {new['status']}\n{new['said']}" for new in made if new["status"]]
            if result.returncode or refused:
                (folder / PROJECT_FAILED).write_text("the new records were not made (tests/new_records.py):\n"
                                                   + "\n".join([*refused, result.stdout, result.stderr]),
                                                   encoding="utf-8")
            else:
                (folder / "writing.json").rename(folder / NEW_RECORDS)
    return folder / "project"


def _build_once(folder: Path) -> None:
    """Build the run's project's site (``_project_once``) into ``folder/site`` unless this run did already (or
    failed to: ``folder/failed.txt``). Every worker calls it; a file lock makes the others wait for the first."""
    project = _project_once(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "build.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if any((folder / name).exists() for name in ("site", PROJECT_FAILED, BUILD_FAILED)):
            return
        result = run_mkdocs_build(project, folder / "building")
        if result.returncode == 0:
            (folder / "building").rename(folder / "site")
        else:
            (folder / BUILD_FAILED).write_text(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}",
                                               encoding="utf-8")


def _failed(folder: Path, *names: str) -> None:
    """The test fails with the first of these files in ``folder`` that exists (``PROJECT_FAILED``...)."""
    for name in names:
        if (folder / name).exists():
            pytest.fail((folder / name).read_text(encoding="utf-8"), pytrace=False)


def _shared_folder(tmp_path_factory) -> Path:
    """A folder of this test run that all its xdist workers share (each worker's base is beneath it)."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "site-build"


@pytest.fixture(scope="session", autouse=True)
def _start_site_build(request, tmp_path_factory):
    """Start the run's site build in the background as soon as tests start, if any selected test needs it."""
    if GIVEN_SITE or not any("site" in item.fixturenames for item in request.session.items):
        yield
        return
    builder = threading.Thread(target=_build_once, args=(_shared_folder(tmp_path_factory),), name="site-build")
    builder.start()
    yield
    builder.join()


@pytest.fixture(scope="session")
def project_root(tmp_path_factory) -> Path:
    """The project the site is built from (``_project_once``; waited for): tests that compare the site with
    its data read this one."""
    folder = _shared_folder(tmp_path_factory)
    root = _project_once(folder)
    _failed(folder, PROJECT_FAILED)
    return root


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The built site: ``NCP_TEST_SITE`` as it is, or the run's one build of ``project_root`` (waited for)."""
    if GIVEN_SITE:
        root = Path(GIVEN_SITE).resolve()
        assert (root / "index.html").is_file(), f"NCP_TEST_SITE={GIVEN_SITE}: no built site there (bash scripts/build)"
        return BuiltSite(root)
    folder = _shared_folder(tmp_path_factory)
    _build_once(folder)
    _failed(folder, PROJECT_FAILED, BUILD_FAILED)
    return BuiltSite(folder / "site")
