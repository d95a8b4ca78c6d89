"""The real site, built once: every language has the same pages, the right lang, the figures."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from html import unescape

import pytest
from builders import collect
from conftest import BUILD_EPOCH, LANG_PREFIX, REPO

from ncp_site.kinds.cases.stats import case_statistics

LANGS = ("kk", "ru", "en")


def text_of(html: str) -> str:
    body = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.published
def test_same_pages_in_every_language(site):
    kk = site.pages("kk") - {"404.html"}
    assert kk, "the Kazakh site is empty"
    assert site.pages("ru") == kk
    assert site.pages("en") == kk


@pytest.mark.published
@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_on_every_page(site, lang):
    for page in site.pages(lang):
        html = (site.root / LANG_PREFIX[lang] / page).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', html), f"{lang}: {page}"


@pytest.mark.published
def test_every_case_has_a_page_in_every_language(site, project_root):
    project, errors = collect(project_root)
    assert not errors
    for case in project.data.cases:
        for lang in LANGS:
            html = site.html(lang, f"cases/{case.id}/")
            assert case.title[lang] in html.replace("&quot;", '"').replace("&#34;", '"').replace("&amp;", "&")


def test_language_switcher_leads_to_the_same_case_page(site, project_root):
    project, _ = collect(project_root)
    case = project.data.cases[0]
    html = site.html("ru", f"cases/{case.id}/")
    header = html[html.index('<nav class="ncp-languages ncp-languages--header"'):]
    header = header[:header.index("</nav>")]
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(kk|en)"', header))
    assert {v: k for k, v in links.items()} == {"kk": f"../../../cases/{case.id}/", "en": f"../../../en/cases/{case.id}/"}
    assert '<span class="ncp-languages__current" lang="ru" aria-current="true">' in header, "the page's own language"


def table_numbers(html: str, table_id: str) -> list[int]:
    """The numbers of a statistics table's rows, in order (a total row and a "not reported" row included)."""
    table = html[html.index(f'id="{table_id}"'):]
    table = table[:table.index("</table>")]
    return [int(re.sub(r"\D", "", cell)) for cell in re.findall(r"</th><td>([^<]*)</td></tr>", table)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_statistics_page_shows_the_figures_of_the_data(site, lang, project_root):
    project, _ = collect(project_root)
    stats = case_statistics(project.data.cases)
    html = site.html(lang, "statistics/")
    assert table_numbers(html, "stats-by-chapter") == [sum(per.values()) for per in stats.by_chapter.values()]
    unreported = [stats.sector_not_reported] if stats.sector_not_reported else []
    assert table_numbers(html, "stats-by-sector") == [*stats.by_sector.values(), *unreported]
    for table_id, figures in (("stats-by-submitter-type", stats.by_submitter_type), ("stats-by-status", stats.by_status),
                              ("stats-by-outcome", stats.by_outcome), ("stats-by-year", stats.by_year)):
        assert table_numbers(html, table_id) == list(figures.values()), table_id
    assert stats.closed, "premise: some case the NCP led is closed"
    assert table_numbers(html, "stats-duration") == [stats.closed, round(stats.mean_days), round(stats.median_days)]


def test_cldr_dates_in_each_language(site):
    def spaced(html):  # CLDR puts (narrow) no-break spaces inside dates
        return html.replace("\u202f", " ").replace("\u00a0", " ")
    assert "15 февраля 2022 г." in spaced(site.html("ru", "cases/"))
    assert "2022 ж. 15 ақпан" in spaced(site.html("kk", "cases/"))
    assert "February 15, 2022" in spaced(site.html("en", "cases/"))


def test_register_lists_newest_first_and_supporting_separately(site):
    text = text_of(site.html("en", "cases/"))
    ongoing = text.index("Ongoing specific instances")
    closed = text.index("Closed specific instances")
    supporting = text.index("supported another NCP")
    assert ongoing < closed < supporting
    assert text.index("Telia", closed) < text.index("PreventAge", closed)
    assert "GM Korea" in text[supporting:]


def test_open_data_has_every_case_in_all_languages(site, project_root):
    data = json.loads((site.root / "data" / "cases.json").read_text(encoding="utf-8"))
    records = data["specific_instances"]
    assert len(records) == len(collect(project_root)[0].data.cases)
    for record in records:
        assert set(record["summary"]) == set(LANGS)
        if record["submitter"]["withheld"]:
            assert record["submitter"].get("name") is None


@pytest.mark.published
def test_withheld_names_reach_no_output(site, project_root):
    """No withheld party's name may appear anywhere: pages, search index, downloads."""
    project, _ = collect(project_root)
    names = ["Guliyev"]  # the peer review's Annex D names the kz0002 submitter, whom we withhold
    searched = 0
    for path in site.root.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".csv", ".txt"}:
            content = path.read_text(encoding="utf-8", errors="replace")
        elif path.is_file() and path.suffix.startswith(".pf_"):  # Pagefind's index: gzip'ed
            content = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            searched += 1
        else:
            continue
        for name in names:
            assert name not in content, f"{name} in {path}"
    assert searched, "the search index was read too"


def test_cyrillic_headings_get_readable_anchors(site):
    assert 'id="соңғы-нақты-жағдайлар"' in site.html("kk")
    assert 'id="последние-конкретные-случаи"' in site.html("ru")


@pytest.mark.builds
def test_build_fails_on_data_errors_with_located_messages(tmp_path):
    """`mkdocs build` stops with the same messages as `ncp check`, and no traceback."""
    import shutil

    from conftest import run_mkdocs_build
    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "test-results", "__pycache__", "docs-screenshots"))
    (project / "docs" / "about" / "index.en.md").unlink()
    case = project / "data" / "cases" / "kz0003.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("submission: 2022-02-15", "submission: 2022-02-30"),
                    encoding="utf-8")
    result = run_mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/cases/kz0003.yml:" in output and "dates.submission: '2022-02-30' is not a real date" in output
    assert "page (en): has no English version -- create docs/about/index.en.md" in output
    assert "Traceback" not in output
    assert not (project / "site" / "index.html").exists()


# --- the review's facts: what is known, what was never reached, which edition, which events ------

def _timeline(html: str) -> list[str]:
    """The stages' texts; none when no stage date is known (the list is left out)."""
    if 'class="ncp-timeline"' not in html:
        return []
    body = html[html.index('class="ncp-timeline"'):]
    return re.findall(r"<li><strong>.*?</strong>: (.*?)</li>", body[:body.index("</ol>")])


@pytest.mark.parametrize("lang", LANGS)
def test_every_case_page_says_not_yet_only_where_the_stage_can_still_come(site, lang, project_root):
    project, _ = collect(project_root)
    ui = lambda key: project.words.ui(key, lang)
    for case in project.data.cases:
        shown = _timeline(site.html(lang, f"cases/{case.id}/"))
        stages = [s for s in ("submission", "initial_assessment", "conclusion", "follow_up")
                  if case.stage_state(s) != "not_reported"]  # a date not known is left out
        assert len(shown) == len(stages), case.id
        for stage, text in zip(stages, shown):
            if case.date_of(stage):
                assert text.startswith("<time"), (case.id, stage)
            elif text == ui("value.not_yet"):
                assert case.may_still_reach(stage), (case.id, stage)
            else:
                assert text == ui("value.not_reached"), (case.id, stage, text)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_shows_an_unknown_value_as_a_code(site, lang):
    for page in site.pages(lang):
        if page.startswith("open-data/dictionary/"):
            continue  # the data dictionary names the codes the data files hold, as the files write them
        html = (site.root / LANG_PREFIX[lang] / page).read_text(encoding="utf-8")
        if "<article" in html:
            assert not re.search(r"\bnot_re(ported|ached)\b", text_of(html)), page


@pytest.mark.parametrize("lang", LANGS)
def test_statistics_title_each_chapter_by_the_edition_its_cases_fall_under(site, lang, project_root):
    project, _ = collect(project_root)
    html = site.html(lang, "statistics/")
    table = html[html.index('id="stats-by-chapter"'):]
    labels = [unescape(label) for label in re.findall(r'<th scope="row">(.*?)</th>', table[:table.index("</table>")])]
    titles = project.data.glossary.chapter_title
    for case in (c for c in project.data.cases if c.is_lead):
        for roman in case.chapters:
            number = project.words.ui("case.chapter_n", lang).replace("{n}", roman)
            (label,) = [label for label in labels if label.endswith(f"({number})")]
            assert titles(roman, case.edition, lang) in label, (case.id, roman, label)
            editions = {c.edition for c in project.data.cases if c.is_lead and roman in c.chapters}
            for other in {2011, 2023} - editions:
                if titles(roman, other, lang) != titles(roman, case.edition, lang):
                    assert titles(roman, other, lang) not in label, (roman, other, label)


@pytest.mark.parametrize("lang", LANGS)
def test_events_figures_count_only_the_ncps_promotional_events(site, lang, project_root):
    project, _ = collect(project_root)
    today = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()  # the site fixture's build day
    html = site.html(lang, "events/")
    total = re.search(r'<tr class="ncp-total"><th scope="row">[^<]*</th>(?:<td[^>]*>[^<]*</td>)*<td[^>]*>([\d\s\u00a0,]+)</td></tr>',
                      html[html.index('id="events-by-role"'):])
    held = [e for e in project.data.events if e.start.day <= today]
    assert int(re.sub(r"\D", "", total.group(1))) == sum(1 for e in held if e.is_promotional)
    for event in project.data.events:
        article = site.html(lang, f"events/{event.id}/")
        article = article[article.index(f'id="{event.id}"'):]
        article = article[:article.index("</article>")]
        assert ("ncp-event-kind" in article) == (not event.is_promotional), event.id


def test_no_page_of_the_built_site_names_its_source_file(site):
    """The preview's "edit: data/cases/..." line (tests/mkdocs/test_serve.py) never reaches the published site."""
    for path in site.root.rglob("*.html"):
        assert "ncp-preview-edit" not in path.read_text(encoding="utf-8"), path
