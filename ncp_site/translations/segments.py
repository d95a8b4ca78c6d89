"""A page's text as segments: its headings, paragraphs and list items, each with its lines.

Translators work segment by segment, as their CAT tools do. The blocks are found by
markdown-it-py (CommonMark); HTML blocks, code and the front matter are not text to translate. A
segment's text is its lines joined by single spaces (the line breaks inside a paragraph are only
wrapping); writing a translation back wraps it again like the lines it replaces, behind the same
list marker and indentation.

Two language versions of a page are aligned block by block when they have the same blocks in the
same order (headings of the same level, list items at the same depth); otherwise the page's body
travels as one unit (``body``).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from markdown_it import MarkdownIt

_MARKER = re.compile(r"^(\s*(?:>\s?)*\s*(?:#{1,6}\s+|(?:[-*+]|\d{1,9}[.)])\s+)?)")
_CONTINUATION = re.compile(r"^(\s*(?:>\s?)*\s*)")
_STARTS_BLOCK = re.compile(r"^\s*(?:[-*+>#]\s|\d{1,9}[.)]\s|={3,}|-{3,}|```|~~~|<)")
_PARSER = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Block:
    kind: str  # heading, paragraph, item (a list item's first paragraph)
    level: int  # a heading's level; a paragraph's or item's list depth
    first: int  # its first line (0-based, in the whole file)
    last: int  # the line after it
    prefix: str  # what stands before the text on its first line ("## ", "1. ", "   - ")
    indent: str  # what stands before the text on the following lines
    text: str

    @property
    def shape(self) -> tuple[str, int]:
        return self.kind, self.level


def front_matter_lines(text: str) -> int:
    """How many lines the front matter takes (0 without one)."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---", 4)
    if end < 0:
        return 0
    return text.count("\n", 0, end + 4) + 1


def blocks(text: str) -> list[Block]:
    """The page's headings, paragraphs and list items, in order."""
    skip = front_matter_lines(text)
    lines = text.split("\n")
    tokens = _PARSER.parse("\n".join(lines[skip:]))
    out, depth, item_starts = [], 0, []
    marker = lambda line: _MARKER.match(line).group(1)  # type: ignore[union-attr]  # a list item's or heading's first line
    continued = lambda line: _CONTINUATION.match(line).group(1)  # type: ignore[union-attr]  # matches any line
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            item_starts.append(token.map[0] if token.map else 0)
        elif token.type in ("heading_open", "paragraph_open") and token.map:
            first, last = token.map[0] + skip, token.map[1] + skip
            own = lines[first:last]
            if token.type == "heading_open":
                kind, level = "heading", int(token.tag[1])
            else:
                kind = "item" if depth and item_starts and item_starts[-1] + skip == first else "paragraph"
                level = depth
            prefix = marker(own[0]) if kind != "paragraph" else continued(own[0])
            indent = continued(own[1]) if len(own) > 1 else " " * len(prefix)
            body = [own[0][len(prefix):].strip()] + [line.strip() for line in own[1:]]
            out.append(Block(kind, level, first, last, prefix, indent, " ".join(b for b in body if b)))
    return out


def aligned(source: list[Block], target: list[Block]) -> bool:
    return [b.shape for b in source] == [b.shape for b in target]


def rewrap(block: Block, lines: list[str], text: str) -> list[str]:
    """The lines of ``block`` with ``text`` in place of its own, wrapped as wide as the old lines.

    ``text`` may hold NUL characters where spaces must not break a line (inside a macro).
    """
    old = lines[block.first:block.last]
    one_line = [block.prefix + text]
    if block.kind == "heading" or len(old) == 1:
        return [line.replace("\0", " ") for line in one_line]
    width = max(len(line) for line in old)
    wrapped = textwrap.wrap(text, width=width, initial_indent=block.prefix, subsequent_indent=block.indent,
                            break_long_words=False, break_on_hyphens=False)
    if any(_STARTS_BLOCK.match(line[len(block.indent):]) for line in wrapped[1:]):
        wrapped = one_line  # a wrapped line must not start a list, a heading or HTML
    return [line.replace("\0", " ") for line in wrapped]
