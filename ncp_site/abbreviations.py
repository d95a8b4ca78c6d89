"""One register of abbreviations per language, from which every page's abbreviation key is generated.

Sources: the glossary's ``terms.<lang>.abbreviation`` (expanded by the term's preferred form) and,
for abbreviations that are not glossary concepts, ``data/abbreviations.yml``. An abbreviation has
exactly one expansion per language: the NCP's 2022 roadmap used one English abbreviation for both the
Ministry of National Economy and multinational enterprises, and the peer review found it confusing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from .errors import DataError
from .glossary import Glossary
from .i18n import LANG_NAMES, LANGS, Strict, Text
from .render import Words, render
from .validation import validate
from .yamlsrc import YamlDoc, field_name, load_yaml


class Entry(Strict):
    abbr: str = Field(pattern=r"^[^\]\[\s*][^\]\[\n]*$", max_length=20)
    expansion: Text


class Group(Strict):
    """One abbreviated notion and its abbreviation in each language that has one."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kk: Entry | None = None
    ru: Entry | None = None
    en: Entry | None = None


class AbbreviationsFile(Strict):
    """``data/abbreviations.yml``: ``abbreviations:`` a list of groups (id, then kk/ru/en ``{abbr, expansion}``)."""

    abbreviations: list[Group] = []


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    place: str  # "path:line" where it is defined, named in error messages


@dataclass(frozen=True)
class Register:
    by_lang: dict[str, dict[str, Abbreviation]] = field(default_factory=lambda: {lang: {} for lang in LANGS})

    def of(self, lang: str) -> list[Abbreviation]:
        return sorted(self.by_lang[lang].values(), key=lambda a: a.abbr)

    def markdown_key(self, lang: str) -> str:
        """Definitions for Markdown's ``abbr`` extension, appended to a page of this language."""
        lines = [f"*[{a.abbr}]: {a.expansion}" for a in self.of(lang)]
        return "\n\n" + "\n".join(lines) + "\n" if lines else ""

    def used_in(self, text: str, lang: str) -> list[Abbreviation]:
        """Abbreviations written in ``text`` as whole words (the ``abbr`` extension's own rule)."""
        return [a for a in self.of(lang) if re.search(rf"\b{re.escape(a.abbr)}\b", text)]


def load_abbreviations(root: Path, glossary: Glossary | None) -> tuple[Register, list[DataError]]:
    """Build the register from the glossary and ``data/abbreviations.yml`` (optional); report conflicts."""
    register = Register()
    errors: list[DataError] = []
    found: list[tuple[str, str, str, tuple]] = []  # (lang, abbr, expansion, (path, line, field))
    if glossary is not None:
        doc, _ = load_yaml(Path(root) / "data" / "glossary.yml", root)
        if doc is not None:
            found += _from_glossary(doc, glossary)
    own_file = Path(root) / "data" / "abbreviations.yml"
    if own_file.exists():
        doc, errs = load_yaml(own_file, root)
        errors += errs
        if doc is not None:
            parsed, errs = validate(AbbreviationsFile, doc.data or {}, doc)
            errors += errs
            if parsed is not None:
                found += [(lang, entry.abbr, entry.expansion, _where(doc, ("abbreviations", i, lang, "abbr")))
                          for i, group in enumerate(parsed.abbreviations)
                          for lang in LANGS if (entry := getattr(group, lang)) is not None]
    for lang, abbr, expansion, (path, line, where) in found:
        place = f"{path}:{line}"
        known = register.by_lang[lang].get(abbr)
        if known is None:
            register.by_lang[lang][abbr] = Abbreviation(abbr, expansion, place)
            continue
        if known.expansion.casefold() == expansion.casefold():
            problem = f"'{abbr}' is already in the register ({known.place})"
            fix = "keep one definition: the glossary's abbreviation field or data/abbreviations.yml"
        else:
            problem = (f"'{abbr}' has two expansions in {LANG_NAMES[lang]}: '{known.expansion}' ({known.place}) "
                       f"and '{expansion}' ({place})")
            fix = "give each meaning its own abbreviation, or write one of them out in full"
        errors.append(DataError(path, line, where, problem, fix, lang))
    return register, errors


def _where(doc: YamlDoc, loc: tuple) -> tuple[str, int, str]:
    return doc.path, doc.line(loc), field_name(loc)


def _from_glossary(doc: YamlDoc, glossary: Glossary) -> list[tuple[str, str, str, tuple]]:
    """Glossary abbreviations in file order, expanded by the concept's preferred term."""
    found = []
    for i, raw in enumerate((doc.data or {}).get("concepts") or []):
        concept = glossary.concepts.get(raw.get("id")) if isinstance(raw, dict) else None
        if concept is None:
            continue
        for lang in LANGS:
            entry = concept.terms[lang]
            if entry.abbreviation:
                where = _where(doc, ("concepts", i, "terms", lang, "abbreviation"))
                found.append((lang, entry.abbreviation, entry.preferred, where))
    return found


def render_key(abbreviations: list[Abbreviation], words: Words, lang: str) -> str:
    """A visible key of the abbreviations a generated page uses (as the NCP's own plans have)."""
    return render("abbreviations_key.html", lang=lang, words=words, abbreviations=abbreviations)
