"""Finds every language's deprecated glossary variants in a text, on whole words, ignoring case."""

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


class Matcher:
    """Finds every language's deprecated variants of a glossary in a text."""

    def __init__(self, glossary, languages):
        self.patterns: dict[str, re.Pattern | None] = {}
        self.groups: dict[str, dict[str, list[_Variant]]] = {}
        for lang in languages:
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


