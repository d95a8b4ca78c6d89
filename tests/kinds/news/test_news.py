"""News: each kind of mistake is located; related cases and events must exist; newest first; an item
dated after the build day is not shown yet; every item of the real data is on every language's page."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from builders import (
    case_record,
    check_unchanged,
    collect,
    concept,
    dedent,
    make_project,
    problem_at,
    write_texts,
)

from ncp_site.core.kind import PageContext
from ncp_site.kinds.news import pages as news_pages

EVENTS = dedent("""
    events:
      - id: 2030-03-seminar
        title:
          kk: Семинар
          ru: Семинар
          en: Seminar
        start: 2030-03-10
        format: online
        ncp_role: organised
        stakeholder_groups: [business]
""")

ITEM = dedent("""
    id: {id}
    date: {date}
    title:
      kk: Жаңалық {id}
      ru: Новость {id}
      en: News {id}
    summary:
      kk: Қысқаша.
      ru: Кратко.
      en: In short.
    body:
      kk: |-
        Бірінші абзац.

        Екінші абзац.
      ru: |-
        Первый абзац.

        Второй абзац.
      en: |-
        First paragraph.

        Second paragraph.
    related_cases: [kz0101]
    related_events: [2030-03-seminar]
    sources:
      - title:
          kk: Дереккөз
          ru: Источник
          en: Source
        url: https://example.org/news
""")


def item(item_id: str = "2030-04-01-seminar-held", date: str = "2030-04-01") -> str:
    return ITEM.format(id=item_id, date=date)


def project(tmp_path, files: dict[str, str]):
    make_project(tmp_path, [case_record("kz0101")], glossary_extra=[concept("specific_instance")])
    write_texts(tmp_path / "data" / "events", {"2030.yml": EVENTS})
    return write_texts(tmp_path / "data" / "news", files)


def check(tmp_path, capsys, files: dict[str, str]) -> tuple[int, str]:
    return check_unchanged(tmp_path, capsys, project(tmp_path, files))


def test_items_load_newest_first_with_partial_dates(tmp_path):
    project(tmp_path, {"2030-04-01-seminar-held.yml": item(),
                       "2031-report.yml": item("2031-report", "2031"),
                       "2030-05-visit.yml": item("2030-05-visit", "2030-05")})
    site, errors = collect(tmp_path)
    assert errors == []
    assert [n.id for n in site.data.news] == ["2031-report", "2030-05-visit", "2030-04-01-seminar-held"]
    assert [n.date.shown("en") for n in site.data.news] == ["2031", "May 2030", "April 1, 2030"]
    assert [str(n.date) for n in site.data.news] == ["2031", "2030-05", "2030-04-01"]


BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, words in the message)
    ("unknown case", "related_cases: [kz0101]", "related_cases: [kz0999]", "related_cases:", "related_cases[0]",
     "there is no specific instance 'kz0999'"),
    ("unknown event", "related_events: [2030-03-seminar]", "related_events: [2030-03-lecture]", "related_events:",
     "related_events[0]", "there is no event '2030-03-lecture'"),
    ("case listed twice", "related_cases: [kz0101]", "related_cases: [kz0101, kz0101]", "related_cases:",
     "related_cases[1]", "'kz0101' is listed twice"),
    ("not a real date", "date: 2030-04-01", "date: 2030-04-31", "date:", "date", "'2030-04-31' is not a real date"),
    ("not a date", "date: 2030-04-01", "date: spring 2030", "date:", "date", "write YYYY-MM-DD, or YYYY-MM or YYYY"),
    ("source over http", "url: https://example.org/news", "url: http://example.org/news", "url:",
     "sources[0].url", "is not a web address"),
    ("body missing", "body:", "text:", "text:", "text", "is not a known field"),
    # found by the fuzz tests: the whole value was quoted in the message
    ("a long value that is not a date", "date: 2030-04-01", "date: " + "я" * 5000, "date:", "date", "'яяя"),
    ("a long list that is not a date", "date: 2030-04-01", "date: [null, " + "я" * 5000 + "]", "date:", "date",
     "is not a date"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    text = item().replace(old, new)
    assert text != item()
    project(tmp_path, {"2030-04-01-seminar-held.yml": text})
    assert words in problem_at(tmp_path, capsys, "news/2030-04-01-seminar-held.yml", text, fragment, field)


def test_file_name_must_match_id(tmp_path, capsys):
    status, out = check(tmp_path, capsys, {"2030-04-02-other.yml": item()})
    assert status == 1
    assert "data/news/2030-04-02-other.yml:1: id: '2030-04-01-seminar-held' differs from the file name" in out


def test_page_links_the_related_case_and_event_and_splits_paragraphs(tmp_path):
    project(tmp_path, {"2030-04-01-seminar-held.yml": item()})
    site, errors = collect(tmp_path)
    assert errors == []
    site = replace(site, today=dt.date(2030, 12, 31))
    html = news_pages.render_news(site, PageContext("ru", "ru/news/"))
    assert '<article class="ncp-news" id="2030-04-01-seminar-held">' in html
    assert '<a href="../../ru/cases/kz0101/">Case kz0101 (ru)</a>' in html
    assert '<a href="../../ru/events/2030-03-seminar/">Семинар</a>' in html
    assert "<p>Первый абзац.</p>" in html and "<p>Второй абзац.</p>" in html
    assert '<time datetime="2030-04-01">' in html


def test_an_item_dated_after_the_build_day_is_not_shown_yet(tmp_path):
    project(tmp_path, {"2030-04-01-seminar-held.yml": item(), "2030-05-visit.yml": item("2030-05-visit", "2030-05")})
    site, errors = collect(tmp_path)
    assert errors == []
    page = PageContext("en", "en/")
    before = news_pages.render_latest(replace(site, today=dt.date(2030, 4, 30)), page)
    after = news_pages.render_latest(replace(site, today=dt.date(2030, 5, 1)), page)
    assert "News 2030-04-01-seminar-held" in before and "2030-05-visit" not in before
    assert after.index("News 2030-05-visit") < after.index("News 2030-04-01-seminar-held")
    assert 'href="../en/news/#2030-05-visit"' in after
    nothing = news_pages.render_latest(replace(site, today=dt.date(2030, 1, 1)), page)
    assert "No news has been published yet." in nothing


# --- the real site ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_published_item_is_on_the_news_page_newest_first(site, lang, project_root):
    from conftest import BUILD_EPOCH

    project, errors = collect(project_root)
    assert errors == []
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()
    published = [n for n in project.data.news if n.date.first <= today]
    assert published, "premise: some news is dated before the test build's day"
    html = site.html(lang, "news/")
    anchors = re.findall(r'<article class="ncp-news" id="([^"]+)">', html)
    assert anchors == [n.id for n in published]
    for n in published:
        assert n.title[lang].replace("'", "&#39;").replace('"', "&#34;") in html
