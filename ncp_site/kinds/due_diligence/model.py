"""One OECD due diligence guidance, kept in ``data/due-diligence.yml`` under ``guidance:``.

The peer review found the NCP's site linked the OECD guidance in English only and that due
diligence was still a new concept for many enterprises in Kazakhstan. Each guidance here says, in
every site language, what it covers, and lists the languages in which it exists (``languages``,
ISO 639-1 codes), so that a reader of the Russian or Kazakh site sees at once whether there is a
version in their language. Only languages a source confirms are listed (the file's comments name
the sources). ``url`` is the guidance's page on the OECD's own site.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from ...core.documents import WebAddress
from ...core.localized import AnyLanguage, Localized, Strict, Text
from ...core.validation import record_id

Scope = Literal["general", "sectoral"]
SCOPES: tuple[str, ...] = get_args(Scope)
OFFICIAL_HOSTS = ("oecd.org",)
"""Links go to the OECD's own site (``oecd.org`` and its subdomains) only."""


class Guidance(Strict):
    id: str = record_id()
    scope: Scope
    sector: Localized | None = None
    title: Localized
    official_title: Text
    year: int = Field(ge=1976, le=2100)
    summary: Localized
    languages: list[AnyLanguage] = Field(min_length=1)
    url: WebAddress
