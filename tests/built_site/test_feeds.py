"""The Atom feeds of the built site read as a feed reader reads them (feedparser): well-formed
RFC 4287 with ids, titles, links and the language, entries from the data, announced by the pages."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from builders import collect
from conftest import BUILD_EPOCH, LANG_PREFIX

LANGS = ("kk", "ru", "en")
SITE_URL = "http://localhost/"
FEEDS = ("news", "events", "cases")


@pytest.fixture(scope="module")
def project(project_root):
    project, errors = collect(project_root)
    assert errors == []
    return project


def parsed(site, lang: str, name: str):
    path = site.root / LANG_PREFIX[lang] / "feeds" / f"{name}.xml"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    assert feed.version == "atom10"
    return feed


def page_of(site, link: str):
    """The built file a site link leads to (``#fragment`` dropped)."""
    assert link.startswith(SITE_URL), link
    path = link.removeprefix(SITE_URL).split("#")[0]
    return site.root / path / "index.html" if path.endswith("/") or not path else site.root / path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", FEEDS)
def test_every_feed_is_valid_atom_with_ids_titles_links_and_language(site, lang, name):
    feed = parsed(site, lang, name)
    assert feed.feed.language == lang and feed.feed.title and feed.feed.author
    assert feed.feed.id.startswith("tag:") and feed.feed.updated_parsed
    assert {link.rel for link in feed.feed.links} == {"self", "alternate"}
    ids = [e.id for e in feed.entries]
    assert ids and len(set(ids)) == len(ids)
    for entry in feed.entries:
        assert entry.id.startswith(f"tag:ncp-kazakhstan.github.io,2024:{lang}/")
        assert entry.title and entry.updated_parsed
        assert page_of(site, entry.link).is_file(), entry.link
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True) and feed.feed.updated_parsed == updated[0]


def test_entries_come_from_the_data_with_the_same_ids_in_every_language(site, project):
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()
    news = {f"news/{n.id}": n for n in project.data.news if n.date.first <= today}
    events = {f"events/{e.id}": e for e in project.data.events}
    keys = {}
    for lang in LANGS:
        feeds = {name: parsed(site, lang, name) for name in FEEDS}
        prefix = f"tag:ncp-kazakhstan.github.io,2024:{lang}/"
        keys[lang] = {name: [e.id.removeprefix(prefix) for e in feed.entries] for name, feed in feeds.items()}
        assert set(keys[lang]["news"]) == set(news) and set(keys[lang]["events"]) == set(events)
        for entry in feeds["events"].entries:
            assert entry.title == events[entry.id.removeprefix(prefix)].title[lang]
        case_ids = {k.split("/")[1] for k in keys[lang]["cases"]}
        assert case_ids == {c.id for c in project.data.cases if c.date_of("submission")}
        statements = sum(len(c.statements) for c in project.data.cases)
        assert sum("/statements/" in k for k in keys[lang]["cases"]) == statements
    assert keys["kk"] == keys["ru"] == keys["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_pages_show_a_link_to_their_feed_and_no_alternate_link_in_the_head(site, lang):
    """Material fetches ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page (a 404 for a
    feed's folder), so feeds are linked in the page and on the open-data page, not in the head."""
    for page, name in (("news/", "news"), ("events/", "events"), ("cases/", "cases")):
        html = site.html(lang, page)
        assert 'rel="alternate"' not in html[:html.index("</head>")], page
        assert re.search(rf'<a href="[^"]*feeds/{name}\.xml" type="application/atom\+xml">', html), page
