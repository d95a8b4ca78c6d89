"""Fuzzing every data kind: whatever a data file holds, the check ends in time with located errors or
success, never an unexpected exception; and data that passes the check renders.

Each example rewrites one file of a small valid project (``seeds``) and loads the project as
``ncp check`` does; data that passes renders the fuzzed kind's output (``NCP_FUZZ=long``: many more
examples, and the whole project's output for each; see ``profiles``).
"""

from __future__ import annotations

import copy
import inspect
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from fuzz import profiles  # loads the Hypothesis profile NCP_FUZZ names
from fuzz.mutations import MARKER, mutated_records, mutated_texts, random_documents, words
from fuzz.seeds import Target, data_locations, make_seed_project
from hypothesis import given
from hypothesis import strategies as st

from ncp_site.core.cache import SourceCache
from ncp_site.core.config import SiteConfig, load_config
from ncp_site.core.errors import DataError, DataErrors
from ncp_site.core.kind import PageContext
from ncp_site.project import Project
from ncp_site.site.files import open_data_files
from ncp_site.site.pages import SITE_MACROS, generated_pages, page_markdown

SECONDS = 30  # a check of this small project takes about 0.3 s; nothing may take a hundred times that
KINDS = sorted(data_locations())


@dataclass(repr=False)  # Hypothesis prints its arguments; the project is large
class Seed:
    root: Path
    config: SiteConfig
    targets: list[Target]
    project: Project
    cache: SourceCache | None
    """``ci``: the unchanged files' results, kept in memory from the first load as ``ncp check`` keeps them
    between runs (the fuzzed file's new bytes are always checked anew); ``long``: none, every file read cold."""
    parsed: dict = field(default_factory=dict)
    """Target path -> (its records, its text, their words): a seed file is read once, not per example."""

    def __repr__(self) -> str:
        return f"Seed({self.root})"

    def of(self, kind: str) -> list[Target]:
        return [t for t in self.targets if t.kind == kind]


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Seed:
    root = tmp_path_factory.mktemp("fuzz-seed")
    targets = make_seed_project(root)
    config = load_config(root)
    cache = None if profiles.WHOLE_PROJECT else SourceCache.under(root, repr(config))
    return Seed(root, config, targets, Project.load(config, cache=cache), cache)


def test_the_seed_project_is_valid_and_holds_data_of_every_kind(seed):
    assert [str(e) for e in seed.project.errors] == []
    assert {t.kind for t in seed.targets if not t.new} == set(KINDS), "every kind names its data (Kind.data)"


def check_survives(seed: Seed, target: Target, content: bytes) -> None:
    """The property: located errors or success, within the bound; what passes renders; nothing is ever
    evaluated as a template (a planted one would create ``MARKER``)."""
    path = seed.root / target.path
    original = None if target.new else path.read_bytes()
    path.write_bytes(content)
    try:
        started = time.monotonic()
        try:
            project = Project.load(seed.config, cache=seed.cache)
            errors = project.errors
        except DataErrors as exc:
            project, errors = None, exc.errors
        elapsed = time.monotonic() - started
        lines = content.count(b"\n") + 1
        for error in errors:
            assert isinstance(error, DataError), error
            assert error.path and isinstance(error.line, int) and error.line >= 1, error
            if error.path == target.path:
                assert error.line <= lines, f"line {error.line} of a file of {lines} lines: {error}"
            message = str(error)
            assert "\n" not in message and len(message) < 2_000, message[:2_000]
        assert elapsed < SECONDS, f"the check took {elapsed:.1f} s"
        if project is not None and not errors:
            try:
                render_everything(project, None if profiles.WHOLE_PROJECT else target.kind)
            except DataErrors as exc:  # what the build would report; located like the check's errors
                assert all(e.path and e.line >= 1 for e in exc.errors), exc.report()
        assert not MARKER.exists(), "data text was evaluated as a template"
    finally:
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(original)


def render_everything(project: Project, only: str | None = None) -> None:
    """Every generated page, file and macro (those called without arguments) in every language; with
    ``only``, those of that kind (a name that is no kind's, the translation state: everything)."""
    whole = only not in {kind.name for kind in project.kinds}
    kinds = project.kinds if whole else [kind for kind in project.kinds if kind.name == only]
    pages = generated_pages(project) if whole else [page for kind in kinds if kind.pages for page in kind.pages(project)]
    macros = {**project.macros(), **SITE_MACROS} if whole else {
        name: macro for kind in kinds for name, macro in kind.macros.items()}
    for lang in project.config.languages:
        here = PageContext(lang, project.config.languages.prefix(lang))
        for page in pages:
            assert "render_macros: false" in page_markdown(page.render(lang)), "mkdocs-macros must not render data"
        for kind in kinds:
            if kind.files:
                kind.files(project, lang)
        for macro in macros.values():
            required = [p for p in list(inspect.signature(macro).parameters.values())[2:]
                        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
            if not required:
                macro(project, here)
    for kind in kinds:
        if kind.open_data:
            open_data_files(kind.open_data(project), project)


def _seed_data(seed: Seed, target: Target):
    """The target's records (a copy the example may change), its text and their words."""
    if target.path not in seed.parsed:
        text = "" if target.new else (seed.root / target.path).read_text(encoding="utf-8")
        records = yaml.safe_load(text) if text else {}
        seed.parsed[target.path] = (records, text, words(records))
    records, text, vocabulary = seed.parsed[target.path]
    return copy.deepcopy(records), text, vocabulary


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_random_documents(seed, kind, data):
    target = data.draw(st.sampled_from(seed.of(kind)))
    _, _, vocabulary = _seed_data(seed, target)
    check_survives(seed, target, data.draw(random_documents(vocabulary)))


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_mutated_records(seed, kind, data):
    target = data.draw(st.sampled_from([t for t in seed.of(kind) if not t.new]))
    records, _, vocabulary = _seed_data(seed, target)
    check_survives(seed, target, data.draw(mutated_records(records, vocabulary)))


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_mutated_texts(seed, kind, data):
    target = data.draw(st.sampled_from([t for t in seed.of(kind) if not t.new]))
    _, text, _ = _seed_data(seed, target)
    check_survives(seed, target, data.draw(mutated_texts(text)))
