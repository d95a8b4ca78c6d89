"""The never-publish search of the built site reaches every output a name can be read in, and finds
nothing that is not there (Material's scripts and styles, Pagefind's compressed index included)."""

from __future__ import annotations

import pytest
from builders import collect
from conftest import LANG_PREFIX

from ncp_site.checks.never_publish import NeverPublish, fold
from ncp_site.checks.published import site_errors


@pytest.mark.published
def test_every_case_title_is_found_in_its_page_its_title_the_search_data_and_the_open_data(site, project_root):
    project, _ = collect(project_root)
    listed = {fold(case.title["en"]): n for n, case in enumerate(project.data.cases, start=1)}
    found = {}
    for error in site_errors(site.root, NeverPublish(listed), site.root):  # paths within the site
        entry = int(str(error.problem).rsplit("entry ", 1)[1].rstrip(")"))
        found.setdefault(entry, set()).add((error.path, error.field))
    for n, case in enumerate(project.data.cases, start=1):
        if fold(case.title["en"]) in listed and listed[fold(case.title["en"])] != n:
            continue  # two cases with the same title: the first one's entry
        page = f"{LANG_PREFIX['en']}cases/{case.id}/index.html"
        assert {(page, "<title>"), (page, "page")} <= found.get(n, set()), case.id
        assert any(path.startswith("pagefind/fragment/en_") for path, _ in found[n]), case.id  # the search data
        assert any(path == "data/cases.json" and field.startswith("specific_instances[") for path, field in found[n])


@pytest.mark.published
def test_names_that_are_not_on_the_site_are_not_found(site):
    listed = NeverPublish({fold(name): n for n, name in enumerate(["Айгерім Сәрсенова", "Zoë Ångström", "Qwertz Uiopü"],
                                                                  start=1)})
    assert site_errors(site.root, listed) == []


LOOK_ALIKES = str.maketrans("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ")
"""Latin letters and the Cyrillic letters that look the same."""


def test_every_case_title_typed_with_look_alikes_and_its_words_reversed_is_found(site, project_root):
    """The case titles listed as a careless editor might type them (Cyrillic letters for the Latin ones that
    look the same, the words in reverse order): each is still found in its page and in the open data."""
    project, _ = collect(project_root)
    titles = {case.id: case.title["en"] for case in project.data.cases}
    typed = {n: " ".join(reversed(titles[case.id].translate(LOOK_ALIKES).split()))
             for n, case in enumerate(project.data.cases, start=1)}
    assert all(typed[n] != titles[case.id] for n, case in enumerate(project.data.cases, start=1) if titles[case.id].isascii())
    listed = NeverPublish({fold(text): n for n, text in reversed(typed.items())})
    found: dict[int, set[str]] = {}
    for error in site_errors(site.root, listed, site.root):
        entry = int(str(error.problem).rsplit("entry ", 1)[1].rstrip(")"))
        found.setdefault(entry, set()).add(error.path)
    for n, case in enumerate(project.data.cases, start=1):
        if listed.names[fold(typed[n])] != n:
            continue  # two cases with the same title: the first one's entry
        assert {f"{LANG_PREFIX['en']}cases/{case.id}/index.html", "data/cases.json"} <= found.get(n, set()), case.id
