"""Language parity a visitor meets without reading: hreflang alternates, the sitemap, and ``lang``
on text in another language than the page (WCAG 2.1, 3.1.2)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from builders import KAZAKHSTAN
from conftest import LANG_PREFIX

LANGS = ("kk", "ru", "en")
SITE_URL = "http://localhost/"  # the session build's NCP_SITE_URL (tests/conftest.py)


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def page_file(site, url_path: str) -> Path:
    """The built file behind a site-root-relative URL path such as ``ru/cases/``."""
    path = url_path.split("#")[0].split("?")[0].strip("/")
    return site.root / path / "index.html" if path else site.root / "index.html"


def all_pages(site) -> list[tuple[str, str]]:
    """(language, site-root-relative URL path) of every built page but the one trilingual 404."""
    pages = []
    for lang in LANGS:
        for path in sorted(site.pages(lang)):
            if path != "404.html":
                pages.append((lang, LANG_PREFIX[lang] + path.removesuffix("index.html")))
    return pages


# --- alternates and sitemap --------------------------------------------------------------------

def head_alternates(html: str) -> list[tuple[str, str]]:
    head = html[:html.index("</head>")]
    links = re.findall(r"<link\b[^>]*\brel=\"alternate\"[^>]*>", head)
    found = []
    for link in links:
        if "hreflang=" not in link:
            continue  # e.g. a feed
        found.append((re.search(r'hreflang="([^"]+)"', link).group(1), re.search(r'href="([^"]+)"', link).group(1)))
    return found


def sitemap_alternates(site) -> dict[str, dict[str, str]]:
    """Each page's URL in sitemap.xml and its hreflang alternates there."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site.root / "sitemap.xml")
    return {url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            for url in tree.getroot().findall("s:url", ns)}


def test_no_page_head_has_hreflang_alternates_material_would_fetch_sitemaps_for(site):
    """Material's bundle requests ``sitemap.xml`` relative to every ``<link rel="alternate">``: one 404
    per language on every page. The alternates are in sitemap.xml instead (next tests)."""
    for lang, path in all_pages(site):
        html = page_file(site, path).read_text(encoding="utf-8")
        assert head_alternates(html) == [], f"{path}: {head_alternates(html)}"
        assert "x-default" not in html, path


def test_every_page_has_absolute_alternates_for_every_language(site):
    pages = all_pages(site)
    assert len(pages) >= 3 * 5
    listed = sitemap_alternates(site)
    for lang, path in pages:
        hrefs = listed[SITE_URL + path]
        assert sorted(hrefs) == sorted(LANGS), f"{path}: {sorted(hrefs)}"
        assert hrefs[lang] == SITE_URL + path, f"{path}: its own alternate"
        for code in LANGS:
            assert hrefs[code].startswith(SITE_URL), f"{path}: {hrefs[code]} is not absolute"
            target = page_file(site, hrefs[code][len(SITE_URL):])
            assert target.is_file(), f"{path}: {code} alternate {hrefs[code]} does not exist"
            assert html_lang(target.read_text(encoding="utf-8")) == code
            assert listed[hrefs[code]][lang] == SITE_URL + path, f"{hrefs[code]} does not lead back to {path}"


def test_generated_pages_have_alternates_too(site):
    generated = [path for _, path in all_pages(site) if re.search(r"(^|/)(cases|action-plans|events)/[^/]+/$", path)]
    assert generated, "no generated page (specific instance or action plan) in the built site"
    listed = sitemap_alternates(site)
    for path in generated:
        assert sorted(listed[SITE_URL + path]) == sorted(LANGS), path


def test_sitemap_lists_every_page_with_its_alternates(site):
    listed = sitemap_alternates(site)
    expected = {SITE_URL + path for _, path in all_pages(site)}
    assert set(listed) == expected
    for loc, links in listed.items():
        assert set(links) >= set(LANGS), f"{loc}: {sorted(links)}"
        for code in LANGS:
            assert links[code] in expected, f"{loc}: {code} alternate {links[code]}"
        assert loc in links.values()


# --- lang on fragments in another language ---------------------------------------------------------

class _LangTracker(HTMLParser):
    """Records (text, effective lang) for text whose content is a language's own name."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    NAMES = {name: code for code, name in KAZAKHSTAN.self_names.items()}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.found: list[tuple[str, str]] = []

    def current(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or self.current()
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        text = data.strip()
        if text in self.NAMES and not (self.stack and self.stack[-1][0] in {"script", "style", "title"}):
            self.found.append((text, self.current()))


def test_language_names_carry_their_own_lang(site):
    """'English' on a Russian page (switcher, document links) is English: lang="en" (WCAG 3.1.2)."""
    checked = 0
    for lang, path in all_pages(site):
        parser = _LangTracker()
        parser.feed(page_file(site, path).read_text(encoding="utf-8"))
        for text, effective in parser.found:
            assert effective == _LangTracker.NAMES[text], f"{path}: '{text}' is marked lang={effective!r}"
            checked += 1
    assert checked >= len(all_pages(site)) * 3, "every page's language switcher names three languages"


def test_site_name_is_in_the_page_language(site, project_root):
    english = re.search(r"^site_name: (.+)$", (project_root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    for lang in ("kk", "ru"):
        html = site.html(lang)
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        assert english not in html, f"{lang} home page shows the English site name"
        assert title.strip(), lang
    assert english in site.html("en")


def test_permalink_tooltips_are_in_the_page_language(site):
    for lang, path in all_pages(site):
        html = page_file(site, path).read_text(encoding="utf-8")
        if lang != "en":
            assert 'title="Permanent link"' not in html, f"{path}: English permalink tooltip"
    assert 'class="headerlink" href="#' in site.html("ru", "about/")
