"""After the build: every page says the language it was built for, and its language links lead there.

The languages are made by mkdocs-static-i18n, which sets the theme's language and language switcher
only for the themes it knows by name: under a fork of Material (MaterialX 10.2) it built the Russian
and English pages with ``lang="kk"`` and no switcher, and nothing failed. This guard reads each page
of the built site (its language is its folder: ``ru/...`` is Russian, the rest the default) and
checks its ``<html lang>`` and its language switcher: every language in order, the page's own marked
as current, a link to each other one marked with its language (``hreflang``, ``lang``) and leading
into that language's part of the site, to the same page when it exists there. No MkDocs here.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ..core.errors import DataError, display_path
from ..core.languages import Languages

FIX = ("the theme or mkdocs-static-i18n did not build this language as such (ARCHITECTURE.md: the engine and its "
       "upstream internals): do not publish this build")
_HTML_LANG = re.compile(r"<html(?=[\s>])[^>]*?\slang=\"([^\"]*)\"", re.IGNORECASE)
SWITCHER = '<ul class="ncp-languages__list">'
"""The language switcher (``overrides/partials/alternate.html``): a link to each other language, the page's own
language as ``ncp-languages__current``; the first one of the page (the header's) is checked."""
_SWITCH_ITEM = re.compile(r"<a\s[^>]*class=\"ncp-languages__link\"[^>]*>|<span\s[^>]*class=\"ncp-languages__current\"[^>]*>")
NOT_FOUND = "404.html"
"""Served at any address that has no page: its language links lead to each language's home."""
_ATTRIBUTE = re.compile(r"\s(href|hreflang|lang)=\"([^\"]*)\"")
SKIPPED = ("assets", "pagefind", "search")
"""Folders at the site's root that hold no page of a language (the theme's files, the search index)."""


def language_errors(site_dir: Path, languages: Languages, mount: str = "/", root: Path | None = None) -> list[DataError]:
    """Every page of ``site_dir`` whose ``<html lang>`` or language switcher does not match the language
    its folder says; ``mount``: the site's path on its host (``/ncp-site/``), where absolute links start."""
    site_dir = Path(site_dir)
    folders = {languages.prefix(code).strip("/"): code for code in languages if languages.prefix(code)}
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    existing = set(pages)
    errors: list[DataError] = []
    for page in pages:
        top = page.split("/", 1)[0]
        if top in SKIPPED or top.startswith("."):
            continue
        lang = folders.get(top, languages.default) if "/" in page else languages.default
        html = _head(site_dir / page)
        shown = display_path(site_dir / page, root)
        errors += _page_errors(shown, page, lang, html, languages, existing, mount)
    return errors


def _page_errors(shown: str, page: str, lang: str, html: str, languages: Languages, existing: set[str],
                 mount: str) -> list[DataError]:
    errors = []
    said = _HTML_LANG.search(html)
    if said is None or said.group(1) != lang:
        errors.append(DataError(shown, _line(html, said), "<html lang>", f"the page was built for '{lang}' but says "
                                f"{repr(said.group(1)) if said else 'no language'}", FIX))
    if len(languages) < 2:
        return errors
    start = html.find(SWITCHER)
    end = html.find("</ul>", start) if start >= 0 else -1
    items = [dict(_ATTRIBUTE.findall(match.group(0))) | {"at": match.start()}
             for match in _SWITCH_ITEM.finditer(html, start, end)] if end >= 0 else []
    if [item.get("hreflang", item.get("lang")) for item in items] != list(languages):
        found = ", ".join(str(item.get("hreflang", item.get("lang"))) for item in items) or "no language"
        errors.append(DataError(shown, _line(html, said), "language switcher", f"it is for {found}, "
                                f"not {languages.listing()}", FIX))
        return errors
    in_language = page.removeprefix(languages.prefix(lang))
    for link in items:
        if "href" not in link:  # the page's own language, not a link
            if link.get("lang") != lang:
                errors.append(DataError(shown, html.count("\n", 0, link["at"]) + 1, "language switcher",
                                        f"it marks {link.get('lang')!r} as the page's language", FIX, lang))
            continue
        other = link["hreflang"]
        target = _resolved(page, link["href"], mount)
        same = languages.prefix(other) + in_language
        expected = same if same in existing and page != NOT_FOUND else None
        if link.get("lang") != other or (target != expected if expected else not _in_language(target, other, languages)):
            wanted = repr(expected) if expected else f"a page in {other}"
            errors.append(DataError(shown, html.count("\n", 0, link["at"]) + 1, "language switcher",
                                    f"the link to '{other}' (lang {link.get('lang')!r}) leads to "
                                    f"{target or link.get('href')!r}, not {wanted}", FIX, lang))
    return errors


def _resolved(page: str, href: str, mount: str) -> str | None:
    """The site file a link leads to (``ru/cases/index.html``), or None when it leaves the site."""
    if re.match(r"[a-z][a-z0-9+.-]*:|//", href, re.IGNORECASE):
        return None
    href = href.split("#", 1)[0].split("?", 1)[0]
    if href.startswith("/"):
        if not href.startswith(mount):
            return None
        path = href.removeprefix(mount)
    else:
        path = posixpath.join(posixpath.dirname(page), href)
    path = posixpath.normpath(path or ".")
    if path.startswith(".."):
        return None
    if path == ".":
        return "index.html"
    return path + "/index.html" if href.endswith("/") else path


def _in_language(target: str | None, lang: str, languages: Languages) -> bool:
    if target is None:
        return False
    prefix = languages.prefix(lang)
    if prefix:
        return target.startswith(prefix)
    return not any(target.startswith(languages.prefix(code)) for code in languages if languages.prefix(code))


HEAD = 16384
"""Bytes read of a page at first: Material writes ``<html lang>`` and the switcher in its first 6 KB."""


def _head(path: Path) -> str:
    """The page up to its switcher's end (all of it when the switcher is not in the first ``HEAD`` bytes)."""
    with open(path, "rb") as page:
        head = page.read(HEAD)
        start = head.find(SWITCHER.encode())
        if start < 0 or head.find(b"</ul>", start) < 0:
            head += page.read()
    return head.decode("utf-8", errors="replace")


def _line(html: str, match: re.Match | None) -> int:
    return html.count("\n", 0, match.start()) + 1 if match else 1
