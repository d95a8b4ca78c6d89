"""Text a visitor reads, one version per site language, and the strict base of every data model.

The site's languages are not constants: validation gets them in its context
(``{"languages": Languages}``), so the same models serve a kk/ru/en site and a ru/en one.

Every text has a length limit (``limits``), named by its type so that a model shows each field's:
``Text`` and ``LocalizedLine`` hold one line (a title, a name, a term), ``LongText`` and
``Localized`` some paragraphs (a summary, a definition); any other text of a ``Strict`` model the
longer limit. ``Day`` is a date within the years the site accepts.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PrivateAttr,
    StringConstraints,
)
from pydantic_core import PydanticCustomError, core_schema

from .addresses import Address
from .errors import Invalid, shown
from .formats import is_language
from .limits import MAX_LINE_CHARS, MAX_TEXT_CHARS, date_range_error
from .markup import MarkdownText
from .messages import _

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LINE_CHARS)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)]


def _in_range(value: dt.date) -> dt.date:
    problem = date_range_error(value)
    if problem:
        raise Invalid(*problem)
    return value


Day = Annotated[dt.date, AfterValidator(_in_range)]


class Strict(BaseModel):
    """Base of every data model: unknown keys are mistakes, not extensions; no text is unbounded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_max_length=MAX_TEXT_CHARS, defer_build=True)
    _pending: dict = PrivateAttr(default_factory=dict)

    def pending_until(self, lang: str) -> dt.date | None:
        """The date a pending translation is due, when the record declares ``translation_pending``."""
        return self._pending.get(lang)


def site_languages(info) -> tuple[str, ...]:
    languages = (info.context or {}).get("languages") if info is not None else None
    if languages is None:
        raise RuntimeError("validate data with context={'languages': ...} (core.validation.validate does)")
    return tuple(languages)


class LanguageMap(dict):
    """A value per site language, all required; ``value[lang]``.

    Validation reports every missing or unknown language at once (one problem per language).
    """

    single_value_allowed = False
    max_chars = MAX_TEXT_CHARS
    described = "a text per language"  # what ``ncp new`` writes beside the field (``core.skeleton``)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.borrowed: dict[str, str] = {}

    def language_of(self, lang: str) -> str:
        """The language the text shown for ``lang`` is really in (another one while pending)."""
        return self.borrowed.get(lang, lang)

    def __hash__(self) -> int:  # type: ignore[override]  # a validated text never changes: hashable, unlike a dict
        return hash(tuple(sorted(self.items())))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        mapping = core_schema.dict_schema(core_schema.str_schema(), cls.item_schema(handler))
        return core_schema.with_info_before_validator_function(
            cls._spread,
            core_schema.with_info_after_validator_function(cls._complete, mapping),
            serialization=core_schema.plain_serializer_function_ser_schema(dict),
        )

    @classmethod
    def item_schema(cls, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.str_schema(strip_whitespace=True, min_length=1, max_length=cls.max_chars)

    @classmethod
    def _spread(cls, value, info):
        if cls.single_value_allowed and isinstance(value, str):
            return {lang: value for lang in site_languages(info)}
        if isinstance(value, (str, list)) and not isinstance(value, dict):
            raise PydanticCustomError("localized_shape", "should be a mapping", {"value": value})
        return value

    @classmethod
    def _complete(cls, value: dict, info):
        languages = site_languages(info)
        problems = [("unknown", code) for code in value if code not in languages]
        problems += [("missing", code) for code in languages if code not in value]
        if problems:
            raise PydanticCustomError("localized", "languages do not match the site's", {"problems": problems})
        return cls({lang: value[lang] for lang in languages})


class LocalizedText(LanguageMap):
    """Some paragraphs per language: a summary, a definition, a note."""


class LocalizedLineText(LanguageMap):
    """One line per language: a title, a topic."""

    max_chars = MAX_LINE_CHARS
    described = "one line per language"


class NameText(LanguageMap):
    """A proper name: one string for all languages, or a map where the spelling differs."""

    single_value_allowed = True
    max_chars = MAX_LINE_CHARS
    described = "written once for every language, or per language where it differs"


class LocalizedMarkdown(LanguageMap):
    """A text per language written in Markdown: rendered to HTML and sanitised where it is shown.

    Declared field by field in the models (``summary: LocalizedMarkdown``); every other text is
    shown exactly as written.
    """

    described = "a text per language (Markdown: a blank line between paragraphs, **bold**, [a link](https://...))"

    @classmethod
    def item_schema(cls, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return handler.generate_schema(MarkdownText)


class LocalizedTextList(LanguageMap):
    """A list of one-line texts per language (keywords)."""

    max_chars = MAX_LINE_CHARS
    described = "a list per language, in brackets: kk: [first, second]"

    @classmethod
    def item_schema(cls, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.list_schema(
            core_schema.str_schema(strip_whitespace=True, min_length=1, max_length=cls.max_chars))


Localized = LocalizedText
LocalizedLine = LocalizedLineText
Name = NameText
LocalizedList = LocalizedTextList


class SomeLanguages(dict):
    """An address for some of the site's languages (a document exists in these); ``available()``.

    Each value is an ``Address`` (https:, http:, mailto: or a path inside the site); blank is none.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        mapping = core_schema.dict_schema(core_schema.str_schema(),
                                          core_schema.nullable_schema(handler.generate_schema(Address)))
        return core_schema.no_info_before_validator_function(cls._blank_is_none, core_schema.with_info_after_validator_function(
            cls._known, mapping, serialization=core_schema.plain_serializer_function_ser_schema(dict)))

    @staticmethod
    def _blank_is_none(value):
        if isinstance(value, dict):
            return {k: None if isinstance(v, str) and not v.strip() else v for k, v in value.items()}
        return value

    @classmethod
    def _known(cls, value: dict, info):
        languages = site_languages(info)
        unknown = [("unknown", code) for code in value if code not in languages]
        if unknown:
            raise PydanticCustomError("localized", "languages do not match the site's", {"problems": unknown})
        return cls({lang: value.get(lang) or None for lang in languages})

    def available(self) -> dict[str, str]:
        """The languages in which the document exists (each site language is a key, None where none)."""
        return {lang: value for lang, value in self.items() if value}

    def __hash__(self) -> int:  # type: ignore[override]  # a validated text never changes: hashable, unlike a dict
        return hash(tuple(sorted(self.items())))


LanguageVersions = SomeLanguages


def _site_language(code: str, info) -> str:
    languages = site_languages(info)
    if code not in languages:
        raise Invalid(_("{code} is not a language of this site", code=shown(code)),
                      _("use one of: {codes}", codes=", ".join(languages)))
    return code


LanguageCode = Annotated[str, AfterValidator(_site_language),
                         Field(description="a language of this site: kk, ru or en")]


def _any_language(code: str) -> str:
    if not is_language(code):
        raise Invalid(_("{code} is not a language code", code=shown(code)),
                      _("use a two-letter ISO 639-1 code such as en, ru, kk or fr"))
    return code


AnyLanguage = Annotated[str, AfterValidator(_any_language),
                        Field(description="a two-letter language code, e.g. ru")]
"""Any language (a document's or an article's), not only the site's: a two-letter ISO 639-1 code."""
