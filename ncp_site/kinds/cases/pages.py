"""What the specific instances render: the register, the latest cases, statistics, a page per case,
and the open data file ``data/cases.json``."""

from __future__ import annotations

import json

from ...core.kind import GeneratedPage, OutputFile, Page
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from ...core.timeframes import TimeTaken, beyond_timeframe, segments, time_taken
from ...core.vocabulary import EDITIONS, GUIDELINES_2023_ADOPTED
from .model import STAGES, SpecificInstance, sector_concept
from .stats import case_statistics

render = templates_of(__file__)
OPEN_DATA = "data/cases.json"
PROCEDURE_URL = "procedures/"
"""Where the procedure's stages and indicative timeframes are explained (case pages link there)."""


def case_url(case_id: str) -> str:
    return f"cases/{case_id}/"


REGISTER_SECTIONS = ("ongoing", "closed", "supporting")


def register_section(cases: list[SpecificInstance], section: str) -> list[SpecificInstance]:
    """Newest first: ongoing and closed cases the NCP led; cases where it supported another NCP."""
    if section == "ongoing":
        return [c for c in cases if c.is_lead and not c.is_closed]
    if section == "closed":
        return [c for c in cases if c.is_lead and c.is_closed]
    if section == "supporting":
        return [c for c in cases if not c.is_lead]
    raise ValueError(f"unknown register section '{section}'; use one of {', '.join(REGISTER_SECTIONS)}")


def render_register(cases: list[SpecificInstance], words: Words, lang: str, section: str,
                    procedure=None, today=None) -> str:
    """A register section; each case past an indicative timeframe (as of ``today``) carries the marker."""
    shown = register_section(cases, section)
    beyond = {c.id for c in shown if beyond_timeframe(case_timing(c, procedure, today))}
    return render("cases_table.html", lang=lang, words=words, cases=shown, beyond=beyond,
                  show_conclusion=section == "closed", base="")


def render_latest(cases: list[SpecificInstance], words: Words, lang: str, count: int = 3) -> str:
    return render("cases_latest.html", lang=lang, words=words,
                  cases=[c for c in cases if c.is_lead][:count], base="cases/")


def render_case_page(case: SpecificInstance, words: Words, lang: str, timing: list[TimeTaken] | None = None,
                     today=None, timed: bool = False) -> str:
    """A case's page; ``timed``: the site has a procedure, so the page measures the case against it."""
    url, prefix = case_url(case.id), words.languages.prefix
    others = [other for other in words.languages if other != lang and not case.pending_until(other)]
    return render("case_page.md", lang=lang, words=words, case=case, stages=STAGES,
                  sector=lambda code: words.glossary.label(sector_concept(code), lang),
                  other_langs=others, timing=timing, today=today, timed=timed,
                  segments=segments(timing) if timing else [],
                  procedure_url=relative_url(prefix(lang) + url, prefix(lang) + PROCEDURE_URL),
                  other_urls={o: relative_url(prefix(lang) + url, prefix(o) + url) for o in others})


def chapter_rows(by_chapter: dict[str, dict[int, int]], glossary, lang: str) -> list[tuple]:
    """``(chapter, titles, cases)`` per chapter; ``titles`` holds ``(title, edition, cases)`` for each
    edition the chapter's cases fall under, with the edition named only where the editions' titles differ."""
    rows = []
    for roman, per_edition in by_chapter.items():
        differ = len({glossary.chapter_title(roman, e, lang) for e in EDITIONS}) > 1
        titles = [(glossary.chapter_title(roman, e, lang), e if differ else None, n) for e, n in per_edition.items()]
        rows.append((roman, titles if differ else titles[:1], sum(per_edition.values())))
    return rows


def case_timing(case: SpecificInstance, procedure, today) -> list[TimeTaken] | None:
    """Each stretch of the case against the procedure's indicative timeframes (``data/procedure.yml``),
    as of the build date; None when there is no procedure or the case's dates are not reported."""
    if procedure is None or case.dates.submission is None:
        return None
    return time_taken(procedure.stretches(), case.dates.model_dump(), case.is_closed, today)


def render_statistics(cases: list[SpecificInstance], words: Words, lang: str) -> str:
    stats = case_statistics(cases)

    def label(concept_id: str) -> str:
        text = words.glossary.label(concept_id, lang)
        return text[:1].upper() + text[1:]

    tables = [
        ("stats.by_sector", [(label(sector_concept(k)), n) for k, n in stats.by_sector.items()],
         stats.sector_not_reported),
        ("stats.by_submitter_type", [(label(f"submitter_{k}"), n) for k, n in stats.by_submitter_type.items()], 0),
        ("stats.by_status", [(label(f"status_{k}"), n) for k, n in stats.by_status.items()], 0),
        ("stats.by_outcome", [(label(f"outcome_{k}"), n) for k, n in stats.by_outcome.items()], 0),
        ("stats.by_year", [(str(year), n) for year, n in stats.by_year.items()], 0),
    ]
    return render("cases_statistics.html", lang=lang, words=words, stats=stats, tables=tables,
                  chapters=chapter_rows(stats.by_chapter, words.glossary, lang), adopted=GUIDELINES_2023_ADOPTED)


def case_pages(project) -> list[GeneratedPage]:
    """One page per specific instance, in every language (``cases/<id>/``)."""
    procedure = project.loaded.get("procedure")

    def page(case: SpecificInstance):
        timing = case_timing(case, procedure, project.today)
        return lambda lang: Page(f"{case_url(case.id)}index.md", lang, case.title[lang],
                                 render_case_page(case, project.words, lang, timing, project.today,
                                                  procedure is not None))
    return [GeneratedPage(f"{case_url(case.id)}index.md", page(case)) for case in project.cases]


def open_data(project) -> list[OutputFile]:
    """``data/cases.json``: every public field of every case, all languages, stable order."""
    records = [c.public_dict() for c in sorted(project.cases, key=lambda c: c.id)]
    text = json.dumps({"specific_instances": records}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return [OutputFile(OPEN_DATA, text)]


MACROS = {
    "cases_register": lambda project, page, section: render_register(
        project.cases, project.words, page.lang, section, project.loaded.get("procedure"), project.today),
    "latest_cases": lambda project, page, count=3: render_latest(project.cases, project.words, page.lang, count),
    "case_statistics": lambda project, page: render_statistics(project.cases, project.words, page.lang),
}
