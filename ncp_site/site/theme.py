"""What the theme shows on every page besides the page itself: the footer's contacts and links,
and the date of the data.

The contacts come from ``data/contacts.yml`` (the contacts kind), rendered here once per page in the
page's language; ``overrides/partials/footer.html`` places the fragment. No MkDocs here.

"Data as of" is ``Project.data_as_of``: the newest date written in the data.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..core.languages import relative_url
from ..core.rendering import templates_of

render = templates_of(__file__)
FOOTER_PAGES = ("contacts/", "submit/", "accessibility/", "privacy/", "open-data/")
"""Pages every footer links to, in this order (each exists in every language)."""
FEEDS_SECTION = "open-data/#feeds"
"""Where the open-data page lists the Atom feeds: the footer's last link."""


def footer(project, lang: str, root: str) -> Markup:
    """The footer fragment for a page in ``lang``; ``root`` leads from the page to the site's root."""
    base = root + project.config.languages.prefix(lang)
    links = [(f"footer.{page.strip('/')}", base + page) for page in FOOTER_PAGES]
    links.append(("footer.feeds", base + FEEDS_SECTION))
    return Markup(render("footer.html", lang=lang, words=project.words, contacts=project.loaded.get("contacts"),
                         links=links, data_as_of=project.data_as_of))



FEEDS = {"news": "news/", "events": "events/", "cases": "cases/"}
"""Each Atom feed (``<lang>/feeds/<name>.xml``) and the pages it follows: the feed is announced in their head."""
PAGES_OF_FEED = {"news": ("news/",), "events": ("events/",), "cases": ("cases/", "statistics/")}


def feed_path(prefix: str, name: str) -> str:
    return f"{prefix}feeds/{name}.xml"


def feeds_of_page(page_path: str) -> list[str]:
    """The feeds a page announces: the one that follows what the page is about (``page_path`` without
    the language prefix). Material fetches a sitemap for every ``<link rel="alternate">``, so pages
    announce only their own feed, not all three."""
    return [name for name, pages in PAGES_OF_FEED.items() if page_path.startswith(pages)]


def feed_links(project, lang: str, page_url: str) -> Markup:
    """The ``<link rel="alternate" type="application/atom+xml">`` elements of a page's head."""
    prefix = project.config.languages.prefix(lang)
    path = page_url.removeprefix(prefix) if prefix else page_url
    feeds = [(project.words.ui(f"feeds.{name}", lang), relative_url(page_url, feed_path(prefix, name)))
             for name in feeds_of_page(path)]
    return Markup(render("feed_links.html", lang=lang, words=project.words, feeds=feeds))


_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')


def without_empty_tabindex(html: str) -> str:
    """Material 9.8 writes ``tabindex=""`` on the navigation's section titles (``navigation.sections``),
    which HTML does not allow (the Nu checker fails the page); browsers treat it as no tabindex."""
    return _EMPTY_TABINDEX.sub(r"\1", html)
