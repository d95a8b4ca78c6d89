"""Which pages and files the preview (``mkdocs serve --dirty``) makes and writes again (``PartialRebuilds``),
without a server, on a small project."""

import threading

import pytest
from builders import case_record, load, make_project, write_yaml

from ncp_site.core.kind import GeneratedPage, Page
from ncp_site.site.partial import PartialRebuilds, RecordPage

KEY = "en/cases/kz0101/index.md"


@pytest.fixture
def project(tmp_path):
    return load(make_project(tmp_path, [case_record("kz0101")]))


def page_of(partial: PartialRebuilds, project, record, renders: list) -> GeneratedPage:
    """A generated page made from ``record`` (as ``Kind.record_pages`` tells ``partial``); each render is noted in
    ``renders`` and reads the cases."""
    def render(lang):
        renders.append(lang)
        assert project.data.cases is not None
        return Page(src_uri="cases/kz0101/index.md", lang=lang, title="A", markdown="# A")

    partial.record_pages["cases/kz0101/index.md"] = RecordPage(record, frozenset())
    return GeneratedPage("cases/kz0101/index.md", render)


def built(partial: PartialRebuilds, project) -> None:
    partial.built()
    partial.start(("layout",))
    partial.start_language()


def test_a_page_is_written_again_when_its_markdown_or_surroundings_change_and_only_then(project):
    partial = PartialRebuilds()
    partial.start(("layout",))
    assert partial.written(KEY, "en", "# A", project)
    assert partial.built() == ["en: 1 of 1 generated pages rebuilt (the others had not changed); "
                               "0 of 0 pages made from one record rendered again; 0 of 0 other files kept; "
                               "0 of 0 hand-written pages read again"]
    partial.start(("layout",))
    assert not partial.written(KEY, "en", "# A", project)
    assert partial.written(KEY, "en", "# A edited", project)
    partial.forget()  # a failed build: nothing is known of what it wrote
    partial.start(("layout",))
    assert partial.written(KEY, "en", "# A", project)


def test_a_page_made_from_a_record_is_not_even_rendered_while_its_inputs_are_the_same(project):
    partial, renders = PartialRebuilds(), []
    partial.start(("layout",))
    markdown = partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY)
    assert markdown is not None and renders == ["en"]
    partial.written(KEY, "en", markdown, project)
    built(partial, project)
    assert partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY) is None, "kept"
    assert renders == ["en"]
    assert partial.page_markdown(project, page_of(partial, project, "edited record", renders), "en", KEY) is not None
    assert renders == ["en", "en"]
    built(partial, project)
    partial.start(("another layout",))  # a page in docs/, the theme or mkdocs.yml changed: everything again
    assert partial.page_markdown(project, page_of(partial, project, "edited record", renders), "en", KEY) is not None


def test_a_page_is_rendered_again_when_data_it_read_changes(project):
    partial, renders = PartialRebuilds(), []
    partial.start(("layout",))
    partial.written(KEY, "en", partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY), project)
    built(partial, project)
    assert partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY) is None
    write_yaml(project.config.data_dir / "cases" / "kz0102.yml", case_record("kz0102"))  # data of a kind it read
    built(partial, project)
    assert partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY) is not None
    assert renders == ["en", "en"]


def test_a_failed_build_forgets_what_pages_read(project):
    partial, renders = PartialRebuilds(), []
    partial.start(("layout",))
    partial.written(KEY, "en", partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY), project)
    partial.forget()
    partial.start(("layout",))
    assert partial.page_markdown(project, page_of(partial, project, "record", renders), "en", KEY) is not None


def test_a_hand_written_page_is_read_again_only_when_the_data_its_macros_read_changes(project):
    partial = PartialRebuilds()
    partial.start(("layout",))
    partial.start_language()
    register, status = "cases/index.en.md", "translation-status/index.en.md"
    assert partial.unchanged(project, register, "en") is None, "never read"
    partial.read(project, register, "en", {"cases", "cases_register"}, "Cases", {"hide": ["toc"]})
    partial.read(project, status, "en", {"translation_status"}, "Translations", {})
    built(partial, project)
    kept = partial.unchanged(project, register, "en")
    assert kept is not None and (kept.title, kept.meta) == ("Cases", {"hide": ["toc"]}), "the navigation shows both"
    assert partial.kept(register) is kept and partial.kept(status) is None
    assert partial.unchanged(project, status, "en") is None, "the translation report is made from every file"
    assert partial.built()[-1].endswith("; 1 of 2 hand-written pages read again")

    partial.start(("layout",))
    partial.start_language()
    write_yaml(project.config.data_dir / "organisations.yml", {"organisations": []})  # data the register did not read
    assert partial.unchanged(project, register, "en") is kept
    partial.start_language()
    write_yaml(project.config.data_dir / "cases" / "kz0102.yml", case_record("kz0102"))
    assert partial.unchanged(project, register, "en") is None and partial.kept(register) is None
    partial.read(project, register, "en", {"cases"}, "Cases", {})
    built(partial, project)
    assert partial.unchanged(project, register, "en") is not None
    partial.start(("another layout",))  # a page in docs/, the theme or mkdocs.yml changed: every page is read
    partial.start_language()
    assert partial.unchanged(project, register, "en") is None


def test_after_the_first_build_the_search_index_is_made_in_the_background_and_stopped_by_the_next():
    partial, done = PartialRebuilds(), []
    partial.index(lambda stop: done.append("first"))
    assert done == ["first"], "the first index is made before the site is served"
    running = threading.Event()

    def second(stop):
        running.set()
        done.append("stopped" if stop.wait(timeout=60) else "not stopped")

    partial.index(second)
    assert running.wait(timeout=60)
    partial.start(("layout",))  # the next build stops it and waits until it has stopped
    assert done == ["first", "stopped"]
    running.clear()
    partial.index(second)
    assert running.wait(timeout=60)
    partial.stop_indexing()  # the server stops (on_shutdown): the same
    assert done == ["first", "stopped", "stopped"]
    assert not [t for t in threading.enumerate() if t.name == "ncp-search-index"]


def test_a_kinds_files_are_kept_while_the_data_they_were_made_from_is_unchanged(project):
    partial, made = PartialRebuilds(), []

    def make(files):
        def making():
            made.append(files)
            project.data.events
            return files
        return making

    partial.start(("layout",))
    assert partial.files(project, "events", "en", make(["a.ics"]), "en") == (["a.ics"], False)
    built(partial, project)
    assert partial.files(project, "events", "en", make(["b.ics"]), "en") == (["a.ics"], True)
    partial.built()
    events = project.config.data_dir / "events"
    events.mkdir(exist_ok=True)
    (events / "2099.yml").write_text("events: []\n", encoding="utf-8")  # the data of a kind it read
    partial.start(("layout",))
    partial.start_language()
    assert partial.files(project, "events", "en", make(["c.ics"]), "en") == (["c.ics"], False)
    partial.forget()
    partial.start(("layout",))
    assert partial.files(project, "events", "en", make(["d.ics"]), "en") == (["d.ics"], False)
    assert made == [["a.ics"], ["c.ics"], ["d.ics"]]
