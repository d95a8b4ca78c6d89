"""Data text is shown as text everywhere: script, HTML, Markdown and template syntax planted in every
text field of every data kind stay inert in every page, ``<title>``, the search data and the calendars,
in kk, ru and en; no data text is ever evaluated as a template (the build would create a file if it were).

The fixture is a copy of the repository whose every data string the checks accept as a payload
carries one (``builders.plant_everywhere``: generic over the data files, so a kind added later is
covered as soon as it has data). Each field gets its own number ``n``, so a finding names its field.
The site is built once for the module.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
import yaml
from builders import LANGS, copy_of_repository, plant_everywhere
from conftest import LANG_PREFIX, run_mkdocs_build


def template(n: int) -> str:
    """Jinja in every form mkdocs-macros would evaluate; the last one creates a file in the project folder."""
    return (f" {{{{ {n}*{n} }}}} {{% if 1 %}}statement-{n}{{% endif %}} {{# comment-{n} #}} "
            f"{{{{ cycler.__init__.__globals__.os.popen('touch evaluated-{n}').read() }}}}")


def payload(n: int) -> str:
    """Every vector at once: an address-like start, a script, an event handler, a Markdown link and attr_list,
    template syntax."""
    return (f"javascript:alert({n})// <script>alert({n})</script> X<img src=x onerror=alert({n})> "
            f"[x](javascript:alert({n})) {{: onmouseover=alert({n}) }}" + template(n))


def markdown_payload(n: int) -> str:
    """For a Markdown field, which refuses a link to a script as an error: the rest of the vectors."""
    return (f"javascript:alert({n})// <script>alert({n})</script> X<img src=x onerror=alert({n})> "
            f"{{: onmouseover=alert({n}) }}" + template(n))


SHOWN = re.compile(r"<script>alert\((\d+)\)</script> X<img src=x onerror=alert\(\1\)>")
"""The payload as a visitor reads it (decoded text, not markup)."""
TEMPLATE_SHOWN = re.compile(r"\{\{ (\d+)\*\1 \}\} \{% if 1 %\}statement-\1\{% endif %\} \{# comment-\1 #\} "
                            r"\{\{ cycler\.__init__\.__globals__\.os\.popen\('touch evaluated-\1'\)\.read\(\) \}\}")
"""The template syntax as written: shown, never evaluated."""
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


class Inert(HTMLParser):
    """Collects what would run: script content with the payload, ``on*`` attributes, script addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.live.append("<img src=x>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.live.append(f"<script>{data[:60]}")
        self.text.append(data)


def inert(html: str) -> Inert:
    scan = Inert()
    scan.feed(html)
    scan.close()
    return scan


@functools.cache
def scanned(page: Path) -> Inert:
    """A built page's scan, made once for the tests that read it (each page is parsed in Python)."""
    return inert(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = copy_of_repository(tmp_path_factory.mktemp("planted") / "project")
    for page in (root / "docs").rglob("*.md"):  # inflected forms are glossary strings, replaced below
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r",\s*form=(['\"])(?:(?!\1).)*\1", "", text), encoding="utf-8")
    register = yaml.safe_load((root / "data" / "abbreviations.yml").read_text(encoding="utf-8"))["abbreviations"]
    for lang in LANGS:  # every abbreviation of data/abbreviations.yml used in a page: its (planted) expansion is shown
        page = root / "docs" / "about" / f"index.{lang}.md"
        used = " ".join(group[lang]["abbr"] for group in register if lang in group)
        page.write_text(page.read_text(encoding="utf-8") + f"\n{used}\n", encoding="utf-8")
    fields = plant_everywhere(root, payload, markdown_payload)
    result = run_mkdocs_build(root, root / "site")
    assert result.returncode == 0, f"the site with planted payloads does not build:\n{result.stdout}\n{result.stderr}"
    evaluated = sorted(p.name for p in root.rglob("evaluated-*"))
    assert not evaluated, f"data text was evaluated as a template: {evaluated}"
    return root / "site", fields


def html_pages(site: Path, lang: str) -> list[Path]:
    base = site / LANG_PREFIX[lang]
    others = [site / p for code, p in LANG_PREFIX.items() if p and code != lang]
    return [p for p in sorted(base.rglob("*.html")) if not any(p.is_relative_to(o) for o in others)]


def test_every_data_file_carries_payloads(planted):
    _, fields = planted
    data = Path(__file__).resolve().parents[2] / "data"
    files = {p.relative_to(data.parent).as_posix() for p in data.rglob("*.yml")} - {"data/translation-state.yml"}
    assert files <= {shown for shown, _ in fields.values()}, "a data file has no text field that took a payload"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_show_payloads_as_text_only(planted, lang):
    site, fields = planted
    shown, live = set(), []
    for page in html_pages(site, lang):
        scan = scanned(page)
        live += [f"{page.relative_to(site)}: {found} (field {fields.get(_number(found))})" for found in scan.live]
        shown |= {int(m.group(1)) for m in SHOWN.finditer("".join(scan.text))}
    assert not live, "live markup from the data:\n" + "\n".join(live[:20])
    assert len(shown) > 100, "the planted texts should be visible as text on the pages"


@pytest.mark.parametrize("lang", LANGS)
def test_template_syntax_is_shown_as_written(planted, lang):
    """Every planted field's template syntax reaches the page as text, in the page and in abbreviations'
    expansions (which the plugin adds to every page's Markdown once mkdocs-macros has run)."""
    site, fields = planted
    shown, evaluated, abbreviations = set(), [], set()
    for page in html_pages(site, lang):
        html = page.read_text(encoding="utf-8")
        text = "".join(scanned(page).text)
        shown |= {int(m.group(1)) for m in TEMPLATE_SHOWN.finditer(text)}
        evaluated += [f"{page.relative_to(site)}: statement-{n}" for n in re.findall(r"(?<!%\})statement-(\d+)", text)]
        titles = (unescape(t) for t in re.findall(r'<abbr title="([^"]*)"', html))
        abbreviations |= {int(m.group(1)) for title in titles for m in TEMPLATE_SHOWN.finditer(title)}
    assert not evaluated, "a planted {% if %} was evaluated:\n" + "\n".join(evaluated[:20])
    assert len(shown) > 100, "the planted template syntax should be visible as text on the pages"
    planted_expansions = {n for n, (path, loc) in fields.items() if path == "data/abbreviations.yml" and loc[-1] == "expansion"}
    assert planted_expansions and planted_expansions & abbreviations, \
        "the abbreviations' planted expansions should be shown as written in <abbr title>"


@pytest.mark.parametrize("lang", LANGS)
def test_titles_and_headings_escape_the_payload(planted, lang):
    site, _ = planted
    generated = [p for p in html_pages(site, lang) if re.search(r"(cases|action-plans)/[^/]+/index\.html$", p.as_posix())]
    assert generated
    for page in generated:
        html = page.read_text(encoding="utf-8")
        titles = re.findall(r"<title>(.*?)</title>", html, re.DOTALL)
        assert len(titles) == 1 and "<" not in titles[0], f"{page}: <title> {titles}"
        assert SHOWN.search(inert(f"<p>{titles[0]}</p>").text[0]), f"{page}: the title should show the payload as text"
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
        assert heading and SHOWN.search("".join(inert(heading.group(1)).text)), f"{page}: h1"


@pytest.mark.parametrize("lang", LANGS)
def test_search_data_holds_the_payload_as_text_and_the_site_shows_it_as_text(planted, lang):
    """Pagefind's fragments hold page text as it reads (``<img onerror=...>`` included, unescaped):
    the site's scripts must therefore never insert search data as HTML."""
    site, _ = planted
    shown = 0
    for path in sorted((site / "pagefind" / "fragment").glob(f"{lang}_*.pf_fragment")):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        shown += bool(SHOWN.search(fragment["content"] + fragment.get("meta", {}).get("title", "")))
    assert shown, "the search data should hold the planted texts, as text"
    scripts = sorted((site / "assets" / "javascripts").glob("ncp-*.js"))
    assert scripts
    for script in scripts:
        code = script.read_text(encoding="utf-8")
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", code), script.name


@pytest.mark.parametrize("lang", LANGS)
def test_calendars_carry_the_payload_as_plain_text(planted, lang):
    site, _ = planted
    feeds = [site / LANG_PREFIX[lang] / "events.ics", *sorted((site / LANG_PREFIX[lang] / "events").glob("*.ics"))]
    summaries = 0
    for feed in feeds:
        raw = feed.read_bytes().decode("utf-8")
        unfolded = re.sub(r"\r\n[ \t]", "", raw)
        assert all(re.match(r"^[A-Z][A-Z0-9-]*[;:]", line) for line in unfolded.split("\r\n") if line), feed
        for event in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
            summary = str(event["SUMMARY"])
            n = _number(summary) or 0
            assert summary in (payload(n), markdown_payload(n)), f"{feed}: {summary!r}"
            summaries += 1
    assert summaries


def _number(text: str) -> int | None:
    match = re.search(r"alert\((\d+)\)", text)
    return int(match.group(1)) if match else None
