"""Media: each kind of mistake is located; dated items newest first, undated ones after them, with no date shown."""

from __future__ import annotations

import re

import pytest
from builders import collect, dedent, make_project, problem_at

from ncp_site.core.kind import PageContext
from ncp_site.kinds.media import pages as media_pages

VALID = dedent("""
    media:
      - id: undated-interview
        title:
          kk: Сұхбат
          ru: Интервью
          en: Interview
        publisher: Daily Paper
        language: kk
        url: https://example.org/interview.pdf
      - id: old-article
        title:
          kk: Мақала
          ru: Статья
          en: Article
        original_title: Статья о НКП
        publisher:
          kk: Журнал
          ru: Журнал
          en: Magazine
        date: 2029-03
        language: ru
        url: https://example.org/article
      - id: new-report
        title:
          kk: Репортаж
          ru: Репортаж
          en: Report
        publisher: Broadcaster
        date: 2030-01-15
        language: fr
        url: https://example.org/report
""")


def project(tmp_path, text: str):
    make_project(tmp_path)
    (tmp_path / "data" / "media.yml").write_text(text, encoding="utf-8")


def test_dated_items_first_newest_first(tmp_path):
    project(tmp_path, VALID)
    site, errors = collect(tmp_path)
    assert errors == []
    assert [m.id for m in site.data.media] == ["new-report", "old-article", "undated-interview"]


def test_page_gives_publisher_date_and_language_in_the_page_language(tmp_path):
    project(tmp_path, VALID)
    site, _ = collect(tmp_path)
    html = media_pages.render_media(site, PageContext("ru", "ru/media/"))
    assert '<a href="https://example.org/report" hreflang="fr">Репортаж</a>' in html
    assert "Язык публикации: французский" in html
    assert '(<span lang="ru">Статья о НКП</span>)' in html
    assert '<time datetime="2029-03">март 2029\u202fг.</time>' in html  # CLDR: a narrow no-break space
    undated = re.search(r'<li id="undated-interview">.*?</li>', html, re.DOTALL).group(0)
    assert "Дата" not in undated and "<time" not in undated, "a date not known is not shown"
    assert "Language of the article: Kazakh" in media_pages.render_media(site, PageContext("en", "en/media/"))


BROKEN = [
    ("unknown language", "language: fr", "language: xx", "language: xx", "media[2].language",
     "'xx' is not a language code"),
    ("no publisher", "    publisher: Broadcaster\n", "", "- id: new-report", "media[2].publisher", "is missing"),
    ("address without https", "url: https://example.org/report", "url: www.example.org/report", "www.example",
     "media[2].url", "is not a web address"),
    ("month 13", "date: 2029-03", "date: 2029-13", "date: 2029-13", "media[1].date", "'2029-13' is not a real date"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "media.yml", text, fragment, field)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_media_item_is_on_the_media_page(site, lang, project_root):
    project, _ = collect(project_root)
    html = site.html(lang, "media/")
    for item in project.data.media:
        assert f'<li id="{item.id}"><a href="{item.url}"' in html
