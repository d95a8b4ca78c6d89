"""What the news renders: the news page (every item, newest first) and the home page's latest items."""

from __future__ import annotations

from ...core.kind import PageContext
from ...core.languages import relative_url
from ...core.rendering import templates_of
from .model import PAGE_URL, NewsItem

render = templates_of(__file__)

CASE_URL = "cases/{}/"
EVENT_URL = "events/{}/"
"""Where the cases and events kinds publish a record (checked by the built site's link checker)."""


def _href(page: PageContext, lang_prefix: str, target: str) -> str:
    return relative_url(page.url, lang_prefix + target)


def published(project) -> list[NewsItem]:
    """The items dated on or before the build's day, newest first: an item dated later appears from its date on."""
    return [item for item in project.data.news if item.date.first <= project.today]


def render_news(project, page: PageContext) -> str:
    words, lang = project.words, page.lang
    prefix = words.languages.prefix(lang)
    cases = {c.id: c for c in project.data.cases or []}
    events = {e.id: e for e in project.data.events or []}
    return render("news_list.html", lang=lang, words=words, items=published(project),
                  cases=cases, events=events,
                  case_href=lambda cid: _href(page, prefix, CASE_URL.format(cid)),
                  event_href=lambda eid: _href(page, prefix, EVENT_URL.format(eid)))


def render_latest(project, page: PageContext, count: int = 3) -> str:
    words, lang = project.words, page.lang
    prefix = words.languages.prefix(lang)
    items = published(project)[:count]
    return render("news_latest.html", lang=lang, words=words, items=items,
                  item_href=lambda item: _href(page, prefix, f"{PAGE_URL}#{item.anchor}"),
                  all_href=_href(page, prefix, PAGE_URL))


MACROS = {
    "news_list": render_news,
    "latest_news": render_latest,
}
