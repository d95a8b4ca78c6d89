"""The Project: its data, one typed field per kind; what each kind may read of the others (``Kind.needs``);
what it notes of the data read while a page is made (``mkdocs serve --dirty`` relies on it)."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Protocol

import pytest
from builders import REPO, case_record, load, make_project

from ncp_site import kinds
from ncp_site.core.kind import Kind, PageContext, ReadsGlossary
from ncp_site.kinds.cases.pages import REGISTER_SECTIONS
from ncp_site.core.sources import Sources
from ncp_site.project import WORDS, load_project
from ncp_site.site import files, partial
from ncp_site.site.pages import generated_pages


def test_the_data_has_one_field_per_kind_in_load_order_and_each_kind_is_one_of_them():
    assert kinds.ALL == tuple(f.name for f in dataclasses.fields(kinds.Data))
    assert [kind.name for kind in kinds.KINDS] == list(kinds.ALL)
    assert kinds.order_errors(kinds.KINDS) == []


def test_a_kind_that_needs_a_kind_loaded_after_it_or_no_kind_at_all_is_refused(tmp_path):
    class NeedsCases(Protocol):
        @property
        def cases(self) -> object: ...

    class NeedsNothingKnown(Protocol):
        @property
        def rumours(self) -> object: ...

    early = Kind(name="early", load=lambda ctx: (None, []), needs=NeedsCases)
    odd = Kind(name="odd", load=lambda ctx: (None, []), needs=NeedsNothingKnown)
    problems = kinds.order_errors((*kinds.KINDS[:3], early, *kinds.KINDS[3:], odd))
    assert problems == ["the kind 'early' needs 'cases', which loads after it: move 'cases' before 'early'",
                        "the kind 'odd' needs 'rumours', which is not a kind"]
    sources = Sources.read(load_project(make_project(tmp_path / "p", [])).config)
    with pytest.raises(kinds.KindOrderError, match="'early' needs 'cases', which loads after it"):
        list(kinds.load_each(sources, None, [], kinds=(*kinds.KINDS[:3], early, *kinds.KINDS[3:])))


def test_a_kind_that_reads_a_kind_it_did_not_declare_fails_loudly(tmp_path):
    def sneaky_load(ctx):
        ctx.loaded.glossary  # declared: given
        return ctx.loaded.cases, []  # not declared

    sneaky = Kind(name="sneaky", load=sneaky_load, needs=ReadsGlossary)
    sources = Sources.read(load_project(make_project(tmp_path / "p", [])).config)
    with pytest.raises(AttributeError, match="a kind read 'cases', which is not in its Kind.needs -- add it there "
                                             r"\(it may read: glossary\)"):
        list(kinds.load_each(sources, None, [], kinds=(*kinds.KINDS, sneaky)))


@pytest.fixture(scope="module")
def repository():
    return load(REPO)


def test_each_kind_s_pages_and_files_read_only_its_own_data_the_words_and_what_it_needs(repository):
    """``Kind.needs`` is checked at load; what a kind's pages and files read is checked here, on the repository's
    data: the preview re-renders a page when the kinds it read change, so an undeclared read would go unnoticed."""
    project = repository
    for kind in project.kinds:
        allowed = {kind.name, *WORDS, *kind.needed}
        with project.reading() as read:
            for page in kind.pages(project) if kind.pages else []:
                for lang in project.config.languages:
                    page.render(lang)
            for lang in project.config.languages:
                kind.files(project, lang) if kind.files else None
            files.open_data_files(kind.open_data(project), project) if kind.open_data else None
        assert read <= allowed, f"{kind.name} reads {sorted(read - allowed)} without declaring it in Kind.needs"


ARGUMENTS = {
    "term": lambda data: [next(iter(data.glossary.concepts))],
    "composition": lambda data: [data.members.compositions[0].id],
    "cases_register": lambda data: [REGISTER_SECTIONS[0]],
    "event_link": lambda data: [data.events[0].id],
}
"""What a page gives the macros that need an argument, taken from the data."""


def test_each_kind_s_macros_read_only_its_own_data_the_words_and_what_it_needs(repository):
    """The pages' macros too: a hand-written page is rendered again when the kinds its macros read change."""
    project = repository
    for kind in project.kinds:
        allowed = {kind.name, *WORDS, *kind.needed}
        for name, macro in kind.macros.items():
            given = list(inspect.signature(macro).parameters.values())[2:]
            needed = [p for p in given if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            assert not needed or name in ARGUMENTS, f"{name} needs {[p.name for p in needed]}: add it to ARGUMENTS"
            arguments = ARGUMENTS[name](project.data) if needed else []
            with project.reading() as read:
                for lang in project.config.languages:
                    macro(project, PageContext(lang, f"{project.config.languages.prefix(lang)}about/"), *arguments)
            assert read <= allowed, f"{kind.name}'s macro {name} reads {sorted(read - allowed)} without declaring it"


def test_reading_notes_the_kinds_read_in_the_block_and_only_there(tmp_path):
    project = load(make_project(tmp_path / "p", [case_record("kz0101")]))
    data = project.data
    with project.reading() as read:
        assert project.data.cases
        project.data.procedure
        assert isinstance(project.data, kinds.Data)
    assert read == {"cases", "procedure"}
    assert project.data is data, "the block leaves the loaded data as it was"
    with project.reading() as read:
        for field in dataclasses.fields(project.data):
            getattr(project.data, field.name)
    assert read == set(kinds.ALL), "every kind is read by whoever goes through them all"


def test_a_case_page_is_known_to_read_what_its_render_reads_and_not_the_other_cases(tmp_path):
    project = load(make_project(tmp_path / "p", [case_record("kz0101"), case_record("kz0102")]))
    pages, records = partial.listed_pages(project)
    assert [p.src_uri for p in pages] == [p.src_uri for p in generated_pages(project)]
    page = next(p for p in pages if p.src_uri == "cases/kz0101/index.md")
    made_from = records[page.src_uri]
    assert made_from.record.id == "kz0101" and "cases" not in made_from.listing_reads
    assert "search/index.md" not in records, "the search page is not made from one record"
    with project.reading() as read:
        page.render("en")
    assert "procedure" in read | made_from.listing_reads, "a case page shows the procedure's indicative timeframes"


def test_the_data_s_date_is_the_newest_confirmed_day_never_a_planned_one_nor_the_build_date(tmp_path):
    """Every footer's "data as of": a case's status confirmed on 15 April 2024 stays the data's date in a
    build years later, whatever the data plans (an event in 2030) or the translators did (a term reviewed)."""
    import datetime as dt

    from builders import config, concept, glossary_data, write_texts, write_yaml

    from ncp_site.project import Project

    root = make_project(tmp_path, [case_record("kz0101", dates__submission="2022-12-01", status_as_of="2024-04-15")])
    reviewed = concept("reviewed", en={"preferred": "reviewed", "status": "approved", "reviewed_by": "a reviewer",
                                       "reviewed_on": "2026-11-22"})
    write_yaml(root / "data" / "glossary.yml", glossary_data([reviewed]))
    write_texts(root / "data" / "events", {"2030.yml": (
        "events:\n  - id: 2030-03-seminar\n    title: {kk: Семинар, ru: Семинар, en: Seminar}\n"
        "    start: 2030-03-10\n    format: online\n    ncp_role: organised\n    stakeholder_groups: [business]\n")})
    for year in (2024, 2027, 2031):
        project = Project.load(config(root), dt.date(year, 6, 1))
        assert project.errors == []
        assert project.data_as_of == dt.date(2024, 4, 15), year
    assert Project.load(config(root), dt.date(2024, 4, 14)).data_as_of == dt.date(2022, 12, 1), \
        "a day still to come is not yet a confirmation"
