"""The events' filters: each event page names its filter values (codes) and its start for Pagefind;
the events page lists every value the events have, labelled in the page's language, with counts."""

from __future__ import annotations

import re
from html import unescape

import pytest
from builders import dedent, load, make_project, write_texts

from ncp_site.core.kind import PageContext
from ncp_site.kinds.events.pages import (
    FACETS,
    REGISTER,
    event_facets,
    event_sort_value,
    events_facets,
    render_event_page,
    render_events_filters,
)

EVENTS_2021 = dedent("""
    events:
      - id: 2021-05-seminar
        title: {kk: Семинар, ru: Семинар, en: Seminar}
        start: 2021-05-10
        format: in_person
        location: Astana
        ncp_role: organised
        stakeholder_groups: [business, trade_unions, business]
""")
EVENTS_2022 = dedent("""
    events:
      - id: 2022-03-webinar
        title: {kk: Вебинар, ru: Вебинар, en: Webinar}
        start: 2022-03-20 10:00
        format: online
        ncp_role: participated
        organisers: [undp]
        stakeholder_groups: [business]
      - id: 2022-08-meeting
        title: {kk: Кездесу, ru: Встреча, en: Meeting}
        start: 2022-08
        ncp_role: organised
        stakeholder_groups: [civil_society]
""")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("events-filters") / "p")
    write_texts(root / "data" / "events", {"2021.yml": EVENTS_2021, "2022.yml": EVENTS_2022})
    project = load(root)
    assert project.ok, project.errors
    return project


def event(project, event_id):
    return next(e for e in project.data.events if e.id == event_id)


def test_an_event_names_its_values_as_codes(project):
    assert event_facets(event(project, "2021-05-seminar")) == {
        "year": ["2021"], "format": ["in_person"], "role": ["organised"], "group": ["business", "trade_unions"]}
    assert event_facets(event(project, "2022-08-meeting"))["format"] == [], "no format given, no value offered"


def test_events_sort_newest_first_by_their_start(project):
    values = {e.id: event_sort_value(e) for e in project.data.events}
    assert values == {"2021-05-seminar": "2021-05-10", "2022-03-webinar": "2022-03-20 10:00",
                      "2022-08-meeting": "2022-08-01"}


def test_the_events_page_counts_each_value_and_labels_it_in_the_page_language(project):
    facets = {f.key: f for f in events_facets(project.data.events, project.words, "ru")}
    assert list(facets) == list(FACETS)
    counts = {key: {o.value: o.count for o in facet.options} for key, facet in facets.items()}
    assert counts == {"year": {"2022": 2, "2021": 1},
                      "format": {"in_person": 1, "online": 1},
                      "role": {"organised": 2, "participated": 1},
                      "group": {"business": 2, "trade_unions": 1, "civil_society": 1}}
    assert [o.value for o in facets["year"].options] == ["2022", "2021"], "newest year first"
    assert [o.value for o in facets["format"].options] == ["in_person", "online"]
    glossary = project.words.glossary
    labels = {o.value: o.label for o in facets["role"].options}
    assert labels["organised"] == glossary.label("event_role_organised", "ru")[:1].upper() + \
        glossary.label("event_role_organised", "ru")[1:]
    assert facets["group"].heading == project.words.ui("events.stakeholder_groups", "ru")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_filter_form_is_hidden_without_javascript_and_in_the_page_language(project, lang):
    page_url = {"kk": "events/", "ru": "ru/events/", "en": "en/events/"}[lang]
    html = render_events_filters(project.data.events, project.words, PageContext(lang, page_url))
    assert re.search(r"<form [^>]*\bhidden\b[^>]*data-ncp-register=\"" + REGISTER + '"', html)
    assert 'data-sort="start"' in html
    for facet in events_facets(project.data.events, project.words, lang):
        assert f'<label for="ncp-filter-{facet.key}">{facet.heading}</label>' in html
        for option in facet.options:
            assert f'<option value="{option.value}" data-label="{option.label}" data-count="{option.count}">' in html
    words = project.words.ui
    for key in ("events.filters", "events.results", "events.found", "events.needs_script"):
        assert words(key, lang) in unescape(html), key
    assert 'role="status"' in html
    src = "../assets/javascripts/ncp-register.js" if lang == "kk" else "../../assets/javascripts/ncp-register.js"
    assert f'<script type="module" src="{src}"></script>' in html


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_event_page_gives_pagefind_its_filters_start_and_summary(project, lang):
    for e in project.data.events:
        page = render_event_page(e, project.words, lang)
        found = re.findall(r'data-pagefind-filter="([^:"]+):([^"]+)"', page)
        expected = [(key, value) for key, values in event_facets(e).items() for value in values]
        assert sorted(found) == sorted([("register", REGISTER), *expected])
        assert f'data-pagefind-sort="start:{event_sort_value(e)}"' in page
        assert f'data-pagefind-meta="date_on:{e.start}"' in unescape(page)
        assert project.words.ui("events.date", lang) in page, "the word the filters search when no query is typed"
