"""What a data file says about its translations, read before the models see the data.

Any mapping in a data file may declare ``source_language: kk`` (the language the text was
drafted in; default the site's source language) and ``translation_pending: {en: 2026-12-31}`` (the one
way to publish a record before its translation exists). Both are removed from the data the models
validate. Where a translation is pending, its text is borrowed from the source language and
marked, so pages show it with its true ``lang`` and a banner, and the check fails after the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import DataError, shown
from .languages import Languages
from .limits import date_range_error
from .messages import LanguageName, _

NOT_TRANSLATIONS = frozenset({"documents", "document", "url", "urls", "links", "files"})
"""Per-language maps that hold different things per language (a document each), not translations."""


@dataclass
class TranslationMeta:
    default_source: str
    source: dict[tuple, str] = field(default_factory=dict)
    pending: dict[tuple, dict[str, dt.date]] = field(default_factory=dict)
    borrowed: dict[tuple, dict[str, str]] = field(default_factory=dict)

    def pending_for(self, loc: tuple) -> dict[str, dt.date]:
        """Pending languages declared on ``loc`` or the nearest mapping above it."""
        for depth in range(len(loc), -1, -1):
            if loc[:depth] in self.pending:
                return self.pending[loc[:depth]]
        return {}

    def source_for(self, loc: tuple) -> str:
        for depth in range(len(loc), -1, -1):
            if loc[:depth] in self.source:
                return self.source[loc[:depth]]
        return self.default_source


def is_localized(value: Any, langs) -> bool:
    return (isinstance(value, dict) and bool(value) and set(value) <= set(langs)
            and all(v is None or isinstance(v, str)
                    or (isinstance(v, list) and all(isinstance(i, str) for i in v)) for v in value.values()))


def localized_units(data: Any, langs, loc: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every translatable ``{kk, ru, en}`` map in the data, with its key path."""
    if is_localized(data, langs):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TRANSLATIONS:
                yield from localized_units(value, langs, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from localized_units(value, langs, loc + (i,))


def extract(doc, languages: Languages) -> list[DataError]:
    """Move the translation keys out of ``doc.data`` into ``doc.meta`` and borrow pending texts."""
    meta = doc.meta = TranslationMeta(languages.source)
    errors: list[DataError] = []
    _strip(doc, doc.data, (), meta, errors, languages)
    for loc, unit in localized_units(doc.data, languages):
        source = meta.source_for(loc)
        for lang in meta.pending_for(loc):
            if not unit.get(lang) and unit.get(source):
                unit[lang] = unit[source]
                meta.borrowed.setdefault(loc, {})[lang] = source
    return errors


def _strip(doc, data: Any, loc: tuple, meta: TranslationMeta, errors: list[DataError],
           languages: Languages) -> None:
    if isinstance(data, list):
        for i, item in enumerate(data):
            _strip(doc, item, loc + (i,), meta, errors, languages)
        return
    if not isinstance(data, dict):
        return
    if "source_language" in data:
        value = data.pop("source_language")
        if value in languages:
            meta.source[loc] = value
        else:
            errors.append(doc.error(loc + ("source_language",), _("{code} is not a language of this site", code=shown(value)),
                                    _("use one of: {codes}", codes=languages.listing())))
    if "translation_pending" in data:
        value = data.pop("translation_pending")
        pending = _pending(doc, value, loc + ("translation_pending",), errors, languages)
        if pending:
            meta.pending[loc] = pending
    for key, value in data.items():
        _strip(doc, value, loc + (key,), meta, errors, languages)


def _pending(doc, value: Any, loc: tuple, errors: list[DataError], languages: Languages) -> dict[str, dt.date]:
    fix = _("write one line per pending language with the date it is due, e.g. 'en: 2026-12-31'")
    if not isinstance(value, dict):
        errors.append(doc.error(loc, _("should map a language to a date"), fix))
        return {}
    pending = {}
    for lang, until in value.items():
        if lang not in languages:
            errors.append(doc.error(loc + (lang,), _("{code} is not a language of this site", code=shown(lang)), fix))
            continue
        try:
            day = until if isinstance(until, dt.date) else dt.date.fromisoformat(str(until))
        except ValueError:
            errors.append(doc.error(loc + (lang,), _("{value} is not a real date", value=shown(until)),
                                    _("write the date the translation is due as YYYY-MM-DD"), lang))
            continue
        out_of_range = date_range_error(day)
        if out_of_range:
            errors.append(doc.error(loc + (lang,), *out_of_range, lang))
            continue
        pending[lang] = day
    return pending


def expired_pending_errors(doc, today: dt.date, languages: Languages) -> list[DataError]:
    return [doc.error(loc + ("translation_pending", lang),
                      _("the {language} translation was due on {date} and is still missing", language=LanguageName(lang),
                        date=until.isoformat()),
                      _("add the translation, or agree a new date and change it here"), lang)
            for loc, langs in doc.meta.pending.items() for lang, until in langs.items() if until < today]
