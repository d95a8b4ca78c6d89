"""The Project: what it notes of the data read while a page is made (``mkdocs serve --dirty`` relies on it)."""

from __future__ import annotations

from builders import case_record, load, make_project

from ncp_site.site.pages import generated_pages


def test_reading_notes_the_kinds_read_in_the_block_and_only_there(tmp_path):
    project = load(make_project(tmp_path / "p", [case_record("kz0101")]))
    loaded = project.loaded
    with project.reading() as read:
        assert project.cases
        project.loaded.get("procedure")
        assert "events" in project.loaded
    assert read == {"cases", "procedure", "events"}
    assert project.loaded is loaded, "the block leaves the loaded data as it was"
    with project.reading() as read:
        list(project.loaded.values())
    assert read == set(project.loaded), "every kind is read by whoever goes through them all"


def test_a_case_page_is_known_to_read_what_its_render_reads_and_not_the_other_cases(tmp_path):
    project = load(make_project(tmp_path / "p", [case_record("kz0101"), case_record("kz0102")]))
    page = next(p for p in generated_pages(project) if p.src_uri == "cases/kz0101/index.md")
    assert page.record.id == "kz0101" and "cases" not in page.reads
    with project.reading() as read:
        page.render("en")
    assert "procedure" in read | page.reads, "a case page shows the procedure's indicative timeframes"
