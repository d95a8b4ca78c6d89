"""The translators' tools (the full glossary, the translation status) are built under ``translators/``,
asked to stay out of search engines (noindex), out of the site's search and out of the navigation, and
linked from every footer; visitors read the terms on ``terms/``, where every term link leads. No public
page shows the translators' internals: a "draft" marker, a ``data/...:line`` path, a reviewer's note."""

from __future__ import annotations

import html as markup
import posixpath
import re

import pytest
from builders import load
from conftest import LANG_PREFIX

from ncp_site.kinds.glossary.pages import PUBLIC_CATEGORIES

from .test_navigation import navigation

LANGS = ("kk", "ru", "en")
TRANSLATORS = ("translators/", "translators/glossary/", "translators/translation-status/")
MOVED = {"glossary/": ("terms/", "translators/glossary/"), "translation-status/": ("translators/translation-status/",)}
"""The old addresses and where their notes lead."""
NOINDEX = '<meta name="robots" content="noindex">'
DATA_PATH = re.compile(r"\bdata/[\w./-]+\.ya?ml:\d+")


@pytest.fixture(scope="module")
def project(project_root):
    return load(project_root)


def public_pages(site, lang: str) -> dict[str, str]:
    """Every page of a language a visitor reaches, but the translators' tools and the old addresses' notes."""
    hidden = {*TRANSLATORS, *MOVED}
    return {path: (site.root / LANG_PREFIX[lang] / path).read_text(encoding="utf-8") for path in sorted(site.pages(lang))
            if not path.startswith("translators/") and path.removesuffix("index.html") not in hidden}


def text_of(page: str) -> str:
    return markup.unescape(re.sub(r"<[^>]+>", " ", page))


def hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_translators_tools_are_built_noindexed_and_out_of_search(site, lang):
    for path in (*TRANSLATORS, *MOVED):
        page = site.html(lang, path)
        assert NOINDEX in page, (lang, path)
        assert "data-pagefind-body" not in page, (lang, path)
    assert 'class="ncp-concept"' in site.html(lang, "translators/glossary/"), "the full glossary is still built"
    assert 'href="glossary/"' in site.html(lang, "translators/") and 'href="translation-status/"' in site.html(lang, "translators/")
    indexed = {fragment["url"] for fragment in site.search_fragments()}
    assert not [url for url in indexed if "/translators/" in url or url.endswith(("/glossary/", "/translation-status/"))]
    for path, page in public_pages(site, lang).items():
        assert NOINDEX not in page, (lang, path)


@pytest.mark.parametrize("lang", LANGS)
def test_the_translators_tools_are_out_of_the_navigation_and_linked_from_every_footer(site, lang):
    def links(items):
        return [href for item in items for href in [item["href"] or "", *links(item["children"])]]
    for path, page in public_pages(site, lang).items():
        base = path.removesuffix("index.html")
        targets = {posixpath.normpath(posixpath.join(base, href)) for href in links(navigation(page))}
        assert not {t for t in targets if t.startswith(("translators", "glossary", "translation-status"))}, (lang, path)
        footer = page[page.index('<div class="ncp-footer'):]
        targets = {posixpath.normpath(posixpath.join("/" + LANG_PREFIX[lang] + base, href)) for href in hrefs(footer)}
        assert "/" + LANG_PREFIX[lang] + "translators" in targets, (lang, path)


@pytest.mark.parametrize("lang", LANGS)
def test_the_old_addresses_say_where_their_content_went(site, lang):
    for old, new in MOVED.items():
        page = site.html(lang, old)
        targets = {posixpath.normpath(posixpath.join(old, href)) + "/" for href in hrefs(page[page.index("<article"):])}
        assert set(new) <= targets, (lang, old, targets)


@pytest.mark.parametrize("lang", LANGS)
def test_no_public_page_shows_a_draft_marker_a_data_path_or_a_reviewer_s_note(site, project, lang):
    draft = {project.words.ui("glossary.draft", code) for code in LANGS}
    notes = {e.reviewed_by for c in project.data.glossary.concepts.values() for e in c.terms.values() if e.reviewed_by}
    checked = 0
    for path, page in public_pages(site, lang).items():
        text = text_of(page[page.index("<body"):])
        assert not [d for d in draft if d in text], (lang, path)
        assert not DATA_PATH.search(text), (lang, path, DATA_PATH.search(text).group(0))
        assert not [n for n in notes if n in text], (lang, path)
        checked += 1
    assert checked > 20
    glossary = text_of(site.html(lang, "translators/glossary/"))
    assert any(d in glossary for d in draft) or notes and any(n in glossary for n in notes), \
        "premise: the translators' glossary shows the review states the public pages must not"


@pytest.mark.parametrize("lang", LANGS)
def test_the_terms_page_gives_each_term_its_definition_and_its_names_in_the_other_languages(site, project, lang):
    page = site.html(lang, "terms/")
    article = page[page.index("<article"):page.index("</article>")]
    assert "<s " not in article and "<s>" not in article, "no deprecated variants"
    for concept in project.data.glossary.concepts.values():
        if concept.category not in PUBLIC_CATEGORIES:
            assert f'id="{concept.id}"' not in article, concept.id
            continue
        entry = re.search(rf'id="{concept.id}">(.*?)</(?:div|li)>', article, re.DOTALL)
        assert entry, concept.id
        shown = markup.unescape(entry.group(1))
        assert concept.terms[lang].preferred[1:] in shown, concept.id
        for other in LANGS:
            if other != lang:
                assert f'<span lang="{other}">{concept.terms[other].preferred}</span>' in shown, (concept.id, other)


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_link_leads_to_its_entry_on_the_terms_page(site, lang):
    anchors = set(re.findall(r'\bid="([^"]+)"', site.html(lang, "terms/")))
    found = 0
    for path, page in public_pages(site, lang).items():
        base = path.removesuffix("index.html")
        for href in re.findall(r'<a class="ncp-term" href="([^"]+)"', page):
            target, _, anchor = href.partition("#")
            page_dir = "/" + LANG_PREFIX[lang] + base
            assert posixpath.normpath(posixpath.join(page_dir, target)) == "/" + LANG_PREFIX[lang] + "terms", (lang, path, href)
            assert anchor in anchors, (lang, path, href)
            found += 1
    assert found > 50
