"""HTML our templates write, held out of the Markdown until it is converted.

Python-Markdown hands each raw HTML block to ``html.parser`` twice (mkdocs' anchor scan of the
whole page and the ``html_block`` preprocessor): at 1,000 cases that was the build's largest cost,
and the HTML is ours, already complete. A block held here is replaced in the Markdown by a token
paragraph and put back, unchanged, in the converted page. Anything this cannot prove to be a whole
block (unbalanced tags, a ``markdown`` attribute that asks for Markdown inside, indented text) stays
in the Markdown, so the page is the same either way.
"""

from __future__ import annotations

import re

BLOCK_TAGS = ("address", "article", "aside", "blockquote", "details", "div", "dl", "figure", "footer", "form",
              "header", "nav", "ol", "p", "section", "table", "ul")
_FIRST_TAG = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown(?:=|[\s>])")
_OPENS = re.compile(r"<(" + "|".join(BLOCK_TAGS) + r")[\s>]")
_CLOSES = re.compile(r"</(" + "|".join(BLOCK_TAGS) + r")>")
_ANCHOR = re.compile(r"<[^>]*?\s(?:id|name)=\"([^\"]*)\"")
_TOKEN = re.compile(r"<p>(ncpheld\d+x)</p>|(ncpheld\d+x)")


def _depth(html: str) -> int:
    return len(_OPENS.findall(html)) - len(_CLOSES.findall(html))


_LEADING_COMMENTS = re.compile(r"(?:<!--.*?-->\s*)+", re.S)


def _whole_block(html: str) -> bool:
    """One complete HTML block, maybe after comments (``<!-- generated from ... -->``)."""
    if html.startswith("<!--"):
        html = _LEADING_COMMENTS.sub("", html, count=1)
    first = _FIRST_TAG.match(html)
    return (first is not None and first.group(1) in BLOCK_TAGS and html.rstrip().endswith(f"</{first.group(1)}>")
            and _depth(html) == 0 and not _MARKDOWN_ATTRIBUTE.search(html))


class HeldHtml:
    """The blocks held for the page being converted, keyed by their token (unique within a build)."""

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}
        self.count = 0

    def hold(self, html: str) -> str:
        """A macro's output: its token if it is one whole HTML block, else the output itself."""
        if not _whole_block(html.strip()):
            return html
        self.count += 1
        token = f"ncpheld{self.count}x"
        self.blocks[token] = html.strip()
        return token

    def hold_output(self, output: str) -> str:
        """A macro's output: held whole if it is one block, else each of its whole blocks (a report of
        several tables and headings, blank lines apart)."""
        held = self.hold(output)
        return held if held is not output else self.hold_blocks(output)

    def hold_blocks(self, markdown: str) -> str:
        """Every top-level whole HTML block of a generated page's Markdown, held."""
        chunks, depth = markdown.split("\n\n"), 0
        for i, chunk in enumerate(chunks):
            if depth == 0 and _whole_block(chunk.strip("\n")):
                chunks[i] = self.hold(chunk.strip("\n"))
            else:
                depth += _depth(chunk)
        return "\n\n".join(chunks)

    def shown(self, markdown: str) -> str:
        """Markdown with its held blocks written back in (what it would have been without holding)."""
        return _TOKEN.sub(lambda m: self.blocks.get(m.group(2), m.group(0)), markdown)

    def restore(self, html: str) -> tuple[str, set[str]]:
        """The converted page with its blocks back, and the anchors (``id``, ``name``) they hold."""
        anchors: set[str] = set()

        def back(match: re.Match) -> str:
            block = self.blocks.pop(match.group(1) or match.group(2), None)
            if block is None:
                return match.group(0)
            anchors.update(_ANCHOR.findall(block))
            return block + "\n" if match.group(1) else block  # as Markdown writes a raw block

        restored = _TOKEN.sub(back, html)
        last = list(_TOKEN.finditer(html))[-1:]
        if last and last[0].group(1) and last[0].end() == len(html) and restored.endswith("\n"):
            restored = restored[:-1]  # Markdown strips its output's end
        return restored, anchors
