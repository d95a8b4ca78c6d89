"""Which pages ``mkdocs serve --dirty`` rebuilds (``PartialRebuilds``), without a server."""

from types import SimpleNamespace

from ncp_site.mkdocs.partial import PartialRebuilds


def file(src_uri):
    return SimpleNamespace(src_uri=src_uri)


def test_a_page_is_rebuilt_when_its_markdown_or_surroundings_change_and_only_then():
    partial = PartialRebuilds()
    partial.start(("layout",))
    page = file("en/cases/a/index.md")
    assert partial.mark(page, "en", "# A", "footer") and page.is_modified()
    assert partial.built() == ["en: 1 of 1 generated pages rebuilt (the others had not changed)"]
    partial.start(("layout",))
    assert not partial.mark(page, "en", "# A", "footer") and not page.is_modified()
    assert partial.mark(page, "en", "# A", "another footer")
    partial.forget()  # a failed build: nothing is known of what it wrote
    partial.start(("layout",))
    assert partial.mark(page, "en", "# A", "another footer")


def test_a_page_made_from_a_record_is_not_even_rendered_while_its_inputs_are_the_same():
    partial = PartialRebuilds()
    partial.start(("layout",))
    assert not partial.unchanged("en/cases/a/index.md", "en", ("record", "other data"))  # never built
    partial.mark(file("en/cases/a/index.md"), "en", "# A")
    partial.built()
    partial.start(("layout",))
    assert partial.unchanged("en/cases/a/index.md", "en", ("record", "other data"))
    assert not partial.unchanged("en/cases/a/index.md", "en", ("edited record", "other data"))
    partial.mark(file("en/cases/a/index.md"), "en", "# A edited")
    partial.built()
    partial.start(("another layout",))  # a page in docs/, the theme or mkdocs.yml changed: everything again
    assert not partial.unchanged("en/cases/a/index.md", "en", ("edited record", "other data"))


def test_after_the_first_build_the_search_index_is_made_in_the_background_and_waited_for():
    partial, done = PartialRebuilds(), []
    partial.index(lambda: done.append("first"))
    assert done == ["first"], "the first index is made before the site is served"
    partial.index(lambda: done.append("second"))
    partial.start(("layout",))  # the next build waits for it
    assert done == ["first", "second"]
