"""Renders HTML/Markdown fragments from Jinja templates; Python builds no markup strings.

Each data kind keeps its templates in its own ``templates/`` folder and gets a renderer for it
(``render = templates_of(__file__)``). Templates get the page language, ``t(key)`` for interface
wording, ``term(id)`` for glossary labels, and filters for dates, numbers and countries in that
language. Data text is escaped (autoescape) unless a template marks it otherwise.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from babel import Locale
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

from .formats import country_name, format_date
from .languages import Languages
from .quotations import historical_quotes


@dataclass(frozen=True)
class Words:
    """Everything a page may say in words: glossary terms, interface strings, and the languages."""

    glossary: Any  # the glossary kind's Glossary: label(id, lang), chapter_title(roman, edition, lang)
    ui: Callable[[str, str], str]
    languages: Languages

    def label(self, concept_id: str, lang: str) -> str:
        return self.glossary.label(concept_id, lang)


_PLURAL_ORDER = ("zero", "one", "two", "few", "many")


def plural_forms(lang: str) -> list[str]:
    """The CLDR plural categories of a language, in order: ``one, other`` (kk, en), ``one, few, many, other`` (ru)."""
    tags = Locale.parse(lang).plural_form.tags
    return [tag for tag in _PLURAL_ORDER if tag in tags] + ["other"]


def plural(text: str, n: int, lang: str) -> str:
    """A counted phrase: ``text`` lists one form per plural category, separated by ``|``, with ``{n}``.

    ``"{n} месяц|{n} месяца|{n} месяцев|{n} месяца"`` gives ``5 месяцев``; a text with no ``|`` is used as is.
    """
    forms = text.split("|")
    categories = plural_forms(lang)
    form = Locale.parse(lang).plural_form(n)
    chosen = forms[categories.index(form)] if len(forms) == len(categories) else forms[-1]
    return chosen.strip().replace("{n}", format_decimal(n, locale=lang))


_SHARED = str(Path(__file__).resolve().parent / "templates")
"""Templates several kinds include (the pending-translation banner, the abbreviation key)."""


@functools.cache
def _environment(folder: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder), jinja2.FileSystemLoader(_SHARED)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def templates_of(module_file: str) -> Callable[..., str]:
    """A ``render(template, *, lang, words, **context)`` for the ``templates/`` folder beside ``module_file``."""
    folder = str(Path(module_file).resolve().parent / "templates")
    return functools.partial(render_from, folder)


def render_from(folder: str, template: str, *, lang: str, words: Words, **context) -> str:
    def tr(value) -> Markup:
        """Localized text for this page; text still pending translation keeps its own ``lang``."""
        shown = value.language_of(lang)
        if shown == lang:
            return historical_quotes(escape(value[lang]))
        return Markup('<span lang="{}">{}</span>').format(shown, historical_quotes(escape(value[lang])))

    helpers = {
        "tr": tr,
        "lang": lang,
        "langs": words.languages.codes,
        "t": lambda key: words.ui(key, lang),
        "term": lambda cid: words.glossary.label(cid, lang),
        "chapter_title": lambda roman, edition: words.glossary.chapter_title(roman, edition, lang),
        "date": lambda d, form="long": format_date(d, lang, form),
        "country": lambda code: country_name(code, lang),
        "number": lambda n, digits=0: format_decimal(round(n, digits), locale=lang),
        "lang_name": words.languages.self_name,
        "cap": lambda text: text[:1].upper() + text[1:],  # a glossary label opening a heading or cell
        "percent": lambda value: format_percent(value / 100, locale=lang),
        "count": lambda key, n: plural(words.ui(key, lang), n, lang),  # "5 months" from a ui key with plural forms
    }
    return _environment(folder).get_template(template).render(**{**helpers, **context})
