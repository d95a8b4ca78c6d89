"""The home page answers in one screen: what the NCP is, how to raise an issue, the latest specific
instances, the upcoming events (or, while none is announced, the latest ones, where new ones will appear,
the calendar and the feed) and the latest news, from the data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from builders import collect
from conftest import BUILD_EPOCH

TODAY = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()


def unescaped(html: str) -> str:
    return html.replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_home_page_calls_to_action_and_lists_from_the_data(site, project_root, lang):
    project, errors = collect(project_root)
    assert errors == []
    html = unescaped(site.html(lang))
    assert re.search(r'<a class="md-button md-button--primary" href="submit/">', html), "call to action: the form"
    assert re.search(r'<a class="md-button" href="procedures/">', html), "and how a submission is handled"
    assert 'href="faq/"' in html
    lead = [c for c in project.data.cases if c.is_lead]
    assert all(f'href="cases/{c.id}/">{c.title[lang]}</a>' in html for c in lead[:3])
    news = [n for n in project.data.news if n.date.first <= TODAY]
    assert news, "premise: some news is dated before the test build's day"
    assert all(f'news/#{n.id}">{n.title[lang]}</a>' in html for n in news[:3])
    upcoming = [e for e in project.data.events if e.last_day >= TODAY]
    block = html[:html.index(f'events/">{project.data.ui("events.all", lang)}</a>')]
    block = block[block.rindex("<div class=\"card\">"):]
    if upcoming:
        assert f'events/{upcoming[0].id}/"' in block
    else:
        latest = sorted((e for e in project.data.events if e.last_day < TODAY), key=lambda e: e.sort_key)[-1]
        assert f'events/{latest.id}/"' in block and f'<time datetime="{latest.start}">' in block
        assert project.data.ui("events.brief_where", lang) in block
    card = html[html.index(f'events/">{project.data.ui("events.all", lang)}</a>'):]
    card = card[:card.index("</p>")]
    assert re.search(r'href="[./a-z]*events\.ics" type="text/calendar"', card), card
    assert re.search(r'href="[./a-z]*feeds/events\.xml" type="application/atom\+xml"', card), card
