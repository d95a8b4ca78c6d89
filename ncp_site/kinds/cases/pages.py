"""What the specific instances render: the register, the latest cases, statistics, a page per case,
and the open data file ``data/cases.json``."""

from __future__ import annotations

import json

from ...core.kind import GeneratedPage, OutputFile, Page
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from ...core.timeframes import TimeTaken, time_taken
from .model import STAGES, SpecificInstance
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


def render_register(cases: list[SpecificInstance], words: Words, lang: str, section: str) -> str:
    return render("cases_table.html", lang=lang, words=words, cases=register_section(cases, section),
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
                  other_langs=others, timing=timing, today=today, timed=timed,
                  procedure_url=relative_url(prefix(lang) + url, prefix(lang) + PROCEDURE_URL),
                  other_urls={o: relative_url(prefix(lang) + url, prefix(o) + url) for o in others})


def case_timing(case: SpecificInstance, procedure, today) -> list[TimeTaken] | None:
    """Each stretch of the case against the procedure's indicative timeframes (``data/procedure.yml``),
    as of the build date; None when there is no procedure or the case's dates are not reported."""
    if procedure is None or case.dates.submission is None:
        return None
    return time_taken(procedure.stretches(), case.dates.model_dump(), case.is_closed, today)


def render_statistics(cases: list[SpecificInstance], words: Words, lang: str) -> str:
    stats = case_statistics(cases)

    def label(concept_id: str, lang: str) -> str:
        text = words.glossary.label(concept_id, lang)
        return text[:1].upper() + text[1:]

    chapter = words.ui("case.chapter", lang)
    tables = [
        ("stats.by_chapter", [(f"{words.glossary.chapter_title(ch, 2023, lang)} ({chapter} {ch})", n)
                              for ch, n in stats.by_chapter.items()]),
        ("stats.by_sector", [(label(f"sector_{k}", lang), n) for k, n in stats.by_sector.items()]),
        ("stats.by_submitter_type", [(label(f"submitter_{k}", lang), n) for k, n in stats.by_submitter_type.items()]),
        ("stats.by_status", [(label(f"status_{k}", lang), n) for k, n in stats.by_status.items()]),
        ("stats.by_outcome", [(label(f"outcome_{k}", lang), n) for k, n in stats.by_outcome.items()]),
        ("stats.by_year", [(str(year), n) for year, n in stats.by_year.items()]),
    ]
    return render("cases_statistics.html", lang=lang, words=words, stats=stats, tables=tables)


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
    "cases_register": lambda project, page, section: render_register(project.cases, project.words, page.lang, section),
    "latest_cases": lambda project, page, count=3: render_latest(project.cases, project.words, page.lang, count),
    "case_statistics": lambda project, page: render_statistics(project.cases, project.words, page.lang),
}
