"""What the glossary renders: a term in running text, and the glossary page."""

from __future__ import annotations

from ...core.kind import PageContext
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from .model import CATEGORIES, Glossary

render = templates_of(__file__)

GLOSSARY_PAGE = "glossary/"
"""Where the glossary page lives in each language (``docs/glossary/index.<lang>.md``)."""


def render_term(words: Words, concept_id: str, lang: str, page_url: str,
                form: str | None = None, cap: bool = False) -> str:
    """A glossary term in running text, linked to its entry, its definition as the tooltip."""
    glossary: Glossary = words.glossary
    text = glossary.spelling(concept_id, lang, form)
    href = relative_url(page_url or "", words.languages.prefix(lang) + GLOSSARY_PAGE) + "#" + concept_id
    return render("term_link.html", lang=lang, words=words, href=href,
                  text=text[:1].upper() + text[1:] if cap else text,
                  definition=glossary.definition(concept_id, lang)).strip()


def render_glossary_page(glossary: Glossary, words: Words, lang: str) -> str:
    """Every concept by category: the languages side by side, definitions, variants, review."""
    categories = [(cat, glossary.of_category(cat)) for cat in CATEGORIES]
    return render("glossary_page.md", lang=lang, words=words,
                  categories=[(cat, concepts) for cat, concepts in categories if concepts])


def term_macro(project, page: PageContext, concept_id, form=None, cap=False) -> str:
    """``{{ term('specific_instance') }}``: the glossary term in the page's language, linked to its entry."""
    return render_term(project.words, concept_id, page.lang, page.url, form, cap)


def glossary_page_macro(project, page: PageContext) -> str:
    return render_glossary_page(project.glossary, project.words, page.lang)
