"""Renders HTML/Markdown fragments from Jinja templates; Python builds no markup strings.

Each data kind keeps its templates in its own ``templates/`` folder and gets a renderer for it
(``render = templates_of(__file__)``). Templates get the page language, ``t(key)`` for interface
wording, ``term(id)`` for glossary labels, and filters for dates, numbers and countries in that
language. Every value a template prints is data text shown as text (``markup.plain_html``: HTML
and Markdown escaped, since much of this output is placed in Markdown pages), except markup the
templates build themselves and the fields a model declares Markdown (rendered and sanitised).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from .citations import CitedDocument, cite
from .formats import country_name, format_date, in_language, language_name
from .languages import Languages
from .markup import MarkdownSource, plain_html, render_markdown
from .quotations import historical_quotes
from .vocabulary import Vocabulary, Wording

if TYPE_CHECKING:
    import jinja2  # imported when a template is first loaded: `ncp check` renders none


@dataclass(frozen=True)
class Words:
    """Everything a page may say in words: glossary terms, interface strings, and the languages."""

    glossary: Vocabulary
    ui: Wording
    languages: Languages
    abbreviation_key: Callable[[str], str] | None = None
    """Markdown ``abbr`` definitions of a language (``*[OECD]: ...``), for Markdown fields."""
    documents: Mapping[str, CitedDocument] = field(default_factory=dict)
    """The documents of the site a record may cite (``core.citations``), by id."""

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
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder), jinja2.FileSystemLoader(_SHARED)]),
        autoescape=True,
        finalize=plain_html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["join"] = _join
    return env


def _join(values, separator: str = "") -> Markup:
    """Jinja's ``join`` escapes for HTML only; data text in a list must be as inert as any other."""
    return Markup(plain_html(separator)).join(plain_html(value) for value in values)


def templates_of(module_file: str) -> Callable[..., str]:
    """A ``render(template, *, lang, words, **context)`` for the ``templates/`` folder beside ``module_file``."""
    folder = str(Path(module_file).resolve().parent / "templates")
    return functools.partial(render_from, folder)


def fill(text: str, values: dict) -> str:
    """Interface wording with its ``{name}`` placeholders filled: word order differs by language ("IV тарау", "Chapter IV")."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def names(values, lang: str) -> str:
    """Names in the language's own list form (CLDR): "A және B", "A и B", "A and B"."""
    return format_list([value[lang] for value in values], locale=lang)


def render_from(folder: str, template: str, *, lang: str, words: Words, **context) -> str:
    def tr(value) -> Markup:
        """Localized text for this page; text still pending translation keeps its own ``lang``."""
        shown, text = value.language_of(lang), value[lang]
        if isinstance(text, MarkdownSource):
            key = words.abbreviation_key(shown) if words.abbreviation_key else ""
            html, wrapper = render_markdown(text, key), '<div lang="{}">{}</div>'
        else:
            html, wrapper = historical_quotes(plain_html(text)), '<span lang="{}">{}</span>'
        return html if shown == lang else Markup(wrapper).format(shown, html)

    def paragraphs(value) -> list[Markup]:
        """A longer text as paragraphs: each line break YAML kept (a blank line in the file) starts one."""
        shown = value.language_of(lang)
        parts = [historical_quotes(plain_html(part.strip())) for part in re.split(r"\n+", value[lang]) if part.strip()]
        if shown == lang:
            return parts
        return [Markup('<span lang="{}">{}</span>').format(shown, part) for part in parts]

    import jinja2

    helpers = {
        "tr": tr,
        "paragraphs": paragraphs,
        "lang": lang,
        "langs": words.languages.codes,
        "t": lambda key, **values: fill(words.ui(key, lang), values),
        "term": lambda cid: words.glossary.label(cid, lang),
        "chapter_title": lambda roman, edition: words.glossary.chapter_title(roman, edition, lang),
        "date": lambda d, form="long": format_date(d, lang, form),
        "partial_date": lambda d: d.shown(lang),  # a core.partial_dates.PartialDate
        "country": lambda code: country_name(code, lang),
        "number": lambda n, digits=0: format_decimal(round(n, digits), locale=lang),
        "lang_name": words.languages.self_name,
        "language": lambda code: language_name(code, lang),  # any language's name in the page's language
        "in_language": lambda code: in_language(code, lang),  # "ағылшын тілінде", "на английском языке", "in English"
        "cite": jinja2.pass_context(lambda ctx, source: cite(source, words.documents, lang, ctx.get("doc_href"))),
        "cap": lambda text: text[:1].upper() + text[1:],  # a glossary label opening a heading or cell
        "percent": lambda value: format_percent(value / 100, locale=lang),
        "count": lambda key, n: plural(words.ui(key, lang), n, lang),
        "names": lambda values: names(values, lang),  # organisations' names: "A және B", "A и B", "A and B"  # "5 months" from a ui key with plural forms
    }
    return _environment(folder).get_template(template).render(**{**helpers, **context})


def render_template(module_file: str, template: str, **context) -> str:
    """A template beside ``module_file`` with only ``context``: for HTML that has no Words at hand
    (the preview's error panel, shown while the data, the glossary included, may be broken)."""
    folder = str(Path(module_file).resolve().parent / "templates")
    return _environment(folder).get_template(template).render(**context)
