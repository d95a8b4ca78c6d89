"""HTML held out of Markdown converts to the same page as HTML left in it, without Markdown parsing it."""

import markdown
import pytest

from ncp_site.site.held_html import HeldHtml

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "abbr", "toc"]


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def held_then_restored(text: str) -> tuple[str, set[str], HeldHtml]:
    held = HeldHtml()
    html, anchors = held.restore(convert(held.hold_blocks(text)))
    return html, anchors, held


PAGES = {
    "table between paragraphs": "# Title\n\nSome *text*.\n\n<table class=\"x\">\n<tbody>\n<tr><td>a</td></tr>\n</tbody>\n"
                                "</table>\n\n## Next\n\nMore.\n",
    "list last on the page": "Intro.\n\n<ol class=\"ncp-timeline\">\n<li><strong>A</strong>: <time>1</time></li>\n</ol>\n",
    "two blocks in a row": "<div id=\"one\">x</div>\n\n<div id=\"two\">y</div>\n\ntext\n",
    "markdown inside is not held": "<div lang=\"ru\" markdown>\n\n*Текст* **жирный**\n\n</div>\n",
    "block with a blank line inside": "<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nAfter.\n",
    "inside an open element": "<div markdown>\n\n<p>inner</p>\n\n</div>\n",
    "abbreviation outside only": "The NCP.\n\n<p>NCP in HTML</p>\n\n*[NCP]: National Contact Point\n",
}


@pytest.mark.parametrize("text", PAGES.values(), ids=PAGES.keys())
def test_a_page_is_the_same_with_its_html_held(text):
    html, _, held = held_then_restored(text)
    assert html == convert(text)
    assert held.blocks == {}


def test_whole_blocks_are_held_so_markdown_never_sees_them():
    held = HeldHtml()
    text = held.hold_blocks(PAGES["table between paragraphs"])
    assert "<table" not in text and len(held.blocks) == 1


def test_what_markdown_must_read_stays_in_the_markdown():
    held = HeldHtml()
    for name in ("markdown inside is not held", "block with a blank line inside", "inside an open element"):
        assert held.hold_blocks(PAGES[name]) == PAGES[name], name
    assert held.blocks == {}


def test_held_anchors_are_reported_for_link_validation():
    _, anchors, _ = held_then_restored(PAGES["two blocks in a row"])
    assert anchors == {"one", "two"}


def test_a_macro_output_is_held_only_when_it_is_one_whole_block():
    held = HeldHtml()
    assert held.hold("<table><tr><td>x</td></tr></table>\n") != "<table><tr><td>x</td></tr></table>\n"
    for output in ("plain text", "<em>inline</em>", "<div>open", "<div markdown>x</div>", "<table></table> tail"):
        assert held.hold(output) == output


def test_markdown_shown_with_its_blocks_back():
    held = HeldHtml()
    text = PAGES["table between paragraphs"]
    assert held.shown(held.hold_blocks(text)) == text
