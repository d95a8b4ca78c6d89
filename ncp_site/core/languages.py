"""The site's languages, read from its configuration: codes, the default (served at ``/``), the
source language translators work from, and where each language lives on the site."""

from __future__ import annotations

from dataclasses import dataclass, field

from babel import Locale


@dataclass(frozen=True)
class Languages:
    codes: tuple[str, ...]
    default: str
    source: str
    """The language the NCP drafts in unless a record or page says otherwise (``source_language:``)."""
    self_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.default not in self.codes or self.source not in self.codes:
            raise ValueError(f"the default ({self.default}) and source ({self.source}) languages "
                             f"must be among the site's languages {self.codes}")

    def __iter__(self):
        return iter(self.codes)

    def __contains__(self, code) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def name(self, code: str) -> str:
        """The language's English name, for messages to the secretariat (``Kazakh``)."""
        return Locale.parse("en").languages.get(code, code).capitalize()

    def self_name(self, code: str) -> str:
        """The language's name in itself, for language links (``Қазақша``)."""
        return self.self_names.get(code) or Locale.parse(code).languages.get(code, code).capitalize()

    def prefix(self, code: str) -> str:
        """Where a language lives on the site: the default at the root, the others in their folder."""
        return "" if code == self.default else f"{code}/"

    def suffixes(self) -> str:
        return ", ".join(f".{code}.md" for code in self.codes)

    def listing(self) -> str:
        return ", ".join(self.codes)

    def spoken(self) -> str:
        """``kk, ru and en``."""
        return ", ".join(self.codes[:-1]) + " and " + self.codes[-1] if len(self.codes) > 1 else self.codes[0]


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-root-relative directory URL (``ru/cases/x/``) to another."""
    depth = len([part for part in from_url.split("/") if part])
    return "../" * depth + to_url
