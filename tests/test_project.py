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
