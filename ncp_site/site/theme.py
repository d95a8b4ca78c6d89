"""What the theme shows on every page besides the page itself: the footer's contacts and links,
and the date of the data.

The contacts come from ``data/contacts.yml`` (the contacts kind), rendered here once per page in the
page's language; ``overrides/partials/footer.html`` places the fragment. No MkDocs here.

"Data as of" is ``Project.data_as_of``: the newest date written in the data.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..core.rendering import templates_of

render = templates_of(__file__)
FOOTER_PAGES = ("contacts/", "submit/", "accessibility/", "privacy/", "open-data/")
"""Pages every footer links to, in this order (each exists in every language)."""
FEEDS_SECTION = "open-data/#feeds"
"""Where the open-data page lists the Atom feeds."""
TRANSLATORS = "translators/"
"""The translators' tools (glossary, translation status): out of the navigation and search, the footer's last link."""


def footer(project, lang: str, root: str) -> Markup:
    """The footer fragment for a page in ``lang``; ``root`` leads from the page to the site's root."""
    base = root + project.config.languages.prefix(lang)
    links = [(f"footer.{page.strip('/')}", base + page) for page in FOOTER_PAGES]
    links.append(("footer.feeds", base + FEEDS_SECTION))
    links.append(("footer.translators", base + TRANSLATORS))
    return Markup(render("footer.html", lang=lang, words=project.words, contacts=project.loaded.get("contacts"),
                         links=links, data_as_of=project.data_as_of))


FEEDS = {"news": "news/", "events": "events/", "cases": "cases/"}
"""Each Atom feed (``<lang>/feeds/<name>.xml``) and the pages it follows (they show a link to it)."""


def feed_path(prefix: str, name: str) -> str:
    return f"{prefix}feeds/{name}.xml"


_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')


def without_empty_tabindex(html: str) -> str:
    """Material 9.8 writes ``tabindex=""`` on the navigation's section titles (``navigation.sections``),
    which HTML does not allow (the Nu checker fails the page); browsers treat it as no tabindex."""
    return _EMPTY_TABINDEX.sub(r"\1", html)


class Fragments:
    """Theme fragments that are the same on many pages, rendered once per language build.

    Material renders the whole navigation into every page: at 1,000 cases and 5,000 events that was
    about a fifth of the build. A page outside the navigation (every generated page) marks no entry
    as current, so its navigation (relative links) depends only on the folder it is in:
    ``overrides/main.html`` asks for it with ``{% call ncp_cached(folder) %}``, ``None`` for a page in
    the navigation. Checked by tests/site/test_theme_fragments.py.
    """

    def __init__(self) -> None:
        self.fragments: dict = {}

    def cached(self, key, caller) -> str:
        if key is None:
            return caller()
        if key not in self.fragments:
            self.fragments[key] = caller()
        return self.fragments[key]
