"""Names that must never be published: a list kept outside the repository, matched robustly.

The list is a UTF-8 file named by the environment variable ``NCP_NEVER_PUBLISH`` (in CI, written
from a repository secret): one name per line; ``#`` starts a comment; blank lines are ignored. An
entry is known by its line in that file (``entry 3``), so that no message ever prints a name.

A name matches whatever the letter case (casefold), Unicode form (NFKC: ``Ｉｖａｎ`` is ``Ivan``),
runs of spaces and line breaks, and invisible characters (zero-width spaces, soft hyphens, joiners,
direction marks) inside it; only as whole words, so that a short name is not found inside another word.

``ncp check`` and the build scan every data file (its values and its comments) and every page;
the build also scans every file it wrote (``checks.published``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DataError
from ..core.sources import Sources
from ..core.yamlsrc import YamlDoc, field_name

ENVIRONMENT = "NCP_NEVER_PUBLISH"
_SPACES = ("\u00a0", "\u202f", "\u2009")  # no-break, narrow no-break (Babel's dates and numbers), thin
FIX = ("remove it, or write 'withheld: true' in its place where a party asked not to be named "
       "(a name that was ever committed must also be removed from the git history: ask a maintainer)")
_IGNORED = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U000e0000-\U000e0fff]")


def fold(text: str) -> str:
    """The form names are compared in: NFKC, casefolded, invisible characters dropped, spaces collapsed."""
    for space in _SPACES:  # what NFKC would do, done first so that most lines need no normalising
        if space in text:
            text = text.replace(space, " ")
    text = _nfkc(text)
    if _IGNORED.search(text):
        text = _IGNORED.sub("", text)
    return " ".join(_nfkc(text.casefold()).split())


def _nfkc(text: str) -> str:
    """NFKC, line by line where needed: most of a page already is, and the check is much cheaper."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
                     for line in text.split("\n"))


def _fold_piece(piece: str) -> str:
    """``fold`` of one character and its combining marks; white space stays one space."""
    text = _IGNORED.sub("", unicodedata.normalize("NFKC", piece))
    return "".join(" " if c.isspace() else c for c in unicodedata.normalize("NFKC", text.casefold()))


def fold_mapped(text: str) -> tuple[str, list[int], list[int]]:
    """``fold(text)``, with the start and end offset in ``text`` of each character of the result.

    Folding goes one base character with its combining marks at a time, so that a hit can be
    traced back to the line it was written on.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, size = 0, len(text)
    while i < size:
        j = i + 1
        while j < size and unicodedata.combining(text[j]):
            j += 1
        for char in _fold_piece(text[i:j]):
            if char == " " and (not out or out[-1] == " "):
                if out:
                    ends[-1] = j
                continue
            out.append(char)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


@dataclass(frozen=True)
class Hit:
    start: int  # offsets in the text searched
    end: int
    entry: int  # the name's line in the list file


@dataclass(frozen=True)
class NeverPublish:
    """The folded names, each with its entry number (its line in the list file)."""

    names: dict[str, int]

    @property
    def pattern(self) -> re.Pattern | None:
        if not self.names:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def __bool__(self) -> bool:
        return bool(self.names)

    def appears_in(self, text: str, pattern: re.Pattern | None = None) -> bool:
        """Whether a name is in ``text``: the common answer (no) costs one fold and a substring search per name."""
        folded = fold(text)
        if not any(name in folded for name in self.names):
            return False
        pattern = pattern or self.pattern
        return pattern is not None and pattern.search(folded) is not None

    def find(self, text: str, pattern: re.Pattern | None = None) -> list[Hit]:
        """Every name in ``text``, located in ``text`` itself (the whole text where it cannot be located)."""
        if not self.appears_in(text, pattern):
            return []
        pattern = pattern or self.pattern
        folded, starts, ends = fold_mapped(text)
        hits = [Hit(starts[m.start()], ends[m.end() - 1], self.names[m.group(0)]) for m in pattern.finditer(folded)]
        return hits or [Hit(0, len(text), self.names[pattern.search(fold(text)).group(0)])]

    def redact(self, text: str) -> str:
        """``text`` with every name replaced by its entry number: for messages that quote data."""
        for hit in sorted(self.find(text), key=lambda h: h.start, reverse=True):
            text = text[:hit.start] + f"[never-publish entry {hit.entry}]" + text[hit.end:]
        return text


def read_list(path: Path) -> tuple[NeverPublish, list[DataError]]:
    """The list file: a name per line, ``#`` comments; a name's entry number is its line."""
    where = f"{ENVIRONMENT} ({path})"
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return NeverPublish({}), [DataError(where, 1, "(environment)", "names a file that does not exist",
                                            f"give the path of the never-publish list, or unset {ENVIRONMENT}")]
    except (OSError, UnicodeDecodeError) as exc:
        return NeverPublish({}), [DataError(where, 1, "(environment)", f"cannot be read as UTF-8 text ({type(exc).__name__})",
                                            "save the list as UTF-8 text, one name per line")]
    names: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        name = fold(line.split("#", 1)[0]).strip()
        if name:
            names.setdefault(name, number)
    return NeverPublish(names), []


def from_environment(environ=os.environ) -> tuple[NeverPublish, list[DataError]]:
    """The list named by ``NCP_NEVER_PUBLISH``; an empty list when the variable is not set."""
    path = environ.get(ENVIRONMENT, "").strip()
    return read_list(Path(path)) if path else (NeverPublish({}), [])


def hit_error(path: str, line: int, field: str, entry: int, lang: str | None = None, fix: str = FIX) -> DataError:
    return DataError(path, line, field, f"a name on the never-publish list (entry {entry})", fix, lang)


def source_errors(sources: Sources, names: NeverPublish) -> list[DataError]:
    """Every listed name in a data file (values and comments) or a page, at its line."""
    if not names:
        return []
    pattern = names.pattern
    languages = sources.config.languages
    errors: list[DataError] = []
    for shown in [*sources.errors, *(page.shown for page in sources.page_versions())]:
        errors += [hit_error(shown, 1, "(file name)", hit.entry) for hit in names.find(shown, pattern)]
    for doc in sources.docs.values():
        errors += _data_errors(doc, names, pattern, languages)
    for page in sources.page_versions():
        lang = page.lang if page.lang in languages else None
        for view in _page_views(page.text, names, pattern):
            errors += [hit_error(page.shown, view.line(hit.start), "page", hit.entry, lang)
                       for hit in names.find(view.text, pattern)]
    return sorted(set(errors))


def _data_errors(doc: YamlDoc, names: NeverPublish, pattern, languages) -> list[DataError]:
    errors = []
    for loc, value in _strings(doc.data):
        lang = loc[-1] if loc and loc[-1] in languages else None
        field = field_name(loc[:-1] if lang else loc)
        errors += [hit_error(doc.path, doc.line(loc), field, hit.entry, lang) for hit in names.find(value, pattern)]
    for number, comment in _comments(doc.text):
        errors += [hit_error(doc.path, number, "(comment)", hit.entry) for hit in names.find(comment, pattern)]
    return errors


def _strings(data, loc: tuple = ()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield loc + (key,), str(key)
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, loc + (i,))
    elif isinstance(data, str):
        yield loc, data


_COMMENT = re.compile(r"""(?:^|\s)#(.*)$""")


def _comments(text: str):
    """``(line, comment)`` of each YAML comment (a ``#`` at a line's start or after a space)."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _COMMENT.search(line)
        if match:
            yield number, match.group(1)


@dataclass(frozen=True)
class View:
    """A decoded form of a text and, for each of its characters, where it was in the original."""

    text: str
    origin: list[int] | None  # None: the same offsets as the original
    original: str

    def line(self, offset: int) -> int:
        at = offset if self.origin is None else self.origin[min(offset, len(self.origin) - 1)] if self.origin else 0
        return self.original.count("\n", 0, at) + 1


def _page_views(text: str, names: NeverPublish, pattern) -> list[View]:
    """A page as written, and with its HTML character references decoded (``&#1048;`` is И) where that matters."""
    import html

    views = [View(text, None, text)]
    if "&" in text and names.appears_in(html.unescape(text), pattern):
        views.append(decoded_entities(text))
    return views


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def decoded_entities(text: str, view: View | None = None) -> View:
    """``text`` with HTML character references decoded, mapped back to ``view`` (or ``text``)."""
    import html

    out: list[str] = []
    origin: list[int] = []
    last = 0
    base = view.origin if view is not None else None

    def where(i: int) -> int:
        return base[i] if base is not None and i < len(base) else i

    for match in _ENTITY.finditer(text):
        for i in range(last, match.start()):
            out.append(text[i])
            origin.append(where(i))
        for char in html.unescape(match.group(0)):
            out.append(char)
            origin.append(where(match.start()))
        last = match.end()
    for i in range(last, len(text)):
        out.append(text[i])
        origin.append(where(i))
    return View("".join(out), origin, view.original if view is not None else text)
