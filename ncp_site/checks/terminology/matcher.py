"""Finds every language's deprecated glossary variants in a text, on whole words, ignoring case.

Two variants are allowed where they are not the concept's misnaming:

- inside another concept's own term: «шағым» is deprecated for a specific instance, but «шағымдарды
  қарау тетігі» is the UN Guiding Principles' company grievance mechanism, a term of its own;
- an everyday word the glossary lists as ``also_called`` ("complaint", «жалоба», «шағым»), in a
  sentence that also names the concept by its term (written out or through the ``term`` macro), so
  that visitors who search for the word they use find the page, and read the official term beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .inflection import _WORD, _normalise, variant_pattern


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    found: str
    concept_id: str
    preferred: str


@dataclass(frozen=True)
class _Variant:
    concept_id: str
    preferred: str
    everyday: bool = False  # listed as also_called: allowed in a sentence that names the concept's term


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")
"""Where a sentence ends: a full stop, question or exclamation mark before a space, or a blank line."""


def _words(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<!{_WORD})(?:{pattern})(?!{_WORD})", re.IGNORECASE)


class Matcher:
    """Finds every language's deprecated variants of a glossary in a text."""

    def __init__(self, glossary, languages):
        self.patterns: dict[str, re.Pattern | None] = {}
        self.groups: dict[str, dict[str, list[_Variant]]] = {}
        self.terms: dict[str, dict[str, re.Pattern]] = {}  # lang -> concept id -> its term (everyday words' concepts)
        self.protected: dict[str, re.Pattern | None] = {}  # lang -> terms that hold a deprecated variant
        for lang in languages:
            by_pattern: dict[str, list[_Variant]] = {}
            for concept in glossary.concepts.values():
                entry = concept.terms[lang]
                everyday = {word.casefold() for word in entry.also_called}
                for deprecated in entry.deprecated:
                    for spelling in (deprecated.term, *deprecated.forms):
                        variant = _Variant(concept.id, entry.preferred, deprecated.term.casefold() in everyday)
                        found = by_pattern.setdefault(variant_pattern(spelling, lang), [])
                        if variant not in found:
                            found.append(variant)
                if everyday:
                    spellings = "|".join(variant_pattern(s, lang) for s in entry.accepted())
                    self.terms.setdefault(lang, {})[concept.id] = re.compile(
                        rf"(?<!{_WORD})(?:{spellings})(?!{_WORD})|term\(\s*['\"]{concept.id}['\"]", re.IGNORECASE)
            # Longest first, so that "compliant countries" wins over a shorter variant at the same place.
            ordered = sorted(by_pattern, key=len, reverse=True)
            names = {f"v{i}": pattern for i, pattern in enumerate(ordered)}
            self.groups[lang] = {name: by_pattern[pattern] for name, pattern in names.items()}
            alternatives = "|".join(f"(?P<{name}>{pattern})" for name, pattern in names.items())
            self.patterns[lang] = _words(alternatives) if alternatives else None
            pattern = self.patterns[lang]
            holding = sorted({variant_pattern(s, lang) for c in glossary.concepts.values()
                              for s in c.terms[lang].accepted()
                              if pattern is not None and pattern.search(_normalise(s))},
                             key=len, reverse=True)
            self.protected[lang] = _words("|".join(holding)) if holding else None

    def find(self, text: str, lang: str, context: str | None = None) -> list[Hit]:
        """The variants in ``text``; ``context``: the same text, same length, with what ``text`` blanked out
        (a page's macro calls), where a sentence may name the term through ``term(...)``."""
        pattern = self.patterns.get(lang)
        if pattern is None:
            return []
        normal = _normalise(text)
        around = normal if context is None else _normalise(context)
        protected = self.protected.get(lang)
        spans = [m.span() for m in protected.finditer(normal)] if protected is not None else []
        hits = []
        for match in pattern.finditer(normal):
            if any(start <= match.start() and match.end() <= end for start, end in spans):
                continue
            found = text[match.start():match.end()]
            for variant in self.groups[lang][match.lastgroup or ""]:
                if variant.everyday and self._named_beside(around, match.start(), variant.concept_id, lang):
                    continue
                hits.append(Hit(match.start(), match.end(), " ".join(found.split()),
                                variant.concept_id, variant.preferred))
        return hits

    def _named_beside(self, text: str, at: int, concept_id: str, lang: str) -> bool:
        """Whether the sentence around ``at`` names the concept by its term too."""
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
        end = _SENTENCE_END.search(text, at)
        return bool(self.terms[lang][concept_id].search(text, start, end.start() if end else len(text)))
