"""Data text in pages: plain text reads exactly as written wherever a template puts it in a Markdown page;
a Markdown field keeps its formatting and loses anything that could run."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from builders import summary_checked
from conftest import REPO

from ncp_site.core import markup
from ncp_site.core.config import _ConfigLoader
from ncp_site.core.markup import MarkdownSource, plain_html, render_markdown
from ncp_site.core.rendering import _join

TRICKY = [
    "<script>alert(1)</script>", "X<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "![x](https://evil.example/t.png)", "Title {: onclick=alert(1) }", "{ #id .class onmouseover=x }",
    "*emphasis* and **strong** and `code`", "_under_ and snake_case and __init__", "C#", "#1 priority",
    "- not a list", "1. not a list", "+ plus", "> not a quote", "!!! note", "| a | b |", "a\\*b\\\\c",
    "AT&T &amp; &copy; &#1040;", "line one\n\n- line two\n[r]: javascript:alert(1)", "*[ABC]: abbreviation",
    "Ана & «ұйым» — 2022 ж.", "<q class=\"other\">q</q>", "text  with   spaces", "x<!-- comment -->y",
]


def site_markdown(text: str) -> str:
    """``text`` through Markdown with the site's extensions (mkdocs.yml), as MkDocs renders a page."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return markdown.markdown(text, extensions=extensions)


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, *a) for a in attrs]

    def handle_data(self, data):
        self.text.append(data)


def read(page_html: str) -> Reader:
    reader = Reader()
    reader.feed(page_html)
    return reader


CONTEXTS = {
    "paragraph": ("{}", ["p"]),
    "heading": ("# {}", ["h1"]),
    "after text": ("Before: {}", ["p"]),
    "inside a link": ('Before <a class="ncp-term" href="../glossary/#x">{}</a>', ["p", "a"]),
    "raw HTML block": ("<table><tr><td>{}</td></tr></table>", ["table", "tr", "td"]),
}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", TRICKY)
def test_plain_text_reads_as_written_in_every_markdown_context(text, context):
    template, own_tags = CONTEXTS[context]
    page = read(site_markdown(template.format(plain_html(text))))
    assert page.tags == own_tags, f"{text!r} made markup: {page.tags}"
    assert [a for a in page.attributes if a[1] not in ("class", "href", "id")] == []
    shown = " ".join("".join(page.text).split())
    assert shown.endswith(" ".join(text.split())), shown


def test_plain_text_in_an_attribute_is_the_same_text():
    value = 'He said "x" & <y> [z](javascript:1) C# _a_'
    assert read(f'<p title="{plain_html(value)}"></p>').attributes == [("p", "title", value)]


@pytest.mark.parametrize("source, expected", [
    ("Two paragraphs.\n\nThe *second*, with a [link](https://example.org/a_(b)).",
     '<p>Two paragraphs.</p>\n<p>The <em>second</em>, with a <a href="https://example.org/a_(b)">link</a>.</p>'),
    ("- one\n- **two**", "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>"),
    ('A <q class="historical">quoted</q> title.', '<p>A <q class="historical">quoted</q> title.</p>'),
])
def test_a_markdown_field_keeps_its_formatting(source, expected):
    assert html.unescape(str(render_markdown(source))) == expected


@pytest.mark.parametrize("source", TRICKY + ["[a](//evil.example) [b](JavaScript:x) [c](data:text/html,x)",
                                             "[d](java\tscript:x) <a href=\"javascript:x\">e</a>"])
def test_a_markdown_field_runs_nothing_and_shows_raw_html_as_text(source):
    page = read(site_markdown(str(render_markdown(source))))
    assert set(page.tags) <= {"p", "em", "strong", "code", "ul", "ol", "li", "a", "br", "blockquote"}
    hrefs = [a[2] for a in page.attributes if a[1] == "href"]
    assert all(h.startswith(("https://", "mailto:")) for h in hrefs), hrefs
    assert [a for a in page.attributes if a[1].startswith("on") or a[1] in ("src", "style")] == []
    for raw_html in re.findall(r"<(?:script|img|q|a)\b[^>]*>", source):
        assert raw_html in "".join(page.text), "raw HTML in a Markdown field is shown as text"


def test_a_markdown_field_gets_the_pages_abbreviations():
    assert str(render_markdown("The OECD Guidelines.", "*[OECD]: Organisation for Economic Co-operation and Development")) == (
        '<p>The <abbr title="Organisation for Economic Co-operation and Development">OECD</abbr> Guidelines.</p>')


def test_one_text_s_abbreviations_and_references_do_not_reach_the_next():
    """The converters are made once and reset before each text: the page's definitions are the text's only."""
    render_markdown("The OECD [Guidelines][g].\n\n[g]: https://example.org/", "*[OECD]: Organisation")
    after = str(render_markdown("The OECD [Guidelines][g] and the NCP.", "*[NCP]: National Contact Point"))
    assert after == ('<p>The OECD &#91;Guidelines&#93;&#91;g&#93; and the '
                     '<abbr title="National Contact Point">NCP</abbr>.</p>')
    assert "abbr" not in str(render_markdown("The OECD and the NCP."))


def test_a_markdown_value_is_its_sanitised_html_in_a_template_and_its_text_elsewhere():
    value = MarkdownSource("*x* <b>")
    assert plain_html(value) == "<p><em>x</em> &lt;b&gt;</p>"
    assert str(value) == "*x* <b>" and value == "*x* <b>"


def test_a_list_joined_in_a_template_is_escaped_item_by_item():
    assert _join(["[a](javascript:1)", "<b>"], ", ") == "&#91;a&#93;(javascript:1), &lt;b&gt;"


def test_a_markdown_field_shows_character_references_and_html_as_typed():
    shown = "".join(read(str(render_markdown("AT&T wrote &lt;b&gt; and <b>bold</b> &amp; &#1040;"))).text)
    assert shown == "AT&T wrote &lt;b&gt; and <b>bold</b> &amp; &#1040;"


@pytest.mark.parametrize(("summary", "problem"), [
    ("See [the statement](javascript:alert(1)).", "a link's address 'javascript:alert(1)' is a 'javascript:' address"),
    ("See [it](JaVaScRiPt:alert(1)).", "is a 'JaVaScRiPt:' address"),
    ("See [the procedure](procedures/index.md).", "a link's address 'procedures/index.md' is not a web address"),
    ("See [x](//evil.example/a).", "'//evil.example/a' has no scheme"),
    ("![the logo](https://example.org/logo.png)", "shows the image 'https://example.org/logo.png', but texts show no images"),
    ("See [the report][r].\n\n[r]: data:text/html,x", "is a 'data:' address"),
])
def test_a_link_the_site_would_not_show_is_a_located_error(tmp_path, capsys, summary, problem):
    """Before, such a link was silently shown as plain text; guide/data.md says such an address is an error."""
    status, out, at = summary_checked(tmp_path, capsys, summary)
    assert status == 1
    assert any(m.startswith(at) and problem in m and " -- " in m for m in out.splitlines()), out


def test_web_and_mail_links_in_a_markdown_field_pass(tmp_path, capsys):
    status, out, _ = summary_checked(tmp_path, capsys, "See [the OECD](https://www.oecd.org/) or [write](mailto:ncp@example.org).")
    assert status == 0, out


MARKDOWN_PIECES = ("a", "word ", "\n", "\n\n", "- ", "* ", "+ ", "1. ", "2) ", "> ", "    ", "\t", "#", "## ", "[a](",
                   "https://x.org", ")", "]", "[", "*", "_", "`", "\\", "---", "===", "<b>", "&amp;", "1", ".")


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=200), repeat=st.integers(1, 40))
def test_a_text_the_quick_count_passes_is_within_every_markdown_limit(pieces, repeat):
    """Most texts are only counted (``_maybe_heavy``); whatever that lets through, parsing would let through too."""
    text = "".join(pieces) * repeat
    if not markup._maybe_heavy(text):
        assert markup._structure_problem(text) is None, text
