"""The NCP speaks as itself: its pages state facts and cite their sources in a last "Source:" line; they
never narrate what a source says or leaves out ("according to the peer review", "not known",
«бізге белгісіз», «нам не известен»).

Translators' pages (``translators/``, ``translation-status/``, ``glossary/``) quote sources on purpose and
are left out. The pages written by hand are checked in their Markdown (a problem is reported at its
line); the built pages are checked as a visitor reads them, data included.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from voice import narration

from ncp_site.core.quotations import line_at, split_quotations

LANGS = ("kk", "ru", "en")
FOR_TRANSLATORS = ("glossary", "translation-status", "translators")

SOURCE_LINE = {"kk": ("Дереккөз:", "Дереккөздер:"), "ru": ("Источник:", "Источники:"),
               "en": ("Source:", "Sources:")}


@pytest.mark.parametrize("lang, text", [
    ("en", "According to the 2024 peer review, the NCP has handled seven specific instances."),
    ("en", "According to the OECD peer review the code does not yet use the new terms."),
    ("en", "No Kazakh translation of the Guidelines is known to us."),
    ("en", "We know of no English version."),
    ("en", "An English version exists, but its address is not known."),
    ("en", "Each entry says when (where this is known) it was published."),
    ("en", "Date: not given by the source."),
    ("en", "The review does not give their dates."),
    ("en", "The review mentions an address but does not quote it."),
    ("en", "This page describes the procedures as the 2024 OECD peer review reports them."),
    ("ru", "По данным взаимной оценки 2024 года, НКП рассмотрел семь конкретных случаев."),
    ("ru", "Перевод на казахский язык нам не известен."),
    ("ru", "Версии с неизвестным адресом: English."),
    ("ru", "Их даты в оценке не приводятся."),
    ("ru", "Число участников, если оно известно."),
    ("ru", "Дата проведения не сообщается."),
    ("kk", "ЭЫДҰ-ның өзара бағалауына сәйкес, ҰБО жеті нақты жағдайды қарады."),
    ("kk", "Өзара бағалаудың деректері бойынша ҰБО тәртібін жаңартып жатқан еді."),
    ("kk", "Қазақ тіліндегі нұсқасы бізге белгісіз."),
    ("kk", "Күні: дереккөзде көрсетілмеген."),
    ("kk", "Белгілі болса, қатысушылар саны көрсетілген."),
    ("kk", "Мекенжайы белгісіз нұсқалары: English."),
])
def test_the_patterns_catch_narration(lang, text):
    assert narration(text, lang), text


@pytest.mark.parametrize("lang, text", [
    ("en", "The NCP has handled seven specific instances since 2021."),
    ("en", "The 2024 peer review recommended including trade unions among the main members."),
    ("en", "The Secretariat processes each submission according to the case-handling procedures."),
    ("en", "The NCP does not consider submissions whose author cannot be identified."),
    ("ru", "Показатели выполнения рассчитываются по данным о статусах."),
    ("ru", "Взаимная оценка 2024 года рекомендовала включить профсоюзы в состав НКП."),
    ("ru", "НКП не рассматривает заявки, автора которых невозможно установить."),
    ("kk", "ҰБО авторы белгісіз өтінімдерді қарамайды."),
    ("kk", "2024 жылғы өзара бағалау кәсіподақтарды құрамға енгізуді ұсынды."),
    ("kk", "Әр ұсынымның орындалу мәртебесі бағалау бетінде көрсетілген."),
])
def test_the_patterns_spare_plain_statements(lang, text):
    assert not narration(text, lang), [m.group(0) for m in narration(text, lang)]


def pages_written_by_hand(root: Path, lang: str) -> list[Path]:
    """The public pages' Markdown in one language (``docs/<page>/index.<lang>.md``) of the project at ``root``."""
    docs = root / "docs"
    return sorted(p for p in docs.rglob(f"index.{lang}.md")
                  if p.relative_to(docs).parts[0] not in FOR_TRANSLATORS)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_written_by_hand_state_facts_and_cite_sources(project_root, lang):
    """Macro calls, link targets, comments and historical quotations are not the page's own words."""
    pages = pages_written_by_hand(project_root, lang)
    assert len(pages) > 10, "premise: the hand-written pages are found"
    problems = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        prose, _ = split_quotations(text)
        problems += [f"{path.relative_to(project_root)}:{line_at(text, m.start())}: «{m.group(0)}»"
                     for m in narration(prose, lang)]
    assert problems == [], "narration of a source -- state the fact, cite the source in a last Source: line:\n" \
                           + "\n".join(problems)


def built_path(root: Path, markdown: Path) -> str:
    """The site path of a hand-written page of the project at ``root`` (``about/``; the home page is ``""``)."""
    page = markdown.parent.relative_to(root / "docs").as_posix()
    return "" if page == "." else page + "/"


def article(page_html: str) -> str:
    """The page's own content (Material's article, without the theme around it)."""
    start = page_html.index("<div data-pagefind-body>")
    return page_html[start:page_html.index("</article>", start)]


def visible_text(fragment: str) -> str:
    fragment = re.sub(r"<!--.*?-->", " ", fragment, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def pages_made_from_records(root: Path) -> list[str]:
    """The site paths of the pages the data kinds generate (a case's, an event's, a document's...)."""
    from builders import load
    project = load(root)
    return sorted(generated.src_uri.removesuffix("index.md") for kind in project.kinds if kind.pages
                  for generated in kind.pages(project))


@pytest.mark.parametrize("lang", LANGS)
def test_public_pages_speak_as_the_ncp(site, project_root, lang):
    """Every public page as a visitor reads it: the hand-written ones with the data they show, and every
    page made from a record."""
    pages = ([built_path(project_root, markdown) for markdown in pages_written_by_hand(project_root, lang)]
             + pages_made_from_records(project_root))
    assert len(pages) > 30, "premise: the pages made from records are found"
    problems = []
    for page in pages:
        text = visible_text(article(site.html(lang, page)))
        problems += [f"{page or '/'} ({lang}): «{text[max(0, m.start() - 40):m.end() + 20]}»"
                     for m in narration(text, lang)]
    assert problems == [], "\n".join(problems)


SOURCE_PARAGRAPH = re.compile(r'<p class="ncp-source">(.*?)</p>', re.DOTALL)


@pytest.mark.parametrize("lang", LANGS)
def test_a_source_line_closes_the_page_in_every_language(site, project_root, lang):
    """Where a page cites its sources, the cited line is its last paragraph, labelled in the page's language
    and classed for styling, and the page's other language versions cite theirs too."""
    with_source = set()
    for markdown in pages_written_by_hand(project_root, lang):
        page = built_path(project_root, markdown)
        body = article(site.html(lang, page))
        found = SOURCE_PARAGRAPH.findall(body)
        if not found:
            continue
        with_source.add(page)
        assert len(found) == 1, f"{page} ({lang}): one Source line per page"
        assert visible_text(found[0]).startswith(SOURCE_LINE[lang]), f"{page} ({lang}): {visible_text(found[0])}"
        after = body[body.index('<p class="ncp-source">'):]
        after = after[after.index("</p>") + len("</p>"):]
        assert visible_text(after) == "", f"{page} ({lang}): the Source line is followed by «{visible_text(after)}»"
    assert with_source, "premise: pages that rely on a source cite it"
    for other in LANGS:
        cited = {built_path(project_root, m) for m in pages_written_by_hand(project_root, other)
                 if '<p class="ncp-source">' in article(site.html(other, built_path(project_root, m)))}
        assert cited == with_source, f"pages citing their sources differ between {lang} and {other}"
