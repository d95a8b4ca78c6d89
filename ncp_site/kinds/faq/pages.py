"""What the FAQ renders: its questions as Markdown headings (in the page's table of contents, each
with a permanent link) grouped by topic, the answers below them."""

from __future__ import annotations

import re

from ...core.kind import PageContext
from ...core.languages import relative_url
from ...core.rendering import templates_of
from .load import grouped, page_key

render = templates_of(__file__)
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


def page_title(project, see: str, lang: str) -> str:
    """The first heading of the page's version in ``lang`` (its title in the navigation too)."""
    version = project.sources.pages.get(page_key(see), {}).get(lang)
    match = _HEADING.search(version.body) if version is not None else None
    return match.group(1) if match else see


def render_faq(project, page: PageContext) -> str:
    prefix = project.words.languages.prefix(page.lang)
    return render("faq.md", lang=page.lang, words=project.words, groups=grouped(project.data.faq),
                  see_title=lambda see: page_title(project, see, page.lang),
                  see_href=lambda see: relative_url(page.url, prefix + see.strip("/") + "/"))


MACROS = {"faq": render_faq}
