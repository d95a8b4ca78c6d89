"""The search index (Pagefind): one per language, the pages' main content only, the register's
filters on every case page; Material's search is gone."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path, PurePosixPath

import pytest
from builders import load
from conftest import LANG_PREFIX

from ncp_site.kinds.cases.pages import EVERY_CASE_PAGE, REGISTER, case_facets
from ncp_site.site.search_index import (
    IndexingStopped,
    SearchIndexError,
    build_search_index,
    indexed_part,
    keep_words_apart,
    pagefind,
)

LANGS = ("kk", "ru", "en")
EXCLUDED = {"search/", "translators/", "translators/glossary/", "translators/translation-status/", "glossary/",
            "translation-status/"}
"""Pages not in the index: the search page itself, the translators' tools and the notes at their old addresses."""


def built_pages(site, lang: str) -> dict[str, str]:
    """URL path (``/ru/cases/``) -> HTML of every page of a language but the trilingual 404."""
    return {"/" + LANG_PREFIX[lang] + path.removesuffix("index.html"): (site.root / LANG_PREFIX[lang] / path).read_text(encoding="utf-8")
            for path in site.pages(lang) if path != "404.html"}


def by_language(site) -> dict[str, dict[str, dict]]:
    """Indexed pages per language of their URL: ``{lang: {url: fragment}}``."""
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    for fragment in site.search_fragments():
        lang = next(code for code in ("ru", "en") if fragment["url"].startswith(f"/{code}/")) \
            if re.match(r"^/(ru|en)/", fragment["url"]) else "kk"
        found[lang][fragment["url"]] = fragment
    return found


def test_one_index_per_language_from_the_pages_lang(site):
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGS)
    for lang in LANGS:
        indexed = [html for html in built_pages(site, lang).values() if "data-pagefind-body" in html]
        assert entry["languages"][lang]["page_count"] == len(indexed), lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_indexed_in_its_language_but_machine_lists(site, lang):
    pages = built_pages(site, lang)
    indexed = by_language(site)[lang]
    excluded = {"/" + LANG_PREFIX[lang] + path for path in EXCLUDED}
    assert set(indexed) == set(pages) - excluded
    for url in excluded:
        assert url in pages and "data-pagefind-body" not in pages[url], url
    for url, html in pages.items():
        assert re.search(r'<html lang="([^"]+)"', html).group(1) == lang, url


def test_only_the_main_content_is_indexed(site):
    """Not the navigation, header or footer, nor heading permalinks and abbreviation keys."""
    fragments = site.search_fragments()
    nav_only = "Made with Material for MkDocs"
    for fragment in fragments:
        assert "¶" not in fragment["content"], fragment["url"]
        assert nav_only not in fragment["content"], fragment["url"]
    keys = 0
    for lang in LANGS:
        for url, html in built_pages(site, lang).items():
            for tag in re.findall(r'<dl class="ncp-abbreviations"[^>]*>', html):
                assert "data-pagefind-ignore" in tag, url
                keys += 1
    assert keys, "premise: some page (an action plan) shows an abbreviation key"


def test_every_case_page_carries_the_register_filters(site, project_root):
    project = load(project_root)
    indexed = by_language(site)
    assert project.data.cases, "premise: the repository has specific instances"
    for case in project.data.cases:
        expected = {key: values for key, values in case_facets(case).items() if values}
        for lang in LANGS:
            fragment = indexed[lang]["/" + LANG_PREFIX[lang] + f"cases/{case.id}/"]
            assert fragment["filters"] == {**expected, "register": [REGISTER]}, (case.id, lang)
            assert fragment["meta"]["title"] == case.title[lang]
            every = project.words.ui(EVERY_CASE_PAGE, lang).lower()
            assert every in fragment["content"].lower(), "the register searches it when only filters are chosen"
            submitted = case.dates.submission
            assert fragment["meta"].get("date_on") == (str(submitted) if isinstance(submitted, dt.date) else None)
    for lang in LANGS:  # no other page is in the register
        in_register = [url for url, f in indexed[lang].items() if f.get("filters", {}).get("register") == [REGISTER]]
        assert len(in_register) == len(project.data.cases), lang


@pytest.mark.parametrize("kind", ["events", "reports"])
def test_every_event_and_document_page_carries_its_lists_filters(site, kind, project_root):
    from ncp_site.kinds.events import pages as events
    from ncp_site.kinds.reports import pages as reports

    project = load(project_root)
    module, records, folder, facets = {
        "events": (events, project.data.events, "events", events.event_facets),
        "reports": (reports, project.data.reports, "reports", reports.report_facets)}[kind]
    indexed = by_language(site)
    assert records, f"premise: the repository has {kind}"
    for record in records:
        expected = {key: values for key, values in facets(record).items() if values}
        for lang in LANGS:
            fragment = indexed[lang]["/" + LANG_PREFIX[lang] + f"{folder}/{record.id}/"]
            assert fragment["filters"] == {**expected, "register": [module.REGISTER]}, (record.id, lang)
            assert fragment["meta"]["title"] == record.title[lang]
            every = project.words.ui(getattr(module, "EVERY_EVENT_PAGE", None) or module.EVERY_REPORT_PAGE, lang)
            assert every.lower() in fragment["content"].lower(), "the list searches it when only filters are chosen"
    for lang in LANGS:  # no other page is in the list
        in_list = [url for url, f in indexed[lang].items() if f.get("filters", {}).get("register") == [module.REGISTER]]
        assert len(in_list) == len(records), lang


def test_material_search_is_gone_and_the_header_opens_the_search_page_of_its_language(site):
    assert not list(site.root.rglob("search_index.json"))
    for lang in LANGS:
        for url, html in built_pages(site, lang).items():
            assert "md-search" not in html, url
            href = re.search(r'<a href="([^"]+)" class="md-header__button md-icon ncp-search-button"', html).group(1)
            target = PurePosixPath(url) / href if url.endswith("/") else PurePosixPath(url).parent / href
            resolved = posixpath.normpath(target.as_posix())  # "a/b/../../c" -> "c" (".." is never a name)
            assert resolved.rstrip("/") + "/" == "/" + LANG_PREFIX[lang] + "search/", (url, href)


def test_index_of_a_small_site(tmp_path):
    for lang, folder in (("kk", ""), ("en", "en/")):
        page = tmp_path / folder / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html lang="{lang}"><body><nav>menu</nav><main data-pagefind-body><h1>Қазақстан {lang}</h1>'
                        '<p>Text.</p></main></body></html>', encoding="utf-8")
    index = build_search_index(tmp_path)
    assert (index.pages, index.languages) == (2, 2)
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert not list((tmp_path / "pagefind").glob("*ui*")), "Pagefind's own interfaces are not published"


def test_an_index_asked_to_stop_kills_pagefind_and_leaves_the_bundle_before_it(tmp_path, monkeypatch):
    """The preview stops its background index when a rebuild begins or the server stops (MkDocs then removes
    the site folder): Pagefind is killed, the bundle of the last index stays, nothing of this run is left."""
    import subprocess
    import threading

    from ncp_site.core.languages import Languages

    for lang, folder in (("kk", ""), ("en", "en/")):
        page = tmp_path / folder / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<html lang="{lang}"><body><main data-pagefind-body><h1>{lang}</h1></main></body></html>',
                        encoding="utf-8")
    languages = Languages(("kk", "en"), "kk", "kk")
    build_search_index(tmp_path, languages)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "pagefind").rglob("*") if p.is_file()}
    stop, started = threading.Event(), []
    popen = subprocess.Popen

    def slow_pagefind(cmd, **kwargs):
        """Pagefind that would take a minute: the stop must not wait for it."""
        process = popen(["sleep", "60"], **kwargs)
        started.append(process)
        stop.set()
        return process

    monkeypatch.setattr(subprocess, "Popen", slow_pagefind)
    with pytest.raises(IndexingStopped):
        build_search_index(tmp_path, languages, stop=stop)
    assert len(started) == 1 and started[0].returncode is not None, "Pagefind was killed and waited for"
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "pagefind").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no work folder left"
    with pytest.raises(IndexingStopped):
        build_search_index(tmp_path, languages, stop=stop)  # already asked to stop: not even started
    assert len(started) == 1


def test_a_failed_index_is_an_error_that_says_why(tmp_path):
    with pytest.raises(SearchIndexError, match="Pagefind could not index .*no.*html files"):
        build_search_index(tmp_path)


def test_words_in_adjacent_cells_stay_apart():
    html = "<tr><th>Date</th><th>Place</th></tr><dl><dt>Location</dt><dd>Astana</dd></dl><p>x</p>"
    assert keep_words_apart(html) == ("<tr><th>Date</th> <th>Place</th> </tr><dl><dt>Location</dt> "
                                      "<dd>Astana</dd> </dl><p>x</p>")
    row = '<tr><th scope="row">Cases</th><td>5</td></tr>'
    assert keep_words_apart(row) == row, "a <td> is set apart by Pagefind itself"


def test_no_word_of_the_index_is_glued_to_its_neighbour_cell(site):
    """``<dt>Location</dt><dd>Astana</dd>`` must not become the word "LocationAstana"."""
    for lang in LANGS:
        for url, html in built_pages(site, lang).items():
            assert not re.search(r"</(dt|dd|caption)><|</th><(?!td)", html), url
    words = {w for f in site.search_fragments() for w in re.findall(r"\w+", f["content"])}
    glued = [w for w in words if re.search(r"[a-zа-яёәғқңөұүһі]{3}(Date|Дата|Күні)\b", w)]
    assert not glued, glued[:5]


def test_two_indexes_of_one_site_are_the_same_bytes(tmp_path):
    """Pagefind 1.5.2 writes filters in hash-map order; the bundle is made stable afterwards."""
    import filecmp
    import shutil

    site = tmp_path / "site"
    for n, (lang, folder) in enumerate((("kk", ""), ("en", "en/"), ("kk", "a/"), ("en", "en/a/"))):
        page = site / folder / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        filters = "".join(f'<span data-pagefind-filter="f{k}:v{(n * 7 + k) % 5}"></span>' for k in range(6))
        page.write_text(f'<html lang="{lang}"><body><main data-pagefind-body><h1>Page {n}</h1>{filters}</main></body></html>',
                        encoding="utf-8")
    shutil.copytree(site, tmp_path / "again")
    build_search_index(site)
    build_search_index(tmp_path / "again")
    bundle, again = site / "pagefind", tmp_path / "again" / "pagefind"
    names = sorted(p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all(filecmp.cmp(bundle / name, again / name, shallow=False) for name in names)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "kk"]


def differing(site_dir: Path, other: Path) -> list[str]:
    """The files of two sites' search bundles that are not the same bytes (or in one only), by name: a short
    answer to compare, where comparing the bytes themselves would have pytest explain megabytes."""
    digests = [{p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).digest()
                for p in (root / "pagefind").rglob("*") if p.is_file()} for root in (site_dir, other)]
    return sorted(name for name in digests[0].keys() | digests[1].keys() if digests[0].get(name) != digests[1].get(name))


TMPFS = Path("/dev/shm")
"""A file system in memory, which lists a folder's entries newest first (ext4 lists them in hash order)."""


def test_the_bundle_is_the_same_bytes_whatever_order_the_disk_lists_the_pages_in():
    """Pagefind's command line numbers the pages in the order the disk lists them; the build gives Pagefind the
    pages in path order. Two copies of one site whose files were written in opposite orders, on a disk that
    lists them as written: the command line's bundles differ, ours are the same bytes."""
    if not (TMPFS.is_dir() and os.access(TMPFS, os.W_OK)):
        pytest.skip("no /dev/shm to write the copies on")
    with tempfile.TemporaryDirectory(dir=TMPFS) as work:
        pages = {}
        for n in range(12):
            folder = "" if n == 0 else f"{('cases', 'events')[n % 2]}/item-{n:02d}/"
            for lang, prefix in (("en", "en/"), ("ru", "ru/")):
                pages[f"{prefix}{folder}index.html"] = (
                    f'<html lang="{lang}"><body><main data-pagefind-body><h1>Page {n} common</h1>'
                    f'<p>word{n % 3} shared text {"extra " * n}</p>'
                    f'<span data-pagefind-filter="kind:{("a", "b", "c")[n % 3]}"></span>'
                    f'<span data-pagefind-sort="date:2024-0{1 + n % 4}-01"></span></main></body></html>')
        sites = [Path(work) / "first", Path(work) / "second"]
        for site_dir, order in zip(sites, (sorted(pages), sorted(pages, reverse=True))):
            for name in order:
                (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / name).write_text(pages[name], encoding="utf-8")
        raw = [Path(work) / "raw-first", Path(work) / "raw-second"]
        for site_dir, out in zip(sites, raw):
            subprocess.run([*pagefind(), "--site", str(site_dir), "--output-path", str(out / "pagefind")],
                           check=True, capture_output=True)
        assert differing(*raw) != [], "premise: Pagefind's own bundles of the two copies differ"
        for site_dir in sites:
            build_search_index(site_dir)
        assert differing(*sites) == []


def test_indexing_each_language_apart_makes_the_bundle_of_one_run_over_the_whole_site(site, tmp_path):
    """The build runs Pagefind once per language (a third of the memory); the bundle is the same bytes as one
    run over a copy of the whole site."""
    import shutil

    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".pagefind")], "the languages' bundles are removed"
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("pagefind"))
    whole = build_search_index(copy)
    assert differing(copy, site.root) == []
    assert whole.languages == 3 and whole.pages == sum(len(v) for v in by_language(site).values())


def small_site(root, pages: int) -> None:
    """``pages`` pages in kk and in en, each dated (newest last), and one page without a date."""
    for lang, folder in (("kk", ""), ("en", "en/")):
        for n in range(pages):
            page = root / folder / f"p{n:02d}" / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f'<html lang="{lang}"><body><main data-pagefind-body><h1>Page {n} {lang}</h1>'
                            f'<div data-pagefind-sort="submitted:2020-01-{n + 1:02d}">word{n}</div></main></body></html>',
                            encoding="utf-8")
        page = root / folder / "index.html"
        page.write_text(f'<html lang="{lang}"><body><main data-pagefind-body><h1>Home {lang}</h1></main></body></html>',
                        encoding="utf-8")
        (root / folder / "list.html").write_text(f'<html lang="{lang}"><body><p>A machine list</p></body></html>',
                                                 encoding="utf-8")


def test_a_language_with_more_pages_than_one_run_holds_is_indexed_in_parts_newest_first(tmp_path):
    """Pagefind holds about 200 KB per page: 10,000 case pages in one run took 2 GB."""
    import gzip

    from ncp_site.core.languages import Languages
    from ncp_site.site.search_index import BUNDLE, MANIFEST

    site = tmp_path / "site"
    small_site(site, 7)
    index = build_search_index(site, Languages(("kk", "en"), "kk", "kk"), part_pages=3)
    assert (index.pages, index.languages) == (16, 2)
    bundle = site / BUNDLE
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"en": ["parts/en-1/", "parts/en-2/"], "kk": ["parts/kk-1/", "parts/kk-2/"]}
    assert not [p.name for p in site.iterdir() if p.name.startswith(".")], "no working folder is left"

    def urls(folder):
        return [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])["url"]
                for p in sorted((folder / "fragment").glob("*.pf_fragment"))]

    for lang, prefix in (("kk", "/"), ("en", "/en/")):
        first = [u for u in urls(bundle) if u.startswith(prefix) and (lang == "en" or not u.startswith("/en/"))]
        parts = [first] + [urls(bundle / name) for name in manifest[lang]]
        assert sorted(parts[0]) == [f"{prefix}p{n:02d}/" for n in (4, 5, 6)], "the newest pages first"
        assert sorted(parts[1]) == [f"{prefix}p{n:02d}/" for n in (1, 2, 3)]
        assert sorted(parts[2]) == [f"{prefix}", f"{prefix}p00/"], "the pages without a date last"
        for name in manifest[lang]:
            entry = json.loads((bundle / name / "pagefind-entry.json").read_text(encoding="utf-8"))
            assert list(entry["languages"]) == [lang]
            assert not list((bundle / name).glob("*ui*")), "Pagefind's own interfaces are not published"


def test_a_site_indexed_in_parts_twice_is_the_same_bytes(tmp_path):
    import filecmp
    import shutil

    from ncp_site.core.languages import Languages

    small_site(tmp_path / "site", 5)
    shutil.copytree(tmp_path / "site", tmp_path / "again")
    for root in (tmp_path / "site", tmp_path / "again"):
        build_search_index(root, Languages(("kk", "en"), "kk", "kk"), part_pages=2)
    bundle, again = tmp_path / "site" / "pagefind", tmp_path / "again" / "pagefind"
    names = sorted(p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all(filecmp.cmp(bundle / name, again / name, shallow=False) for name in names)


def test_parts_need_sort_values_in_the_order_of_time(tmp_path):
    from ncp_site.core.languages import Languages

    site = tmp_path / "site"
    small_site(site, 3)
    page = site / "en" / "p00" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("2020-01-01", "9"), encoding="utf-8")
    with pytest.raises(SearchIndexError, match="dates or years.*not 9"):
        build_search_index(site, Languages(("kk", "en"), "kk", "kk"), part_pages=2)
    build_search_index(site, Languages(("kk", "en"), "kk", "kk"))  # one part: any sort value


@pytest.mark.parametrize("part_pages", [2000, 1], ids=["one part", "parts"])
def test_pages_whose_paths_hold_glob_characters_are_indexed_with_the_others_and_no_other(tmp_path, part_pages):
    """Pagefind reads the site in place, told which pages by a glob: a path is a literal in it."""
    from ncp_site.core.languages import Languages

    site = tmp_path / "site"
    small_site(site, 1)
    for lang, folder in (("kk", ""), ("en", "en/")):
        for name in ("a{b,c}", "[x]*?", "d$(e)<f>:g"):
            page = site / folder / name / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f'<html lang="{lang}"><body><main data-pagefind-body><h1>{name}</h1></main></body></html>',
                            encoding="utf-8")
    (site / "b").mkdir()
    (site / "b" / "index.html").write_text('<html lang="kk"><body><p>not content</p></body></html>', encoding="utf-8")
    index = build_search_index(site, Languages(("kk", "en"), "kk", "kk"), part_pages=part_pages)
    assert (index.pages, index.languages) == (10, 2)
    assert not [p.name for p in site.iterdir() if p.name.startswith(".")], "no working folder is left"


HEADER = '<header class="md-header"><img src="logo.svg" alt=""><nav>menu menu</nav></header>'


def test_pagefind_reads_a_page_without_the_header_and_navigation_before_its_content():
    page = ('<!doctype html><html lang="ru"><head><title>T</title></head><body>' + HEADER +
            '<div class="md-content"><div data-pagefind-body><h1>Case</h1><p>Text</p></div></div>'
            '<footer data-pagefind-ignore>f</footer></body></html>')
    assert indexed_part(page) == ('<!doctype html><html lang="ru"><head><title>T</title></head><body>'
                                  '<div data-pagefind-body><h1>Case</h1><p>Text</p></div></div>'
                                  '<footer data-pagefind-ignore>f</footer></body></html>')


@pytest.mark.parametrize("before", ['<h1>Site</h1>', '<span data-pagefind-filter="kind:x"></span>',
                                    '<meta data-pagefind-meta="image:x.png">'],
                         ids=["a heading that titles the page", "a filter", "a meta field"])
def test_a_page_whose_header_holds_what_pagefind_reads_is_read_whole(before):
    page = (f'<html lang="en"><head><title>T</title></head><body>{HEADER}{before}'
            '<main data-pagefind-body><p>Text</p></main></body></html>')
    assert indexed_part(page) == page
    assert indexed_part('<html lang="en"><body><p>no content marked</p></body></html>').endswith("</p></body></html>")


def test_the_index_of_the_pages_as_pagefind_reads_them_is_the_index_of_the_whole_pages(site, tmp_path, monkeypatch):
    """The pages are given to Pagefind without their header and navigation (``indexed_part``): the same bundle as
    the whole pages give, on some built pages of every kind and language."""
    import shutil

    import ncp_site.site.search_index as search_index

    chosen = [path for lang in LANGS for path in sorted(site.pages(lang))[::9]]
    copies = []
    for name in ("cut", "whole"):
        root = tmp_path / name
        for lang in LANGS:
            for path in sorted(site.pages(lang))[::9]:
                target = root / LANG_PREFIX[lang] / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site.root / LANG_PREFIX[lang] / path, target)
        copies.append(root)
    assert len(chosen) > 20
    assert any(indexed_part(html) != html for html in
               ((site.root / LANG_PREFIX[lang] / path).read_text(encoding="utf-8")
                for lang in LANGS for path in sorted(site.pages(lang))[::9])), "premise: pages are cut"
    build_search_index(copies[0])
    monkeypatch.setattr(search_index, "indexed_part", lambda html: html)
    build_search_index(copies[1])
    assert differing(*copies) == []


def test_pagefind_s_answer_that_something_failed_is_an_error_that_says_what():
    import threading

    from ncp_site.site.pagefind_service import PagefindService, ServiceError

    with pytest.raises(ServiceError, match="Pagefind could not make the test index: .*[Ii]ndex"):
        with PagefindService(pagefind(), threading.Event(), "the test index") as service:
            service.new_index({})
            service.files(7)


def test_pagefind_ending_before_it_answers_is_an_error_with_what_it_said():
    import threading

    from ncp_site.site.pagefind_service import PagefindService, ServiceError

    with pytest.raises(ServiceError, match="Pagefind ended before it made the test index: no service here"):
        with PagefindService(["sh", "-c", "echo no service here >&2; exit 3"], threading.Event(),
                             "the test index") as service:
            service.new_index({})


def test_an_answer_that_is_not_pagefind_s_protocol_is_an_error_that_shows_it():
    import threading

    from ncp_site.site.pagefind_service import PagefindService, ServiceError

    with pytest.raises(ServiceError, match="not its protocol .*b'Warning: something'"):
        with PagefindService(["sh", "-c", "printf 'Warning: something,else'; cat >/dev/null"], threading.Event(),
                             "the test index") as service:
            service.new_index({})
