"""Messages to the Secretariat in its own language: kk, ru or en, from gettext catalogs.

A message is marked where it is written, ``_("{value} is not a real date", value=...)`` (English is the
msgid; placeholders are named, never fragments glued together), and kept lazy: a ``Message`` holds the
msgid and its values and is rendered in the language active when it is printed (``speaking``). So one
error found once is shown in Kazakh to one reader and in Russian to another (the preview's panel shows
it in each page's language), and it stays hashable, orderable and picklable like any value.

The catalogs are ``ncp_site/locale/<lang>/LC_MESSAGES/ncp.po``, made by ``pybabel extract`` and
``pybabel update`` (configured in ``pyproject.toml``) and read with Babel's ``read_po`` when first
needed: a fresh clone works without a compile step, and nothing compiled can lag behind the .po files
(reading both catalogs takes about 0.1 s, only when a message is shown in kk or ru).
"""

from __future__ import annotations

import functools
import gettext
import io
import os
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES = ("kk", "ru", "en")
"""The languages the Secretariat's tools speak; English is written in the code, the others in catalogs."""
SOURCE = "en"
DOMAIN = "ncp"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_language: ContextVar[str] = ContextVar("ncp_messages_language", default=SOURCE)


def active() -> str:
    """The language messages are rendered in now."""
    return _language.get()


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Render messages in ``lang`` inside the block (one of ``LANGUAGES``; anything else: English)."""
    token = _language.set(lang if lang in LANGUAGES else SOURCE)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def from_locale(environ: Mapping[str, str] | None = None) -> str:
    """The language of the system's locale, as POSIX reads it: ``LC_ALL``, else ``LC_MESSAGES``, else ``LANG``
    (``kk_KZ.UTF-8`` -> kk, ``ru_RU.UTF-8`` -> ru); English for any other or none."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else SOURCE
    return SOURCE


ENVIRONMENT = "NCP_LANG"
"""The Secretariat's own setting: the language of ``ncp`` on this computer (``NCP_LANG=kk``)."""


def chosen(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language ``ncp`` speaks: ``--lang``, else ``NCP_LANG``, else the system's locale, else English.

    A value that is none of ``LANGUAGES`` counts as not given (the next one decides), so a typo never
    silences the messages."""
    environ = os.environ if environ is None else environ
    for value in (option, environ.get(ENVIRONMENT)):
        code = (value or "").strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return from_locale(environ)


@functools.cache
def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang`` as gettext reads it (its plural rule included); fuzzy and empty entries fall
    back to English, as gettext's own tools do."""
    path = catalog_path(lang)
    if lang == SOURCE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class _Formatter(string.Formatter):
    """``str.format`` with each value rendered in the message's language; ``{n:,}`` groups digits as the
    language does (1,234 in English, 1 234 in Kazakh and Russian)."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, int) and not isinstance(value, bool):
            return format_decimal(value, locale=self.lang).replace("\xa0", " ").replace("\u202f", " ")
        return super().format_field(rendered(value, self.lang), format_spec)


def rendered(value: Any, lang: str | None = None) -> Any:
    """A message's value as shown in ``lang``: a message or a language's name rendered, anything else itself."""
    render = getattr(value, "render", None)
    return render(lang or active()) if callable(render) else value


@functools.total_ordering
@dataclass(frozen=True)
class Message:
    """A text to show the Secretariat, rendered in the active language when shown (``str()``).

    Equal, hashed and pickled by its msgid and values; ordered by its English text, so that a sorted
    list of errors is the same in every language.
    """

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None
    count: int | None = None
    verbatim: bool = False
    """A text that is not ours to translate (a tool's own output, a value quoted): shown as it is."""

    def render(self, lang: str | None = None) -> str:
        lang = lang or active()
        if self.verbatim:
            return self.msgid
        if self.plural is None:
            text = translations(lang).gettext(self.msgid)
        else:
            text = translations(lang).ngettext(self.msgid, self.plural, self.count or 0)
        values = dict(self.params)
        try:
            return _Formatter(lang).vformat(text, (), values)
        except (KeyError, IndexError, ValueError):  # a damaged translation: the English is still right
            return _Formatter(SOURCE).vformat(self.msgid if self.plural is None or self.count == 1 else self.plural,
                                              (), values)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    @functools.cached_property
    def english(self) -> str:
        return self.render(SOURCE)

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Message):
            return self.english < other.english
        if isinstance(other, str):
            return self.english < other
        return NotImplemented

    def __getstate__(self) -> dict:
        return {name: getattr(self, name) for name in ("msgid", "params", "plural", "count", "verbatim")}

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


def _frozen(value: Any) -> Any:
    """Values kept hashable (a list given is kept as a tuple)."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _(msgid: str, **params: Any) -> Message:
    """Mark ``msgid`` for translation: a lazy message with named values (``{name}`` in the text)."""
    return Message(msgid, tuple(sorted((k, _frozen(v)) for k, v in params.items())))


def _n(singular: str, plural: str, n: int, **params: Any) -> Message:
    """A message about ``n`` things, in the plural form each language uses for that number; ``{n}`` is the number."""
    params.setdefault("n", n)
    return Message(singular, tuple(sorted((k, _frozen(v)) for k, v in params.items())), plural, n)


def verbatim(text: str) -> Message:
    """A text shown as it is in every language (a tool's own words we cannot translate)."""
    return Message(text, verbatim=True)


def message(text: str | Message) -> Message:
    return text if isinstance(text, Message) else verbatim(text)


@dataclass(frozen=True)
class LanguageName:
    """A language's name in the language of the message (``Kazakh``, ``казахский``, ``қазақ тілі``)."""

    code: str

    def render(self, lang: str | None = None) -> str:
        name = Locale.parse(lang or active()).languages.get(self.code, self.code)
        return name[:1].upper() + name[1:] if (lang or active()) == SOURCE else name

    def __str__(self) -> str:
        return self.render()


ListStyle = Literal["standard", "or"]
"""How a listing joins its last item: "a, b and c" or "a, b or c"."""


@dataclass(frozen=True)
class Listing:
    """Items listed as the message's language lists them (``kk, ru and en``; ``or`` with ``style="or"``)."""

    items: tuple[str, ...]
    style: ListStyle = "standard"

    def render(self, lang: str | None = None) -> str:
        items = [str(rendered(item, lang)) for item in self.items]
        if (lang or active()) == SOURCE and len(items) > 1:  # the project's English has no serial comma
            return f"{', '.join(items[:-1])} {'or' if self.style == 'or' else 'and'} {items[-1]}"
        return format_list(items, style=self.style, locale=lang or active()) if items else ""

    def __str__(self) -> str:
        return self.render()


def listing(items, style: ListStyle = "standard") -> Listing:
    return Listing(tuple(items), style)


@dataclass(frozen=True)
class WithArticle:
    """A noun with its indefinite article where the language has one (``an event``; ``іс-шара``, ``мероприятие``)."""

    noun: Any

    def render(self, lang: str | None = None) -> str:
        lang = lang or active()
        text = str(rendered(self.noun, lang))
        if lang != SOURCE:
            return text
        return ("an " if text[:1] in "aeiou" else "a ") + text

    def __str__(self) -> str:
        return self.render()
