"""The NCP speaks as itself in its data too: no text of the data and no page or list made from it
narrates what a source says or leaves out (``tests/voice.py`` lists the phrases). Facts are stated,
sources are cited on a "Source:" line, and what is not known is left out."""

from __future__ import annotations

import html
import inspect
import re

import pytest
from builders import LANGS, REPO, load, strings_of
from voice import narration

from ncp_site.core.kind import PageContext
from ncp_site.kinds.cases.pages import REGISTER_SECTIONS

TRANSLATORS_ONLY = {"glossary_page", "term"}
"""Macros of the translators' pages (the full glossary, with review states), not pages for visitors."""


def visible(fragment: str) -> str:
    """The text a visitor reads in a fragment: no tags, attributes or HTML comments."""
    return " ".join(html.unescape(re.sub(r"<!--.*?-->|<[^>]+>", " ", fragment, flags=re.DOTALL)).split())


def phrases(text: str, lang: str) -> list[str]:
    return [m.group(0) for m in narration(text, lang)]


@pytest.fixture(scope="module")
def project():
    project = load(REPO)
    assert project.ok, project.errors
    return project


def test_no_data_text_narrates_a_source(project):
    """Every text of every data file (records, interface wording, glossary), at its file and line."""
    found = []
    for doc in project.sources.translatable():
        for loc, text in strings_of(doc.data):
            lang = loc[-1] if loc and loc[-1] in LANGS else None
            if lang and phrases(text, lang):
                found.append(f"{doc.path}:{doc.line(loc)} ({lang}): {phrases(text, lang)} in {text[:80]!r}")
    assert not found, "\n".join(found)


def _macro_calls(project):
    """Every macro a page may call, with each value of its extra argument that the data has."""
    for name, macro in sorted(project.macros().items()):
        if name in TRANSLATORS_ONLY:
            continue
        extra = [p for p in list(inspect.signature(macro).parameters.values())[2:] if p.default is p.empty]
        if not extra:
            yield name, macro, ()
        elif name == "composition":
            yield from ((name, macro, (c.id,)) for c in project.data.members.compositions)
        elif name == "cases_register":
            yield from ((name, macro, (section,)) for section in REGISTER_SECTIONS)
        elif name == "event_link":
            yield from ((name, macro, (e.id,)) for e in project.data.events)
        else:
            raise AssertionError(f"the test does not know what to pass to the macro {name}{inspect.signature(macro)}")


@pytest.mark.parametrize("lang", LANGS)
def test_no_generated_page_or_list_narrates_a_source(project, lang):
    """Every page a kind makes from its records and every list a page may insert, as a visitor reads it."""
    found, seen = [], 0
    for kind in project.kinds:
        for generated in kind.pages(project) if kind.pages else []:
            page = generated.render(lang)
            found += [f"{page.src_uri}: {p}" for p in phrases(visible(page.markdown), lang)]
            seen += 1
    prefix = project.config.languages.prefix(lang)
    for name, macro, args in _macro_calls(project):
        text = visible(macro(project, PageContext(lang, f"{prefix}page/"), *args))
        found += [f"macro {name}{args}: {p}" for p in phrases(text, lang)]
    assert seen > 20, "premise: the pages made from records are rendered"
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang, text", [
    ("en", "This specific instance involves a trade union, named in the OECD peer review only in English."),
    ("en", "Dates not reported"),
    ("ru", "Дата первоначальной оценки не сообщалась."),
    ("ru", "день в источнике не указан"),
    ("kk", "бастапқы бағалау күні хабарланбаған"),
    ("kk", "дереккөзде күні көрсетілмеген"),
])
def test_the_data_narrations_the_reviewers_found_are_caught(lang, text):
    assert phrases(text, lang), text
