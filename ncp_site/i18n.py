"""What every data kind shares about languages: the three languages, localized text, dates, countries.

Kazakh is the site's default language (served at ``/``), Russian at ``/ru/``, English at ``/en/``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

from babel import Locale
from babel.dates import format_date as _babel_format_date
from pydantic import BaseModel, BeforeValidator, ConfigDict, PrivateAttr, StringConstraints

LANGS: tuple[str, ...] = ("kk", "ru", "en")
DEFAULT_LANG = "kk"
SOURCE_LANG = "ru"
"""The language the NCP drafts in unless a record or page says otherwise (``source_language:``)."""
LANG_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
LANG_SELF_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Base of every data model: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _pending: dict = PrivateAttr(default_factory=dict)

    def pending_until(self, lang: str) -> dt.date | None:
        """The date a pending translation is due, when the record declares ``translation_pending``."""
        return self._pending.get(lang)


class Localized(Strict):
    """Text a visitor reads: one version per language, all three required."""

    kk: Text
    ru: Text
    en: Text
    _borrowed: dict = PrivateAttr(default_factory=dict)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    def language_of(self, lang: str) -> str:
        """The language the text shown for ``lang`` is really in (another one while pending)."""
        return self._borrowed.get(lang, lang)


class LocalizedList(Strict):
    kk: list[Text]
    ru: list[Text]
    en: list[Text]

    def __getitem__(self, lang: str) -> list[str]:
        return getattr(self, lang)


def _same_in_all_languages(value):
    if isinstance(value, str):
        return {lang: value for lang in LANGS}
    return value


Name = Annotated[Localized, BeforeValidator(_same_in_all_languages)]
"""A proper name: one string for all languages, or a ``{kk, ru, en}`` map where spelling differs."""


def format_date(value: dt.date | None, lang: str, form: str = "long") -> str:
    """CLDR dates: ``15 February 2022``-style per language (``2022 ж. 15 ақпан``, ``15 февраля 2022 г.``)."""
    if value is None:
        return ""
    return _babel_format_date(value, form, locale=lang)


def country_name(code: str, lang: str) -> str:
    return Locale.parse(lang).territories.get(code.upper(), code)


def is_country(code: str) -> bool:
    return len(code) == 2 and code.upper() in Locale.parse("en").territories


def build_today() -> dt.date:
    """"Today" for the build: SOURCE_DATE_EPOCH when set, so a build can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def lang_prefix(lang: str) -> str:
    """Where a language lives on the site: Kazakh at the root, the others in their folder."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one site-root-relative directory URL (``ru/cases/x/``) to another."""
    depth = len([part for part in from_url.split("/") if part])
    return "../" * depth + to_url
