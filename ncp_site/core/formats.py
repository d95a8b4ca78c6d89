"""Dates, numbers and countries in the page's language (Babel's CLDR data), and the build's "today"."""

from __future__ import annotations

import datetime as dt
import os

from babel import Locale
from babel.dates import format_date as _babel_format_date

from .errors import DataError, DataErrors
from .messages import _


def format_date(value: dt.date | None, lang: str, form: str = "long") -> str:
    """CLDR dates: ``15 February 2022``-style per language (``2022 ж. 15 ақпан``, ``15 февраля 2022 г.``)."""
    if value is None:
        return ""
    return _babel_format_date(value, form, locale=lang)


def country_name(code: str, lang: str) -> str:
    return Locale.parse(lang).territories.get(code.upper(), code)


def language_name(code: str, lang: str) -> str:
    """A language's name in the page's language (``орыс тілі``, ``русский``, ``Russian``)."""
    return Locale.parse(lang).languages.get(code, code)


def in_language(code: str, lang: str) -> str:
    """"In <language>" in the page's language, from the CLDR name: ``ағылшын тілінде``, ``на английском
    языке``, ``in English``. Kazakh puts the name's ``тілі`` in the locative; a Russian adjectival name
    (``английский``) takes the prepositional case before ``языке``, any other name follows ``на языке``."""
    name = language_name(code, lang)
    if lang == "kk":
        return (name[:-len("тілі")] if name.endswith("тілі") else name + " ") + "тілінде"
    if lang == "ru":
        for ending in ("ский", "цкий", "ый", "ий"):
            if name.endswith(ending):
                return f"на {name[:-2]}ом языке"
        return f"на языке {name}"
    if lang == "en":
        return f"in {name}"
    return name


def is_language(code: str) -> bool:
    return len(code) == 2 and code in Locale.parse("en").languages


def is_country(code: str) -> bool:
    return len(code) == 2 and code.upper() in Locale.parse("en").territories


def build_time() -> dt.datetime:
    """The build's moment: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    return source_date_epoch() or dt.datetime.now(dt.UTC)


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time, None when it is not set; a located error when it is not a time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise DataErrors([DataError("SOURCE_DATE_EPOCH", 1, "(environment)",
                                    _("{value} is not a time in seconds since 1970", value=f"'{epoch}'"),
                                    _("unset it, or set it to a whole number such as {example}",
                                      example="$(git log -1 --format=%ct)"))]) from None


def build_today() -> dt.date:
    """"Today" for the build: SOURCE_DATE_EPOCH when set, so a build can be reproduced."""
    return build_time().date()

