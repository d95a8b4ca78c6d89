"""Renders HTML/Markdown fragments from the Jinja templates in ``ncp_site/templates``.

Templates get the page language, ``t(key)`` for interface wording, ``term(id)`` for glossary
terms, and filters for dates, numbers and countries in that language.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape
from babel.numbers import format_decimal, format_percent

from .glossary import Glossary
from .i18n import LANG_SELF_NAMES, Localized, country_name, format_date
from .ui import UiText
from .terminology import historical_quotes


@dataclass(frozen=True)
class Words:
    """Everything a page may say in words: glossary terms and interface strings."""

    glossary: Glossary
    ui: UiText


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("ncp_site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, *, lang: str, words: Words, **context) -> str:
    env = _environment()

    def tr(value: Localized) -> Markup:
        """Localized text for this page; text still pending translation keeps its own ``lang``."""
        shown = value.language_of(lang)
        if shown == lang:
            return historical_quotes(escape(value[lang]))
        return Markup('<span lang="{}">{}</span>').format(shown, historical_quotes(escape(value[lang])))

    helpers = {
        "tr": tr,
        "lang": lang,
        "t": lambda key: words.ui(key, lang),
        "term": lambda cid: words.glossary.label(cid, lang),
        "chapter_title": lambda roman, edition: words.glossary.chapter_title(roman, edition, lang),
        "date": lambda d, form="long": format_date(d, lang, form),
        "country": lambda code: country_name(code, lang),
        "number": lambda n, digits=0: format_decimal(round(n, digits), locale=lang),
        "lang_name": lambda code: LANG_SELF_NAMES[code],
        "cap": lambda text: text[:1].upper() + text[1:],  # a glossary label opening a heading or cell
        "percent": lambda value: format_percent(value / 100, locale=lang),
    }
    return env.get_template(template).render(**helpers, **context)
