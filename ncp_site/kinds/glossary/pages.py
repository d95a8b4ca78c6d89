"""What the glossary renders: a term in running text, the visitors' terms page and the translators' glossary."""

from __future__ import annotations

from ...core.kind import PageContext
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from .model import CATEGORIES, Glossary

render = templates_of(__file__)

TERMS_PAGE = "terms/"
"""Where visitors read the terms, in each language (``docs/terms/index.<lang>.md``): every term link leads there."""
PUBLIC_CATEGORIES = tuple(c for c in CATEGORIES if c != "review_status")
"""The categories the terms page shows: the review states are the translators' words, not the visitors'."""
COMPACT_CATEGORIES = ("sector",)
"""Sections of one classification: their definitions say the same but for a letter, so the terms page lists
their names only, under one note naming the classification (``terms.note.<category>`` in data/ui.yml)."""


def render_term(words: Words, concept_id: str, lang: str, page_url: str,
                form: str | None = None, cap: bool = False) -> str:
    """A glossary term in running text, linked to its entry on the terms page, its definition as the tooltip."""
    glossary: Glossary = words.glossary  # type: ignore[assignment]  # the Vocabulary is this kind's Glossary
    text = glossary.spelling(concept_id, lang, form)
    href = relative_url(page_url or "", words.languages.prefix(lang) + TERMS_PAGE) + "#" + concept_id
    return render("term_link.html", lang=lang, words=words, href=href,
                  text=text[:1].upper() + text[1:] if cap else text,
                  definition=glossary.definition(concept_id, lang)).strip()


def render_terms_page(glossary: Glossary, words: Words, lang: str) -> str:
    """The visitors' terms: each term with its definition and its name in the other languages, by
    category; no review states, variants or sources (those are the translators', under ``translators/``)."""
    categories = [(cat, glossary.of_category(cat)) for cat in PUBLIC_CATEGORIES]
    return render("terms_page.md", lang=lang, words=words, compact=COMPACT_CATEGORIES,
                  categories=[(cat, concepts) for cat, concepts in categories if concepts])


def render_glossary_page(glossary: Glossary, words: Words, lang: str) -> str:
    """Every concept by category, for translators: the languages side by side, definitions, variants, review."""
    categories = [(cat, glossary.of_category(cat)) for cat in CATEGORIES]
    return render("glossary_page.md", lang=lang, words=words,
                  categories=[(cat, concepts) for cat, concepts in categories if concepts])


def term_macro(project, page: PageContext, concept_id, form=None, cap=False) -> str:
    """``{{ term('specific_instance') }}``: the glossary term in the page's language, linked to its entry."""
    return render_term(project.words, concept_id, page.lang, page.url, form, cap)


def glossary_page_macro(project, page: PageContext) -> str:
    return render_glossary_page(project.data.glossary, project.words, page.lang)


def terms_page_macro(project, page: PageContext) -> str:
    return render_terms_page(project.data.glossary, project.words, page.lang)
