"""The NCP speaks as itself: no data text and no page made from the data narrates what a source says or
does not say ("according to the peer review", "not known", «бізге белгісіз»). Facts are stated, sources
are cited on a "Source:" line, and what is not known is left out."""

from __future__ import annotations

import html
import inspect
import re

import pytest
from builders import LANGS, REPO, load, strings_of

from ncp_site.core.kind import PageContext
from ncp_site.kinds.cases.pages import REGISTER_SECTIONS

NARRATION = {
    "en": ("according to the", "not known", "know of no", "does not give", "not given by", "not reported",
           "named in the", "the source does not", "review says", "the review notes", "address is not known",
           "not stated"),
    "ru": ("по данным взаимной оценки", "согласно взаимной оценке", "нам не извест", "неизвест", "не сообщал",
           "в источнике", "названный во взаимной оценке", "не указан"),
    "kk": ("бізге белгісіз", "белгісіз", "хабарланбаған", "көрсетілмеген", "дереккөзде көрсетілмеген",
           "дереккөзде күні", "өзара бағалауы бойынша", "өзара бағалауына сәйкес", "бағалауында аталған",
           "бағалауында аталмаған"),
}
"""What narrates a source in each language (lower case): the reviewers' list, and its inflected forms."""
TRANSLATORS_ONLY = {"glossary_page", "term"}
"""Macros of the translators' pages (the full glossary, with review states), not pages for visitors."""


def narration(text: str, lang: str) -> list[str]:
    folded = " ".join(text.lower().split())
    return [phrase for phrase in NARRATION[lang] if phrase in folded]


def visible(fragment: str) -> str:
    """The text a visitor reads in a fragment: no tags, attributes or HTML comments."""
    return html.unescape(re.sub(r"<!--.*?-->|<[^>]+>", " ", fragment, flags=re.DOTALL))


@pytest.fixture(scope="module")
def project():
    project = load(REPO)
    assert project.ok, project.errors
    return project


def test_the_list_catches_what_the_reviewers_found():
    """The rule is not empty: the wordings the review quoted are caught in their own language."""
    assert narration("According to the OECD peer review, the NCP reports every year.", "en")
    assert narration("An English version exists, but its address is not known.", "en")
    assert narration("Адрес документа нам не известен.", "ru")
    assert narration("Қазақ тіліндегі нұсқасы бізге белгісіз.", "kk")
    assert narration("бастапқы бағалау күні хабарланбаған", "kk")
    assert not narration("The NCP reports to the OECD every year.", "en")


def test_no_data_text_narrates_a_source(project):
    found = []
    for doc in project.sources.translatable():
        for loc, text in strings_of(doc.data):
            lang = loc[-1] if loc and loc[-1] in NARRATION else None
            if lang and narration(text, lang):
                found.append(f"{doc.path}:{doc.line(loc)} ({lang}): {narration(text, lang)} in {text[:80]!r}")
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
            yield from ((name, macro, (c.id,)) for c in project.members.compositions)
        elif name == "cases_register":
            yield from ((name, macro, (section,)) for section in REGISTER_SECTIONS)
        elif name == "event_link":
            yield from ((name, macro, (e.id,)) for e in project.events)
        else:
            raise AssertionError(f"the test does not know what to pass to the macro {name}{inspect.signature(macro)}")


@pytest.mark.parametrize("lang", LANGS)
def test_no_generated_page_or_list_narrates_a_source(project, lang):
    found = []
    for kind in project.kinds:
        for generated in kind.pages(project) if kind.pages else []:
            page = generated.render(lang)
            found += [f"{page.src_uri}: {p}" for p in narration(visible(page.markdown), lang)]
    prefix = project.config.languages.prefix(lang)
    for name, macro, args in _macro_calls(project):
        text = visible(macro(project, PageContext(lang, f"{prefix}page/"), *args))
        found += [f"macro {name}{args}: {p}" for p in narration(text, lang)]
    assert not found, "\n".join(found)
