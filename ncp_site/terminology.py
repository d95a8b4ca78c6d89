"""Terminology lint: no page or localized data field may use a deprecated variant of a glossary term.

The peer review (recs. 1.3 and 3.1) found the NCP's wording drifting from the Guidelines in every
language ("appeal", "обращение", "шағым" for a specific instance ...). Each deprecated variant in
``data/glossary.yml`` is matched here, in its language, case-insensitively, on word boundaries and
in its inflected forms: Russian case endings (every word of the variant declines), Kazakh suffix
chains on the last word, English plural/possessive endings on the last word. A variant's own
``forms`` list covers what these rules cannot derive.

Wording that must be quoted as it was (the title of a ministerial order, say) is wrapped in
``<q class="historical">…</q>``: the lint skips it and ``ncp check`` lists every such quotation.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

from markupsafe import Markup

from .errors import DataError, display_path
from .glossary import Glossary, TermError
from .i18n import LANGS
from .parity import docs_pages
from .translation_meta import NOT_TRANSLATIONS
from .translations import data_files
from .yamlsrc import YamlDoc, load_yaml

QUOTE_CLASS = "historical"
EXEMPT_CLASS = "ncp-term-variants"
"""The glossary page's rows listing deprecated variants carry this class; the HTML scan skips them."""


class TerminologyError(DataError):
    """A deprecated variant found in a page or record; prints as the glossary lint's own line.

    ``field`` holds the quoted text found, ``problem`` "is deprecated", ``fix`` the preferred term.
    """

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field} ({self.lang}) {self.problem} -- {self.fix}"


def terminology_error(path: str, line: int, found: str, lang: str, preferred: str, concept_id: str) -> TerminologyError:
    return TerminologyError(path, line, f'"{found}"', "is deprecated",
                            f'use "{preferred}" (glossary: {concept_id})', lang)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    found: str
    concept_id: str
    preferred: str


@dataclass(frozen=True)
class Quotation:
    """Historical wording quoted on purpose, exempt from the lint and listed by ``ncp check``."""

    path: str
    line: int
    lang: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.lang}): «{self.text}»"


# --- inflection: one regular expression per deprecated variant --------------------------

_RU_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
_RU_ADJECTIVE_ENDINGS = ("ый ий ой ая яя ое ее ые ие ого его ому ему ым им ом ем ую юю ых их ыми ими "
                         "ей ою ею").split()
_RU_NOUN_ENDINGS = {  # dictionary-form ending -> (letters to drop, endings of the other forms)
    "ие": (1, "е я ю ем и й ям ями ях"),
    "ье": (1, "е я ю ем и й ям ями ях"),
    "ия": (1, "я и ю ей ею й ям ями ях"),
    "ья": (1, "я и ю ей ею й ям ями ях"),
    "а": (1, "а ы и е у ой ою ей ам ами ах -"),
    "я": (1, "я и е ю ей ею ь й ям ями ях -"),
    "о": (1, "о а у ом е ам ами ах -"),
    "е": (1, "е я ю ем ей ям ями ях"),
    "ь": (1, "ь я ю ем е и ей ью ям ями ях"),
    "й": (1, "й я ю ем е и ев ям ями ях"),
    "ы": (1, "ы и а у ом е ов ев ей ам ами ах -"),
    "и": (1, "и ы а я у ю ом ем е ов ев ей ам ям ами ями ах ях -"),
    "": (0, "- а у ом е ы и ов ей ам ами ах"),
}
_KK_SUFFIXES = (
    "(?:лар|лер|дар|дер|тар|тер)?"                                          # plural
    "(?:ымыз|іміз|мыз|міз|ыңыз|іңіз|ңыз|ңіз|ым|ім|м|ың|ің|ң|сы|сі|ы|і)?"    # possessive
    "(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|а|е|ны|ні|ды|ді|ты|ті|н"  # cases
    "|нда|нде|да|де|та|те|нан|нен|дан|ден|тан|тен|мен|бен|пен|ша|ше)?"
    "(?:ғы|гі|қы|кі)?"                                                       # -дағы / -дегі
)
_KK_VOICED = {"қ": "ғ", "к": "г", "п": "б"}
_EN_ENDINGS = "(?:s|es|'s|’s|s'|s’|es'|es’)?"
_WORD = r"\w"


def _alternatives(stem: str, endings: list[str]) -> str:
    ends = sorted({"" if e == "-" else e for e in endings}, key=len, reverse=True)
    return re.escape(stem) + "(?:" + "|".join(re.escape(e) for e in ends) + ")"


def _ru_word(word: str, last: bool) -> str:
    """One Russian word of a variant in all its case forms (adjective or noun)."""
    w = word.lower()
    if len(w) <= 3:
        return re.escape(w)
    forms = []
    if w.endswith(_RU_ADJECTIVE) and not (last and w.endswith(("ие", "ье"))):
        forms.append(_alternatives(w[:-2], _RU_ADJECTIVE_ENDINGS))
    if last or not forms:
        for ending, (drop, others) in _RU_NOUN_ENDINGS.items():
            if w.endswith(ending) and (ending or w[-1] not in "аеёиоуыэюяйь"):
                forms.append(_alternatives(w[:len(w) - drop], others.split()))
                break
    return "(?:" + "|".join(forms) + ")"


def _kk_word(word: str) -> str:
    """The last Kazakh word of a variant with any chain of plural, possessive and case suffixes."""
    w = word.lower()
    stems = [re.escape(w)]
    if w[-1] in _KK_VOICED:  # шағым is regular; тілек -> тілегі: the final consonant voices before a vowel
        stems.append(re.escape(w[:-1] + _KK_VOICED[w[-1]]) + "(?=[аәеиоөұүыі])")
    return "(?:" + "|".join(stems) + ")" + _KK_SUFFIXES


def _en_word(word: str) -> str:
    w = word.lower()
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return "(?:" + re.escape(w) + "|" + re.escape(w[:-1]) + "ies)" + _EN_ENDINGS
    return re.escape(w) + _EN_ENDINGS


def variant_pattern(variant: str, lang: str) -> str:
    """The regular expression of one deprecated variant in ``lang`` (without word boundaries)."""
    words = _normalise(variant).split()
    parts = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if lang == "ru":
            parts.append(_ru_word(word, last))
        elif last and lang == "kk":
            parts.append(_kk_word(word))
        elif last and lang == "en":
            parts.append(_en_word(word))
        else:
            parts.append(re.escape(word.lower()))
    return r"\s+".join(parts)


def _normalise(text: str) -> str:
    """ё and е are one letter for matching (same length, so offsets stay valid)."""
    return text.replace("ё", "е").replace("Ё", "Е")


@dataclass(frozen=True)
class _Variant:
    concept_id: str
    preferred: str


class Matcher:
    """Finds every language's deprecated variants of a glossary in a text."""

    def __init__(self, glossary: Glossary):
        self.patterns: dict[str, re.Pattern | None] = {}
        self.groups: dict[str, dict[str, list[_Variant]]] = {}
        for lang in LANGS:
            by_pattern: dict[str, list[_Variant]] = {}
            for concept in glossary.concepts.values():
                entry = concept.terms[lang]
                for deprecated in entry.deprecated:
                    for spelling in (deprecated.term, *deprecated.forms):
                        variant = _Variant(concept.id, entry.preferred)
                        found = by_pattern.setdefault(variant_pattern(spelling, lang), [])
                        if variant not in found:
                            found.append(variant)
            # Longest first, so that "compliant countries" wins over a shorter variant at the same place.
            ordered = sorted(by_pattern, key=len, reverse=True)
            names = {f"v{i}": pattern for i, pattern in enumerate(ordered)}
            self.groups[lang] = {name: by_pattern[pattern] for name, pattern in names.items()}
            alternatives = "|".join(f"(?P<{name}>{pattern})" for name, pattern in names.items())
            self.patterns[lang] = (re.compile(rf"(?<!{_WORD})(?:{alternatives})(?!{_WORD})", re.IGNORECASE)
                                   if alternatives else None)

    def find(self, text: str, lang: str) -> list[Hit]:
        pattern = self.patterns.get(lang)
        if pattern is None:
            return []
        hits = []
        for match in pattern.finditer(_normalise(text)):
            found = text[match.start():match.end()]
            for variant in self.groups[lang][match.lastgroup]:
                hits.append(Hit(match.start(), match.end(), " ".join(found.split()),
                                variant.concept_id, variant.preferred))
        return hits


# --- what is not prose: quotations, comments, macro calls, addresses --------------------

_QUOTE = re.compile(r"(?<!`)<q\s+class=(['\"])" + QUOTE_CLASS + r"\1\s*>(?P<text>.*?)</q\s*>", re.DOTALL | re.IGNORECASE)
_NOT_PROSE = re.compile(
    r"<!--.*?-->"                       # HTML comments are not published text
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # macro calls: term() arguments are checked by term_call_errors
    r"|\b(?:https?|ftp|mailto):[^\s<>()\]]+"  # addresses
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)",  # Markdown link destinations
    re.DOTALL)


_ESCAPED_QUOTE = re.compile(r"&lt;q\s+class=(&#34;|&#39;|&quot;)" + QUOTE_CLASS + r"\1\s*&gt;(.*?)&lt;/q\s*&gt;", re.DOTALL)


def historical_quotes(escaped: Markup) -> Markup:
    """Data text is escaped before it is shown; its historical-quotation markers become real ``<q>`` again."""
    return Markup(_ESCAPED_QUOTE.sub(lambda m: f'<q class="{QUOTE_CLASS}">{m.group(2)}</q>', str(escaped)))


def _blank(text: str, start: int, end: int) -> str:
    """Replace a span by spaces, keeping its line breaks so that line numbers stay right."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def split_quotations(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with historical quotations and non-prose blanked out, and the quotations (offset, text)."""
    quotes = []
    for match in _QUOTE.finditer(text):
        quotes.append((match.start(), " ".join(match["text"].split())))
        text = _blank(text, match.start(), match.end())
    for match in _NOT_PROSE.finditer(text):
        text = _blank(text, match.start(), match.end())
    return text, quotes


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --- pages -------------------------------------------------------------------------------

@dataclass
class Findings:
    errors: list[DataError]
    quotations: list[Quotation]


def page_findings(root: Path, glossary: Glossary, matcher: Matcher | None = None) -> Findings:
    """Deprecated variants and historical quotations in every page of ``docs/``, in the page's language."""
    matcher = matcher or Matcher(glossary)
    found = Findings([], [])
    for versions in docs_pages(Path(root) / "docs").values():
        for lang, path in versions.items():
            if lang not in LANGS:
                continue
            shown = display_path(path, root)
            text = path.read_text(encoding="utf-8-sig")
            prose, quotes = split_quotations(text)
            found.quotations += [Quotation(shown, _line_at(text, at), lang, q) for at, q in quotes]
            for hit in matcher.find(prose, lang):
                found.errors.append(terminology_error(shown, _line_at(prose, hit.start), hit.found, lang,
                                                      hit.preferred, hit.concept_id))
    return found


# --- data ----------------------------------------------------------------------------------

def localized_texts(data: Any, loc: tuple = (), lang: str | None = None,
                    skip: frozenset = NOT_TRANSLATIONS) -> Iterator[tuple[tuple, str, str]]:
    """Every text a visitor may read in a known language: ``(key path, lang, text)``.

    A mapping whose keys are languages (``{kk, ru, en}``) gives its language to everything below
    it, so a glossary entry ``terms: {kk: {preferred, forms, ...}}`` is linted like a summary.
    """
    if isinstance(data, str):
        if lang:
            yield loc, lang, data
    elif isinstance(data, dict):
        by_language = lang is None and bool(data) and set(data) <= set(LANGS)
        for key, value in data.items():
            if key in skip:
                continue
            yield from localized_texts(value, loc + (key,), key if by_language else lang, skip)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from localized_texts(value, loc + (i,), lang, skip)


def _borrowed(doc: YamlDoc, loc: tuple, lang: str) -> bool:
    """A pending translation shows the source text: it is linted in its own language, not this one."""
    borrowed = doc.meta.borrowed if doc.meta is not None else {}
    return any(borrowed.get(loc[:depth], {}).get(lang) for depth in range(len(loc) + 1))


def _scalar_text(lines: list[str], first: int) -> tuple[str, list[int]]:
    """The source lines a scalar starting on line ``first`` spans (until a line indented no deeper)."""
    indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
    numbers = [first]
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        numbers.append(number)
    return "\n".join(_normalise(lines[n - 1]).lower() for n in numbers), numbers


class _Locator:
    """Finds the file line of each hit in a field, in order, inside the scalar's own lines."""

    def __init__(self, lines: list[str], first: int):
        self.first = first
        self.block, self.numbers = _scalar_text(lines, first) if 0 < first <= len(lines) else ("", [first])
        self.cursor = 0

    def line(self, found: str) -> int:
        at = self.block.find(_normalise(found.split()[0]).lower(), self.cursor)
        if at < 0:
            return self.first
        self.cursor = at + 1
        return self.numbers[self.block.count("\n", 0, at)]


def data_findings(root: Path, glossary: Glossary, matcher: Matcher | None = None,
                  files: list[Path] | None = None) -> Findings:
    """Deprecated variants and historical quotations in every localized field of every data file.

    The glossary itself is linted too (definitions, preferred terms, forms), except the
    ``deprecated`` lists, which name the variants on purpose.
    """
    matcher = matcher or Matcher(glossary)
    found = Findings([], [])
    glossary_file = (Path(root) / "data" / "glossary.yml").resolve()
    for path in files if files is not None else data_files(Path(root)):
        doc, _ = load_yaml(path, root)
        if doc is None:
            continue  # the file's own loader reports why
        skip = NOT_TRANSLATIONS | {"deprecated"} if Path(path).resolve() == glossary_file else NOT_TRANSLATIONS
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        for loc, lang, text in localized_texts(doc.data, skip=skip):
            if _borrowed(doc, loc, lang):
                continue
            prose, quotes = split_quotations(text)
            first = doc.line(loc)
            found.quotations += [Quotation(doc.path, _Locator(lines, first).line(q), lang, q) for _, q in quotes]
            locate = _Locator(lines, first)
            for hit in matcher.find(prose, lang):
                line = locate.line(hit.found)
                found.errors.append(terminology_error(doc.path, line, hit.found, lang, hit.preferred, hit.concept_id))
    return found


# --- term() calls in pages ------------------------------------------------------------------

_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_TERM_CALL = re.compile(r"(?<![\w.])term\s*\(")


def term_calls(text: str) -> Iterator[tuple[int, str, tuple | None, dict | None]]:
    """Every ``term(...)`` macro call in a page's source: (offset, call, args, kwargs).

    ``args`` and ``kwargs`` are None when an argument is computed (checked when the page renders).
    """
    for expression in _EXPRESSION.finditer(text):
        for match in _TERM_CALL.finditer(text, expression.start(), expression.end()):
            parsed = _parse_call(text, match.start(), expression.end())
            if parsed is not None:
                yield (match.start(), *parsed)


def _parse_call(text: str, start: int, limit: int) -> tuple[str, tuple | None, dict | None] | None:
    end = text.find(")", start, limit)
    while end != -1:
        call = text[start:end + 1]
        try:
            node = ast.parse(call, mode="eval").body
        except SyntaxError:
            end = text.find(")", end + 1, limit)
            continue
        if not isinstance(node, ast.Call):
            return None
        try:
            args = tuple(ast.literal_eval(a) for a in node.args)
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
        except ValueError:
            return call, None, None  # a computed argument: checked when the page is rendered
        return call, args, kwargs
    return None


def _form_of(args: tuple, kwargs: dict):
    return kwargs.get("form", args[1] if len(args) > 1 else None)


def term_call_error(page_path: Path, root: Path, lang: str, concept_id: str, form, error: TermError) -> DataError:
    """A failing ``term()`` call located in its page.

    The macros plugin does not say where a macro was called, so the line is that of the first call
    with these literal arguments in the page source, else of the first call with computed ones.
    """
    line = 1
    try:
        source = Path(page_path).read_text(encoding="utf-8-sig")
    except (OSError, TypeError):
        source = ""
    calls = list(term_calls(source))
    literal = [at for at, _, args, kwargs in calls
               if args is not None and args[:1] == (concept_id,) and _form_of(args, kwargs) == form]
    computed = [at for at, _, args, _ in calls if args is None]
    if literal or computed:
        line = _line_at(source, (literal or computed)[0])
    shown = display_path(Path(page_path), root) if page_path else "docs"
    return DataError(shown, line, f"term('{concept_id}')", error.problem, error.fix, lang)


def term_call_errors(root: Path, glossary: Glossary) -> list[DataError]:
    """Every ``term()`` call in ``docs/`` names a glossary concept and a form of it in the page's language."""
    errors = []
    for versions in docs_pages(Path(root) / "docs").values():
        for lang, path in versions.items():
            if lang not in LANGS:
                continue
            text = path.read_text(encoding="utf-8-sig")
            for at, call, args, kwargs in term_calls(text):
                if not args or not isinstance(args[0], str):  # computed or missing: checked at render
                    continue
                form = _form_of(args, kwargs)
                try:
                    glossary.spelling(args[0], lang, form)
                except TermError as exc:
                    errors.append(DataError(display_path(path, root), _line_at(text, at), call, exc.problem,
                                            exc.fix, lang))
    return errors


# --- everything, for ``ncp check`` and the build ------------------------------------------------

def check(root: Path, glossary: Glossary) -> Findings:
    """The terminology lint of every page and data file, plus the pages' ``term()`` calls."""
    matcher = Matcher(glossary)
    pages = page_findings(root, glossary, matcher)
    data = data_findings(root, glossary, matcher)
    return Findings(pages.errors + data.errors + term_call_errors(root, glossary),
                    pages.quotations + data.quotations)


# --- built HTML, for tests and audits ---------------------------------------------------------

class _TextByLanguage(HTMLParser):
    """Visible text of an HTML page, per language (``lang`` attributes), without marked quotations."""

    _SKIP = {"script", "style", "template", "svg"}
    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.chunks: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        _, lang, skipped = self.stack[-1]
        classes = (attrs.get("class") or "").split()
        skipped = skipped or tag in self._SKIP or EXEMPT_CLASS in classes or (tag == "q" and QUOTE_CLASS in classes)
        lang = attrs.get("lang") or lang
        if attrs.get("title") and not skipped:
            self.chunks.append((lang, attrs["title"], self.getpos()[0]))
        if tag not in self._VOID:
            self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        _, lang, skipped = self.stack[-1]
        if not skipped and data.strip():
            self.chunks.append((lang, data, self.getpos()[0]))


def html_findings(html: str, lang: str, matcher: Matcher, shown: str = "page") -> list[DataError]:
    """Deprecated variants in the visible text of a built page (language by ``lang`` attributes)."""
    parser = _TextByLanguage(lang)
    parser.feed(html)
    parser.close()
    errors = []
    for text_lang, text, line in parser.chunks:
        if text_lang not in LANGS:
            continue
        prose, _ = split_quotations(text)
        for hit in matcher.find(prose, text_lang):
            errors.append(terminology_error(shown, line + prose.count("\n", 0, hit.start), hit.found, text_lang,
                                            hit.preferred, hit.concept_id))
    return errors


__all__ = ["Matcher", "TerminologyError", "Quotation", "Findings", "check", "page_findings", "data_findings",
           "term_call_errors", "term_calls", "term_call_error", "html_findings", "variant_pattern",
           "split_quotations", "localized_texts"]
