"""What the theme shows on every page besides the page itself: the footer's contacts and links,
the date of the data, the NCP's mark and the theme's own words (data/ui.yml, ``theme.*``).

The contacts come from ``data/contacts.yml`` (the contacts kind), rendered here once per page in the
page's language; ``overrides/partials/footer.html`` places the fragment. No MkDocs here.

"Data as of" is ``Project.data_as_of``: the newest date written in the data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from ..core.rendering import templates_of

if TYPE_CHECKING:
    from ..project import Project

render = templates_of(__file__)
FOOTER_PAGES = ("contacts/", "submit/", "accessibility/", "privacy/", "open-data/")
"""Pages every footer links to, in this order (each exists in every language)."""
FEEDS_SECTION = "open-data/#feeds"
"""Where the open-data page lists the Atom feeds."""
TRANSLATORS = "translators/"
"""The translators' tools (glossary, translation status): out of the navigation and search, the footer's last link."""


def footer(project: Project, lang: str, root: str) -> Markup:
    """The footer fragment for a page in ``lang``; ``root`` leads from the page to the site's root."""
    base = root + project.config.languages.prefix(lang)
    links = [(f"footer.{page.strip('/')}", base + page) for page in FOOTER_PAGES]
    links.append(("footer.feeds", base + FEEDS_SECTION))
    links.append(("footer.translators", base + TRANSLATORS))
    return Markup(render("footer.html", lang=lang, words=project.words, contacts=project.data.contacts,
                         links=links, data_as_of=project.data_as_of))


def theme_words(project: Project, lang: str) -> dict[str, Markup]:
    """The theme's own wording in ``lang``: the ``theme.*`` keys of data/ui.yml without their prefix,
    escaped (Material's templates print what they are given as HTML)."""
    ui = project.words.ui
    return {key.removeprefix("theme."): escape(ui(key, lang)) for key in ui.strings if key.startswith("theme.")}


NCP_CONCEPT = "national_contact_point"
"""The glossary's concept whose abbreviation is the NCP's text mark (ҰБО, НКП, NCP)."""


def mark(project: Project, lang: str) -> dict:
    """The NCP's mark in the header: the emblem the Secretariat supplied (``SiteConfig.emblem``, a path
    under docs/) with its text alternative, or a neutral text mark, the NCP's abbreviation in ``lang``."""
    words = project.words
    entry = words.glossary.entry(NCP_CONCEPT, lang) if words.glossary.has(NCP_CONCEPT) else None
    return {"emblem": project.config.emblem,
            "emblem_alt": escape(words.ui("theme.emblem", lang)) if "theme.emblem" in words.ui.strings else "",
            "abbreviation": escape(entry.abbreviation) if entry is not None and entry.abbreviation else None}


_SUMMARY = re.compile(r"<summary\b[^>]*>.*?</summary>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def without_links_in_summaries(html: str) -> str:
    """A heading that opens a section (``<details>``, e.g. a stage on the procedures page) keeps its
    anchor but not its permalink: a link inside a ``<summary>``, itself a control, is a control inside
    a control (axe: nested-interactive), and a tap on it would not open the section."""
    if "<summary" not in html:
        return html
    return _SUMMARY.sub(lambda m: _HEADERLINK.sub("", m.group(0)), html)


_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')


def without_empty_tabindex(html: str) -> str:
    """Material 9.8 writes ``tabindex=""`` on the navigation's section titles (``navigation.sections``),
    which HTML does not allow (the Nu checker fails the page); browsers treat it as no tabindex."""
    return _EMPTY_TABINDEX.sub(r"\1", html)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process, kept in memory.

    MkDocs makes a new Jinja environment for every build: mkdocs-static-i18n's three language builds and
    every rebuild of the preview compiled Material's templates again (about a fifth of a preview rebuild).
    Set on each new environment (``bytecode_cache``); a template whose source changed has another checksum
    and is compiled again. Checked by tests/site/test_theme_fragments.py."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # ignored if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


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


def section_titles(items, strings: Mapping, lang: str) -> list[str]:
    """Section titles in mkdocs.yml are keys of data/ui.yml (``nav.about``): each language shows its own, escaped
    (the theme prints navigation titles as HTML). The navigation's ``items`` are changed; returned: the keys
    data/ui.yml has no text for."""
    missing = []
    for section in _sections(items):
        if section.title in strings:
            section.title = str(escape(strings[section.title][lang]))
        elif section.title.startswith("nav."):
            missing.append(section.title)
    return missing


def _sections(items):
    """Every section of the navigation, nested ones included."""
    for item in items:
        if getattr(item, "is_section", False):
            yield item
            yield from _sections(item.children)
