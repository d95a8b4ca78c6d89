"""Which pages ``mkdocs serve --dirty`` rebuilds (``PartialRebuilds``), without a server."""

import threading
from types import SimpleNamespace

from ncp_site.mkdocs.partial import PartialRebuilds


def file(src_uri):
    return SimpleNamespace(src_uri=src_uri)


def test_a_page_is_rebuilt_when_its_markdown_or_surroundings_change_and_only_then():
    partial = PartialRebuilds()
    partial.start(("layout",))
    page = file("en/cases/a/index.md")
    assert partial.mark(page, "en", "# A", "footer") and page.is_modified()
    assert partial.built() == ["en: 1 of 1 generated pages rebuilt (the others had not changed); "
                              "0 of 0 pages made from one record rendered again; 0 of 0 other files kept"]
    partial.start(("layout",))
    assert not partial.mark(page, "en", "# A", "footer") and not page.is_modified()
    assert partial.mark(page, "en", "# A", "another footer")
    partial.forget()  # a failed build: nothing is known of what it wrote
    partial.start(("layout",))
    assert partial.mark(page, "en", "# A", "another footer")


def test_a_page_made_from_a_record_is_not_even_rendered_while_its_inputs_are_the_same():
    partial = PartialRebuilds()
    page = "en/cases/a/index.md"
    partial.start(("layout",))
    assert partial.last_reads(page) is None  # never built
    partial.rendered(page, "en", frozenset({"procedure"}), ("record", "procedure data"))
    partial.mark(file(page), "en", "# A")
    partial.built()
    partial.start(("layout",))
    assert partial.last_reads(page) == {"procedure"}
    assert partial.unchanged(page, "en", ("record", "procedure data"))
    assert not partial.unchanged(page, "en", ("edited record", "procedure data"))
    assert not partial.unchanged(page, "en", ("record", "edited procedure data"))
    partial.rendered(page, "en", frozenset({"procedure", "events"}), ("edited record", "procedure and events data"))
    partial.mark(file(page), "en", "# A edited")
    partial.built()
    partial.start(("layout",))
    assert partial.last_reads(page) == {"procedure", "events"}, "what the last render read"
    assert partial.unchanged(page, "en", ("edited record", "procedure and events data"))
    partial.built()
    partial.start(("another layout",))  # a page in docs/, the theme or mkdocs.yml changed: everything again
    assert partial.last_reads(page) is None


def test_a_failed_build_forgets_what_pages_read():
    partial = PartialRebuilds()
    partial.start(("layout",))
    partial.rendered("en/cases/a/index.md", "en", frozenset(), ("record",))
    partial.mark(file("en/cases/a/index.md"), "en", "# A")
    partial.forget()
    partial.start(("layout",))
    assert partial.last_reads("en/cases/a/index.md") is None


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
    partial.index(second)
    assert running.wait(timeout=60)
    partial.stop_indexing()  # the server stops (on_shutdown): the same
    assert done == ["first", "stopped", "stopped"]
    assert not [t for t in threading.enumerate() if t.name == "ncp-search-index"]


def test_a_kinds_files_are_kept_while_the_data_they_were_made_from_is_unchanged():
    partial, made = PartialRebuilds(), []

    def make(files):
        made.append(files)
        return frozenset({"events"}), files

    partial.start(("layout",))
    assert partial.files(("events", "en"), lambda reads: ("events data",), lambda: make(["a.ics"])) == (["a.ics"], False)
    partial.built()
    partial.start(("layout",))
    assert partial.files(("events", "en"), lambda reads: ("events data",), lambda: make(["b.ics"])) == (["a.ics"], True)
    partial.built()
    partial.start(("layout",))
    assert partial.files(("events", "en"), lambda reads: ("edited",), lambda: make(["c.ics"])) == (["c.ics"], False)
    partial.forget()
    partial.start(("layout",))
    assert partial.files(("events", "en"), lambda reads: ("edited",), lambda: make(["d.ics"])) == (["d.ics"], False)
    assert made == [["a.ics"], ["c.ics"], ["d.ics"]]
