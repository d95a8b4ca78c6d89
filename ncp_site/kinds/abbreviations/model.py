"""One register of abbreviations per language, from which every page's abbreviation key is generated.

Sources: the glossary's ``terms.<lang>.abbreviation`` (expanded by the term's preferred form) and,
for abbreviations that are not glossary concepts, ``data/abbreviations.yml``. An abbreviation has
exactly one expansion per language: the NCP's 2022 roadmap used one English abbreviation for both the
Ministry of National Economy and multinational enterprises, and the peer review found it confusing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ConfigDict, Field

from ...core.localized import Strict, Text
from ...core.messages import _
from ...core.validation import CODE, pattern, record_id


class Entry(Strict):
    abbr: str = Field(pattern=pattern(r"^[^\]\[\s*][^\]\[\n]*$", _("the abbreviation on one line, without [ ] or a leading * or space, e.g. MNE")), max_length=20)
    expansion: Text


class Group(Strict):
    """One abbreviated notion (``id``) and, under each language that has one, ``{abbr, expansion}``.

    The language keys are validated by the loader against the site's languages.
    """

    model_config = ConfigDict(extra="allow", frozen=True)
    id: str = record_id(CODE)


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    place: str  # "path:line" where it is defined, named in error messages


@dataclass(frozen=True)
class Register:
    by_lang: dict[str, dict[str, Abbreviation]] = field(default_factory=dict)

    def of(self, lang: str) -> list[Abbreviation]:
        return sorted(self.by_lang.get(lang, {}).values(), key=lambda a: a.abbr)

    def markdown_key(self, lang: str) -> str:
        """Definitions for Markdown's ``abbr`` extension, appended to a page of this language."""
        lines = [f"*[{_one_line(a.abbr)}]: {_one_line(a.expansion)}" for a in self.of(lang)]
        return "\n\n" + "\n".join(lines) + "\n" if lines else ""

    def used_in(self, text: str, lang: str) -> list[Abbreviation]:
        """Abbreviations written in ``text`` as whole words (the ``abbr`` extension's own rule)."""
        return [a for a in self.of(lang) if re.search(rf"\b{re.escape(a.abbr)}\b", text)]


def _one_line(text: str) -> str:
    """A definition is one line: a line break in the data would end it and start Markdown text."""
    return " ".join(text.split())
