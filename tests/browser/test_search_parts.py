"""Search and the lists when each language is indexed in parts (``build_search_index(part_pages=...)``),
as a language with thousands of records is: the same answers as one index, newest first across parts.

The session's site is indexed again in parts of a few pages, so that the real data spans them."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from urllib.parse import urlsplit

import pytest
from builders import load
from conftest import LANG_PREFIX

from browsing import offline_context, serve
from ncp_site.site.search_index import BUNDLE, MANIFEST, build_search_index

from .test_search import (
    assert_pages_of,
    case_paths,
    number_in,
    only_in,
    record_paths,
    register_state,
    search,
)

PART_PAGES = 12


@pytest.fixture(scope="module")
def project(project_root):
    return load(project_root)


@pytest.fixture(scope="module")
def in_parts(site, project, tmp_path_factory):
    """The built site with its search index in parts: (root, base URL)."""
    root = tmp_path_factory.mktemp("in-parts") / "site"
    shutil.copytree(site.root, root, ignore=shutil.ignore_patterns(BUNDLE))
    build_search_index(root, project.config.languages, part_pages=PART_PAGES)
    with serve(root) as url:
        yield root, url


def bundles_of(root, lang: str) -> list[set[str]]:
    """The URLs each of ``lang``'s bundles holds, the first part first."""
    manifest = json.loads((root / BUNDLE / MANIFEST).read_text(encoding="utf-8"))
    folders = [root / BUNDLE] + [root / BUNDLE / name for name in manifest.get(lang, [])]
    prefix = "/" + LANG_PREFIX[lang]
    urls = []
    for folder in folders:
        found = {json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])["url"]
                 for p in (folder / "fragment").glob("*.pf_fragment")}
        urls.append({u for u in found if u.startswith(prefix) and (lang != "kk" or not u.startswith(("/ru/", "/en/")))})
    return urls


@pytest.fixture
def visit(chromium, in_parts):
    url = in_parts[1]
    context = offline_context(chromium, url)
    errors: list[str] = []

    def open_page(path: str):
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.goto(url + path)
        return page

    yield open_page
    context.close()
    assert not errors, "console errors:\n" + "\n".join(errors)


def spread(parts: list[set[str]], paths: set[str]) -> int:
    return sum(1 for part in parts if part & paths)


def test_the_register_lists_cases_of_every_part_newest_first(visit, in_parts, project):
    expected = [c for c in project.data.cases if c.is_lead]
    assert spread(bundles_of(in_parts[0], "en"), case_paths("en", expected)) > 1, "premise: the lead cases span parts"
    page = visit("en/cases/")
    page.select_option("#ncp-filter-role", "lead")
    status, found = register_state(page)
    assert number_in(status) == len(found) == len(expected)
    assert set(found) == case_paths("en", expected)
    dates = page.eval_on_selector_all("[data-ncp-register-results] time", "ts => ts.map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True), "newest first across the parts"
    option = page.locator("#ncp-filter-role option[value=lead]").inner_text()
    assert option.endswith(f"({len(expected)})"), "the counts add up the parts"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_events_list_is_newest_first_across_parts(visit, in_parts, project, lang):
    from ncp_site.kinds.events.pages import event_facets, event_sort_value

    chosen, _ = Counter(f for e in project.data.events for f in event_facets(e)["format"]).most_common(1)[0]
    expected = [e for e in project.data.events if event_facets(e)["format"] == [chosen]]
    paths = record_paths(lang, "events", [e.id for e in expected])
    assert spread(bundles_of(in_parts[0], lang), paths) > 1, "premise: these events span parts"
    page = visit(LANG_PREFIX[lang] + "events/")
    page.select_option("#ncp-filter-format", chosen)
    status, found = register_state(page)
    assert number_in(status) == len(expected) and set(found) == paths
    starts = {"/" + LANG_PREFIX[lang] + f"events/{e.id}/": event_sort_value(e) for e in expected}
    assert [starts[path] for path in found] == sorted(starts.values(), reverse=True)


def test_a_word_of_a_page_in_a_later_part_is_found(visit, in_parts, site):
    parts = bundles_of(in_parts[0], "en")
    assert "/en/" not in parts[0] and any("/en/" in part for part in parts[1:]), "premise: the home page is in a later part"
    word = only_in(site, "en")
    found = search(visit("en/search/"), word)
    assert "/en/" in found
    assert_pages_of("en", found, site)
    assert urlsplit(found[0]).path.startswith("/en/")
