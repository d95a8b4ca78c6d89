"""Names that must never be published: a list kept outside the repository, matched robustly.

The list is a UTF-8 file named by the environment variable ``NCP_NEVER_PUBLISH`` (in CI, written
from a repository secret): one name per line; ``#`` starts a comment; blank lines are ignored. An
entry is known by its line in that file (``entry 3``), so that no message ever prints a name.

How a name is matched (ARCHITECTURE.md, "Threat model"):

- Text and names are compared in one form: NFKC (``Ｉｖａｎ`` is ``Ivan``), invisible characters
  dropped (zero-width spaces, soft hyphens, joiners, direction marks), runs of white space as one
  space, then each letter replaced by what it looks like whatever its case (``_Forms``): its
  confusables skeleton (Unicode TS #39, from ICU's ``SpoofChecker``: ``Ivаn`` with a Cyrillic а,
  ``Petrοv`` with a Greek ο, ``ПЕТРОB`` with a Latin B are ``Ivan Petrov``, ``ПЕТРОВ``), without
  accents (``Zoë`` is ``Zoe``). Both sides go through the same steps, so a Cyrillic name is still
  matched as Cyrillic; a hit is reported where it was written.
- The words of a name match in any order (``Petrov, Ivan``), next to each other with one to three
  characters that are not letters or digits between them (spaces, punctuation, ``-``, ``_``, ``.``,
  ``+``: so slugs and file names like ``ivan-petrov`` and ``Ivan_Petrov.pdf`` too), and only as whole
  words: a short name is never found inside another word.
- Each word of four letters or more also matches in the forms the terminology lint derives
  (``terminology.inflection``): Russian case endings (``Ивана Петрова``, ``Иваном Петровым``), Kazakh
  suffix chains (``Сәрсенованың``, ``Сәрсеновке``), English plural and possessive endings. A name of
  one word takes those endings only from six letters on (a surname alone, ``Сәрсенова``): a shorter
  one-word entry, often a given name that is also a word (``Ана``, ``Жанар``), matches only as
  written, since its endings would be other words (``анаға``, "to the mother"; ``жаңарды``).
- In a name of two words or more, all but one word may be an initial with its full stop
  (``И. Петров``, ``Petrov I.``), if a word of four letters or more is written in full.
- The text is also searched with HTML character references (``&#1048;``), percent-encoding
  (``%D0%98``, ``%20``) and ``\\u0418`` escapes decoded.

``ncp check`` and the build scan every data file (its values and its comments), every page and the
name of every file and folder under ``data/`` and ``docs/``; the build also scans every file it
wrote (``checks.published``).
"""

from __future__ import annotations

import bisect
import functools
import html
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..core.errors import DataError, display_path
from ..core.messages import Message, _
from ..core.sources import Sources
from ..core.yamlsrc import YamlDoc, field_name
from .terminology.inflection import name_word_pattern, name_word_stem

ENVIRONMENT = "NCP_NEVER_PUBLISH"
_SPACES = ("\u00a0", "\u202f", "\u2009")  # no-break, narrow no-break (Babel's dates and numbers), thin
FIX = _("remove it, or write 'withheld: true' in its place where a party asked not to be named (a name that was ever "
        "committed must also be removed from the git history: ask a maintainer)")
_IGNORED = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U000e0000-\U000e0fff]")
INFLECTED_FROM = 4
"""Letters a word needs to be matched with its endings (and to stand in full beside initials)."""
INFLECTED_ALONE_FROM = 6
"""Letters a one-word entry needs to be matched with its endings: a given name alone is often a word too
(Ана "mother", Сәуле "ray", Жанар: жаңарды "was renewed", since ң looks like н)."""
_BEFORE = r"(?<![^\W_])"  # a name starts and ends where a word does; "_" separates words (Ivan_Petrov)
_AFTER = r"(?![^\W_])"
_BETWEEN = r"[\W_]{1,3}"


def fold(text: str) -> str:
    """NFKC, casefolded, invisible characters dropped, spaces collapsed: how the list's names are kept."""
    return _prepared(text).casefold()


def _prepared(text: str) -> str:
    """NFKC, invisible characters dropped, spaces collapsed: the first step of the matching form."""
    for space in _SPACES:  # what NFKC would do, done first so that most lines need no normalising
        if space in text:
            text = text.replace(space, " ")
    text = _nfkc(text)
    if _IGNORED.search(text):
        text = _IGNORED.sub("", text)
    return " ".join(text.split())


def _nfkc(text: str) -> str:
    """NFKC, line by line where needed: most of a page already is, and the check is much cheaper."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
                     for line in text.split("\n"))


class _Forms(dict):
    """Each character's matching form, computed once; marks vanish, and spaces and punctuation stay, since
    they separate words.

    A letter or digit becomes what it looks like: its TS #39 skeleton (ICU's ``SpoofChecker``) without
    accents, casefolded. Skeletons tell case apart (Cyrillic в's is ʙ, a small capital; В's is B), and
    names must match whatever the case, so a Latin or Cyrillic letter is casefolded first and, where its
    small letter looks like no Latin letter but its capital does (в, к, м, н, т), takes its capital's
    look; a capital of another script (Greek Β, Η, Ν) takes its own. A capital's ``l`` (TS #39 writes I
    as l) is an ``i``, so that I and i stay one letter and l another.
    """

    def __init__(self):
        import icu

        super().__init__()
        self.checker = icu.SpoofChecker()

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.combining(char):
            form = ""
        elif not char.isalnum():
            form = char
        else:
            if char.isupper() and not unicodedata.name(char, "").startswith(("LATIN", "CYRILLIC")):
                look = self.capital_look(char)
            else:
                small = unicodedata.normalize("NFKC", char.casefold())
                look = self.look(small)
                if not look.isascii() and self.capital_look(small.upper()).isascii():
                    look = self.capital_look(small.upper())
            form = self.look(unicodedata.normalize("NFKC", look.casefold())).casefold()
        self[code] = form
        return form

    def look(self, text: str) -> str:
        """The TS #39 skeleton of ``text``, without accents."""
        return "".join(c for c in unicodedata.normalize("NFD", self.checker.getSkeleton(0, text))
                       if not unicodedata.combining(c))

    def capital_look(self, text: str) -> str:
        return self.look(text).replace("l", "i")


_forms = functools.cache(_Forms)
"""A cache of a pure function of one character (ICU's tables do not change while running), made when a name
is first looked for: a check with no names does not load ICU."""


def matching_form(text: str) -> str:
    """The form text and names are compared in (the module's docstring says which steps)."""
    return _prepared(text).translate(_forms())


def _fold_piece(piece: str) -> str:
    """``_prepared`` of one character and its combining marks; white space stays one space."""
    text = _IGNORED.sub("", unicodedata.normalize("NFKC", piece))
    return "".join(" " if c.isspace() else c for c in text)


def fold_mapped(text: str) -> tuple[str, list[int], list[int]]:
    """``matching_form(text)``, with the start and end offset in ``text`` of each character of the result.

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
            for form in _forms()[ord(char)]:
                out.append(form)
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
class _Name:
    """One entry of the list, ready to be searched for in a text's matching form."""

    entry: int
    anchors: tuple[str, ...]  # what each word written in full begins with (its stem or itself)
    keys: tuple[str, ...]  # one of them begins a word in any text that holds the name
    run: re.Pattern  # as many words of the name as it has, next to each other
    words: tuple[re.Pattern, ...]  # each word written in full, in any of its forms
    initials: tuple[re.Pattern | None, ...]  # each word as its initial and a full stop
    long: tuple[bool, ...]  # the words that may stand in full beside initials
    reach: int  # how far before one of its words the name can begin, at most
    initial_at: re.Pattern | None  # where one of its initials is written
    initial_letters: frozenset[str]  # its initials, spelt

    @classmethod
    def of(cls, name: str, entry: int) -> _Name:
        words = _NAME_WORD.findall(name)  # Jean-Pierre, "Astana & Co": what is between words separates them
        alone = len(words) == 1
        spell = matching_form
        forms, anchors = [], []
        for word in words:
            if len(word) >= (INFLECTED_ALONE_FROM if alone else INFLECTED_FROM):
                forms.append(name_word_pattern(word, spell))
                anchors.append(spell(name_word_stem(word)))
            else:
                forms.append(re.escape(spell(word)))
                anchors.append(spell(word))
        initials = [None if alone or not spell(w[0]) else re.escape(spell(w[0])) + r"(?=\.)" for w in words]
        token = "(?:" + "|".join(forms + [i for i in initials if i]) + ")"
        run = _BEFORE + token + (f"(?:{_BETWEEN}{token}){{{len(words) - 1}}}" if len(words) > 1 else "") + _AFTER
        reach = sum(2 * len(spell(w)) + _LONGEST_ENDING + len(_BETWEEN) for w in words)
        letters = frozenset(spell(w[0]) for w, i in zip(words, initials) if i)
        long = [a for w, a in zip(words, anchors) if a and len(w) >= INFLECTED_FROM]  # never all initials
        return cls(entry, tuple(a for a in anchors if a), tuple(long or [a for a in anchors if a]), re.compile(run),
                   tuple(re.compile(f) for f in forms),
                   tuple(re.compile(i + _AFTER) if i else None for i in initials),
                   tuple(len(w) >= INFLECTED_FROM for w in words), reach,
                   _initial_pattern(letters) if letters else None, letters)

    def spans(self, form: str, near: list[int], starts: list[int], initials: list[int]):
        """``(start, end)`` of every place in ``form`` (a matching form) where this name is written.

        ``near``: where one of its keys begins a word; ``starts``: where any of its anchors does; ``initials``:
        where any listed name's initial is written; each in order. A name holds one of its keys and begins,
        at most ``reach`` before it, with one of its words (its anchor) or an initial: so it is tried at
        those places only, each once (a try's answer depends on the place alone). The cost grows with the
        text, not with its anchors times the name's reach."""
        tried = 0  # every place before it was tried, or lies within a hit
        for at in near:
            if at < tried:
                continue
            low = max(tried, at - self.reach)
            places = starts[bisect.bisect_left(starts, low):bisect.bisect_right(starts, at)]
            if self.initial_at is not None:
                places = sorted(places + [place for place in initials[bisect.bisect_left(initials, low):
                                                                       bisect.bisect_left(initials, at)]
                                          if self.initial_at.match(form, place)])
            for place in places:
                match = self.run.match(form, place)
                if match is not None and self._each_word_once(form, match.start(), match.end(),
                                                               frozenset(range(len(self.words)))):
                    yield match.start(), match.end()
                    tried = match.end()
                    break
            else:
                tried = at + 1

    def _each_word_once(self, form: str, at: int, end: int, left: frozenset,
                        initial: bool = False, long_in_full: bool = False) -> bool:
        """Whether ``form[at:end]`` is each word of the name once, in any order; where initials stand for
        words, a word of ``INFLECTED_FROM`` letters or more is written in full."""
        if not left:
            return at == end and (long_in_full or not initial)
        ends = [m.end() for m in _WORD_END.finditer(form, at, end)]  # where a word written in full may end
        for i in left:
            tokens = [(p, True) for p in ends if self.words[i].fullmatch(form, at, p)]  # Ivan's Petrov: ivan or ivan's
            initial_here = self.initials[i].match(form, at) if self.initials[i] is not None else None
            if initial_here is not None and initial_here.end() <= end:  # not cut at ``end``: its full stop follows
                tokens.append((initial_here.end(), False))
            for after, full in tokens:
                rest = left - {i}
                if rest:
                    between = _SEPARATOR.match(form, after, end)
                    if between is None:
                        continue
                    after = between.end()
                if self._each_word_once(form, after, end, rest, initial or not full,
                                        long_in_full or (full and self.long[i])):
                    return True
        return False


def _initial_pattern(letters) -> re.Pattern:
    """An initial, one of ``letters`` (spelt), and its full stop."""
    if not letters:
        return re.compile("(?!)")
    return re.compile(_BEFORE + "(?:" + "|".join(re.escape(x) for x in sorted(letters, key=len, reverse=True))
                      + r")(?=\.)" + _AFTER)


_SEPARATOR = re.compile(_BETWEEN)
_NAME_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD_END = re.compile(r"[^\W_]" + _AFTER)
_LONGEST_ENDING = 30  # characters of the matching form a word's ending may add (a Kazakh suffix chain, spelt)


@dataclass(frozen=True)
class View:
    """A decoded form of a text and, for each of its characters, where it was in the original."""

    text: str
    starts: list[int] | None  # None: the original itself
    ends: list[int] | None
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` was in the original."""
        if self.starts is None or self.ends is None:
            return start, end
        if not self.starts:
            return 0, len(self.original)
        return self.starts[min(start, len(self.starts) - 1)], self.ends[min(end, len(self.ends)) - 1]

    def line(self, offset: int) -> int:
        """The line of the original that ``text[offset]`` was on."""
        return self.original.count("\n", 0, self.span(offset, offset + 1)[0]) + 1

    def rewritten(self, pattern: re.Pattern, replace) -> View:
        """This view with every match of ``pattern`` replaced by ``replace(match)``, still mapped to the original."""
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        base_starts = self.starts if self.starts is not None else range(len(self.text))
        base_ends = self.ends if self.ends is not None else range(1, len(self.text) + 1)
        last = 0
        for match in pattern.finditer(self.text):
            out.append(self.text[last:match.start()])
            starts += base_starts[last:match.start()]
            ends += base_ends[last:match.start()]
            replacement = replace(match)
            out.append(replacement)
            starts += [base_starts[match.start()]] * len(replacement)
            ends += [base_ends[match.end() - 1]] * len(replacement)
            last = match.end()
        out.append(self.text[last:])
        starts += base_starts[last:]
        ends += base_ends[last:]
        return View("".join(out), starts, ends, self.original)

    @classmethod
    def of(cls, text: str) -> View:
        return cls(text, None, None, text)


def _utf16(match: re.Match) -> str:
    units = bytes.fromhex(match.group(0).replace("\\u", ""))
    return units.decode("utf-16-be", "replace")


def _utf8(match: re.Match) -> str:
    return bytes.fromhex(match.group(0).replace("%", "")).decode("utf-8", "replace")


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_DECODINGS = (  # in this order: a JSON escape may write "&", a character reference "%"
    ("\\u", re.compile(r"(?:\\u[0-9a-fA-F]{4})+"), _utf16),  # JSON and JavaScript: \u0418
    ("&", _ENTITY, lambda m: html.unescape(m.group(0))),  # HTML: &#1048; &#x418; &Iuml;
    ("%", re.compile(r"(?:%[0-9A-Fa-f]{2})+"), _utf8),  # addresses: %D0%98 %20
)


def decoded(text: str) -> str:
    """``text`` with every escape and encoding ``find`` knows decoded (the quick way, not mapped)."""
    for marker, pattern, replace in _DECODINGS:
        if marker in text:
            text = pattern.sub(replace, text)
    return text


def decoded_view(text: str) -> View:
    """``decoded(text)``, each of its characters mapped to where it was in ``text``."""
    view = View.of(text)
    for marker, pattern, replace in _DECODINGS:
        if marker in view.text:
            view = view.rewritten(pattern, replace)
    return view


@dataclass(frozen=True)
class NeverPublish:
    """The folded names, each with its entry number (its line in the list file)."""

    names: dict[str, int]

    def __bool__(self) -> bool:
        return bool(self.names)

    @cached_property
    def _names(self) -> tuple[_Name, ...]:
        return tuple(_Name.of(name, entry) for name, entry in self.names.items())

    @cached_property
    def _initials(self) -> re.Pattern:
        """Where any listed name's initial is written."""
        return _initial_pattern({letter for name in self._names for letter in name.initial_letters})

    @cached_property
    def _anchors(self) -> tuple[re.Pattern, dict[str, list[str]]]:
        """One search for the words that begin a listed name's words (the common answer, none, costs one pass
        over the text; a look-ahead, so that an anchor inside another is found too), and the anchors by their
        first character."""
        anchors = sorted({a for name in self._names for a in name.anchors}, key=len, reverse=True)
        by_first: dict[str, list[str]] = {}
        for anchor in anchors:
            by_first.setdefault(anchor[0], []).append(anchor)
        pattern = _BEFORE + "(?=" + "|".join(re.escape(a) for a in anchors) + ")" if anchors else "(?!)"
        return re.compile(pattern), by_first

    def _spans(self, form: str):
        """Every ``(start, end, entry)`` of a listed name in ``form`` (a matching form)."""
        pattern, by_first = self._anchors
        found: dict[str, list[int]] = {}
        for match in pattern.finditer(form):
            at = match.start()
            for anchor in by_first[form[at]]:
                if form.startswith(anchor, at):
                    found.setdefault(anchor, []).append(at)
        if not found:
            return
        initials: list[int] | None = None
        for name in self._names:
            if not found.keys().isdisjoint(name.keys):
                if initials is None:
                    initials = [match.start() for match in self._initials.finditer(form)]
                near = sorted({at for key in name.keys for at in found.get(key, ())})
                starts = sorted({at for anchor in name.anchors for at in found.get(anchor, ())})
                for start, end in name.spans(form, near, starts, initials):
                    yield start, end, name.entry

    def appears_in(self, text: str) -> bool:
        """Whether a name is in ``text``, as written or decoded: the common answer (no) costs one fold."""
        return bool(self.names) and next(self._spans(matching_form(decoded(text))), None) is not None

    def find(self, text: str) -> list[Hit]:
        """Every name in ``text``, as written or decoded, located in ``text`` itself."""
        if not self.appears_in(text):
            return []
        view = decoded_view(text)
        form, starts, ends = fold_mapped(view.text)
        hits = {Hit(*view.span(starts[start], ends[end - 1]), entry) for start, end, entry in self._spans(form)}
        if not hits:  # folding the whole text and folding it piece by piece differ (rare): the whole text
            hits = {Hit(0, len(text), next(self._spans(matching_form(decoded(text))))[2])}
        return sorted(hits, key=lambda h: (h.start, h.end, h.entry))

    def redact(self, text: str) -> str:
        """``text`` with every name replaced by its entry number: for messages that quote data."""
        spans: list[list[int]] = []
        for hit in self.find(text):
            if spans and hit.start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], hit.end)
            else:
                spans.append([hit.start, hit.end, hit.entry])
        for start, end, entry in reversed(spans):
            text = text[:start] + f"[never-publish entry {entry}]" + text[end:]
        return text


def read_list(path: Path) -> tuple[NeverPublish, list[DataError]]:
    """The list file: a name per line, ``#`` comments; a name's entry number is its line."""
    where = f"{ENVIRONMENT} ({path})"
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return NeverPublish({}), [DataError(where, 1, "(environment)", _("names a file that does not exist"),
                                            _("give the path of the never-publish list, or unset {variable}",
                                              variable=ENVIRONMENT))]
    except (OSError, UnicodeDecodeError) as exc:
        return NeverPublish({}), [DataError(where, 1, "(environment)",
                                            _("cannot be read as UTF-8 text ({reason})", reason=type(exc).__name__),
                                            _("save the list as UTF-8 text, one name per line"))]
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


def hit_error(path: str, line: int, field: str, entry: int, lang: str | None = None, fix: Message | str = FIX) -> DataError:
    return DataError(path, line, field, _("a name on the never-publish list (entry {entry})", entry=entry), fix, lang)


def source_errors(sources: Sources, names: NeverPublish) -> list[DataError]:
    """Every listed name in a data file (values and comments), a page, or the name of a file or folder, at its line."""
    if not names:
        return []
    config = sources.config
    languages = config.languages
    errors: list[DataError] = []
    for path in _files_and_folders(config.data_dir, config.docs_dir):
        for hit in names.find(path.name):
            errors.append(hit_error(names.redact(display_path(path, config.root)), 1, "(file name)", hit.entry))
    for doc in sources.docs.values():
        errors += _data_errors(doc, names, languages)
    for page in sources.page_versions():
        lang = page.lang if page.lang in languages else None
        view = View.of(page.text)
        errors += [hit_error(page.shown, view.line(hit.start), "page", hit.entry, lang)
                   for hit in names.find(page.text)]
    return sorted(set(errors))


def _files_and_folders(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*"))


def _data_errors(doc: YamlDoc, names: NeverPublish, languages) -> list[DataError]:
    errors = []
    for loc, value in _strings(doc.data):
        lang = loc[-1] if loc and loc[-1] in languages else None
        field = field_name(loc[:-1] if lang else loc)
        errors += [hit_error(doc.path, doc.line(loc), field, hit.entry, lang) for hit in names.find(value)]
    for number, comment in _comments(doc.text):
        errors += [hit_error(doc.path, number, "(comment)", hit.entry) for hit in names.find(comment)]
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


class _RedactingRecords:
    """A log record factory: every record, whichever logger makes it (``mkdocs.*``, ``properdocs.*``, a
    plugin's own), is made with the names on the never-publish list replaced by their entry numbers,
    before any filter, handler or formatter sees it."""

    def __init__(self, make, names):
        self.make = make
        self.names = names

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self.make(*args, **kwargs)
        if self.names:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):  # arguments that do not fit the message: logging reports it when emitting
                return record
            redacted = self.names.redact(message)
            if redacted != message:
                record.msg, record.args = redacted, None
            if record.exc_info:
                record.exc_text = self.names.redact(logging.Formatter().formatException(record.exc_info))
        return record


def redact_logs(names) -> None:
    """Other plugins log data too (mkdocs-static-i18n prints each language's ``site_name``): no listed name
    may reach the terminal or a CI log, whoever logs it and whatever the engine calls its loggers
    (ProperDocs logs under ``properdocs``): so the records are redacted as they are made, not by name."""
    make = logging.getLogRecordFactory()
    if isinstance(make, _RedactingRecords):
        make.names = names
    else:
        logging.setLogRecordFactory(_RedactingRecords(make, names))
