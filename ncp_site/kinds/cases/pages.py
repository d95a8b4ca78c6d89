"""What the specific instances render: the register, the latest cases, statistics, a page per case,
and the open data file ``data/cases.json``."""

from __future__ import annotations

import datetime as dt
from typing import get_args

from ...core import documents
from ...core.charts import bar_chart
from ...core.facets import SCRIPT, Facet, Filters, count_facets, render_filters
from ...core.formats import country_name
from ...core.kind import GeneratedPage, Macro, Page, PageContext
from ...core.languages import relative_url
from ...core.opendata import Dataset
from ...core.rendering import Words, templates_of
from ...core.timeframes import TimeTaken, beyond_timeframe, segments, time_taken
from ...core.vocabulary import EDITIONS, GUIDELINES_2023_ADOPTED, NOT_REPORTED, ROMAN
from .model import STAGES, SpecificInstance, Status, sector_concept
from .stats import case_statistics

render = templates_of(__file__)
PROCEDURE_URL = "procedures/"
"""Where the procedure's stages and indicative timeframes are explained (case pages link there)."""

FACETS = ("chapter", "status", "sector", "submitter", "year", "role", "host")
"""The register's filters, in the order shown: each is a Pagefind filter set on every case page."""
FACET_HEADINGS = {"chapter": "case.chapters", "status": "case.status", "sector": "case.sector",
                  "submitter": "register.submitter_type", "year": "register.year", "role": "case.ncp_role",
                  "host": "case.host_country"}
REGISTER = "cases"
"""The value of the ``register`` filter on every case page, so the register searches case pages only."""
NEWEST_FIRST = "submitted"
"""The Pagefind sort key of a case page: its submission date (ISO), ``0000-00-00`` when not reported."""


def case_facets(case: SpecificInstance) -> dict[str, list[str]]:
    """A case's value(s) of each filter: codes, the same in every language (and in a shared URL)."""
    submitted = case.dates.submission
    facets = {"chapter": list(dict.fromkeys(case.chapters)), "status": [case.status],
              "sector": [case.enterprise.sector], "submitter": [case.submitter.type],
              "year": [str(submitted.year)] if isinstance(submitted, dt.date) else [], "role": [case.ncp_role],
              "host": [case.host_country]}
    # nothing unknown is offered; a status kept by the lead NCP is a status of its own
    return {key: [v for v in values if v != NOT_REPORTED or key == "status"] for key, values in facets.items()}


def facet_label(words: Words, lang: str, facet: str, value: str, editions: tuple[int, ...] = ()) -> str:
    """A filter value as a visitor reads it, in the page's language, from the glossary. A chapter is titled
    as in the editions of the Guidelines its cases fall under (``editions``; the 2023 edition when none is
    known): chapter VII of a 2011-edition case is not the 2023 chapter VII."""
    if facet == "chapter":
        titles = {e: words.glossary.chapter_title(value, e, lang) for e in editions or (2023,)}
        if len(set(titles.values())) == 1:
            return f"{value}. {next(iter(titles.values()))}"
        return f"{value}. " + "; ".join(f"{title} ({edition})" for edition, title in titles.items())
    if facet == "year":
        return value
    if facet == "host":
        return country_name(value, lang)
    if facet == "sector":
        value = sector_concept(value)[len("sector_"):]
    concept = {"status": "status_", "sector": "sector_", "submitter": "submitter_", "role": "role_"}[facet]
    label = words.label(concept + value, lang)
    return label[:1].upper() + label[1:]


def register_facets(cases: list[SpecificInstance], words: Words, lang: str) -> list[Facet]:
    """Each filter with the values the cases have and how many cases have each (no filter applied)."""
    def order(key: str, values: list[str]) -> list[str]:
        if key == "chapter":
            return sorted(values, key=ROMAN.index)
        if key == "year":
            return sorted(values, reverse=True)
        if key == "status":
            return sorted(values, key=get_args(Status).index)  # the order of the procedure
        return sorted(values, key=lambda v: facet_label(words, lang, key, v).casefold())

    editions = {chapter: tuple(sorted({c.edition for c in cases if chapter in c.chapters and c.edition}))
                for chapter in {ch for c in cases for ch in c.chapters}}
    return count_facets(cases, case_facets, {key: words.ui(FACET_HEADINGS[key], lang) for key in FACETS},
                        lambda key, value: facet_label(words, lang, key, value, editions.get(value, ())), order)


EVERY_CASE_PAGE = "case.enterprise"
"""The interface text of a label on every case page (one word; a case's stages are left out when no date is
known): the register searches it when only filters are chosen, so that Pagefind fetches the part of the
index holding that word, not all of it."""


def render_register_filters(cases: list[SpecificInstance], words: Words, page: PageContext) -> str:
    filters = Filters(REGISTER, NEWEST_FIRST, words.ui(EVERY_CASE_PAGE, page.lang), "register",
                      register_facets(cases, words, page.lang), relative_url(page.url, SCRIPT))
    return render_filters(filters, words, page.lang)


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
                    procedure=None) -> str:
    """A register section; each case past an indicative timeframe (as of its confirmed status) carries the marker."""
    shown = register_section(cases, section)
    beyond = {c.id for c in shown if beyond_timeframe(case_timing(c, procedure))}
    return render("cases_table.html", lang=lang, words=words, cases=shown, beyond=beyond,
                  show_conclusion=section == "closed", base="")


def render_latest(cases: list[SpecificInstance], words: Words, lang: str, count: int = 3) -> str:
    return render("cases_latest.html", lang=lang, words=words,
                  cases=[c for c in cases if c.is_lead][:count], base="cases/")


CURRENT_STAGE = {"under_initial_assessment": "stage_initial_assessment", "good_offices": "good_offices",
                 "follow_up": "stage_follow_up"}
"""The stage an ongoing case is in, by its status (a glossary concept): the key facts' "current stage"."""


def render_case_page(case: SpecificInstance, words: Words, lang: str, timing: list[TimeTaken] | None = None,
                     timed: bool = False) -> str:
    """A case's page; ``timed``: the site has a procedure, so the page measures the case against it."""
    url, prefix = case_url(case.id), words.languages.prefix
    others = [other for other in words.languages if other != lang and not case.pending_until(other)]
    stage = CURRENT_STAGE.get(case.status)
    current = words.glossary.label(stage, lang) if stage and words.glossary.has(stage) else None
    timing = [row for row in timing if row.state != "unknown"] if timing else None  # a stretch not measurable is left out
    return render("case_page.md", lang=lang, words=words, case=case, current_stage=current,
                  stages=[s for s in STAGES if case.stage_state(s) != NOT_REPORTED],  # a date not known is not shown
                  sector=lambda code: words.glossary.label(sector_concept(code), lang),
                  other_langs=others, timing=timing, as_of=measured_to(case), timed=timed and bool(timing),
                  segments=segments(timing) if timing else [],
                  procedure_url=relative_url(prefix(lang) + url, prefix(lang) + PROCEDURE_URL),
                  facets=case_facets(case), register=REGISTER, sort=NEWEST_FIRST,
                  doc_href=lambda value: documents.href(value, prefix(lang) + url, words.languages),
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


def measured_to(case: SpecificInstance) -> dt.date | None:
    """The day an open case's stages are measured up to: its status's last confirmed day (None once closed)."""
    return None if case.is_closed else case.status_as_of


def case_timing(case: SpecificInstance, procedure) -> list[TimeTaken] | None:
    """Each stretch of the case against the procedure's indicative timeframes (``data/procedure.yml``),
    up to the day its status was last confirmed, whatever the build date; None when there is no
    procedure or the case's dates are not reported."""
    if procedure is None or case.dates.submission is None:
        return None
    return time_taken(procedure.stretches(), case.dates.model_dump(), case.is_closed, measured_to(case))


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
    chapters = chapter_rows(stats.by_chapter, words.glossary, lang)
    ui = lambda key: words.ui(key, lang)
    charts = {"stats-by-chapter": bar_chart("stats-by-chapter-chart", ui("stats.by_chapter"),
                                            [(ui("case.chapter_n").replace("{n}", roman), n) for roman, _, n in chapters])}
    for caption, rows, unreported in tables:
        table_id = caption.replace(".", "-").replace("_", "-")
        shown = rows + ([(ui("stats.no_sector"), unreported)] if unreported else [])
        charts[table_id] = bar_chart(f"{table_id}-chart", ui(caption), shown)
    return render("cases_statistics.html", lang=lang, words=words, stats=stats, tables=tables, charts=charts,
                  chapters=chapters, adopted=GUIDELINES_2023_ADOPTED)


def case_pages(project) -> list[GeneratedPage]:
    """One page per specific instance, in every language (``cases/<id>/``)."""
    procedure = project.data.procedure

    def page(case: SpecificInstance):
        timing = case_timing(case, procedure)
        return lambda lang: Page(f"{case_url(case.id)}index.md", lang, case.title[lang],
                                 render_case_page(case, project.words, lang, timing, procedure is not None))
    return [GeneratedPage(f"{case_url(case.id)}index.md", page(case)) for case in project.data.cases]


def record_pages(project) -> dict[str, SpecificInstance]:
    """Each case's page, made from that case (and the procedure)."""
    return {f"{case_url(case.id)}index.md": case for case in project.data.cases}


FIELD_LABELS = {
    "oecd_id": "case.oecd_database", "title": "case.title", "enterprise.organisation": "case.enterprise",
    "enterprise.sector": "case.sector", "enterprise.home_country": "case.home_country",
    "submitter.type": "register.submitter_type", "submitter.name": "case.submitter", "submitter.organisation": "case.submitter", "host_country": "case.host_country",
    "ncp_role": "case.ncp_role", "lead_ncp": "case.lead_ncp", "supporting_ncps": "case.supporting_ncps",
    "chapters": "case.chapters", "guidelines_edition": "case.edition", "keywords": "case.keywords",
    "status": "case.status", "outcome": "case.outcome", "statements": "case.statements",
    "oecd_url": "case.oecd_database", "sources": "citation.sources",
    **{f"dates.{stage}": f"glossary:stage_{stage}" for stage in STAGES},
}
"""The label each open-data field has on the case pages: a ui key, or ``glossary:`` and a concept."""


def field_labels(words: Words, labels: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each field's label on the pages, in every language (a glossary term capitalised, as it heads a row)."""
    def label(key: str, lang: str) -> str:
        if key.startswith("glossary:"):
            text = words.label(key.removeprefix("glossary:"), lang)
            return text[:1].upper() + text[1:]
        return words.ui(key, lang)
    return {name: {lang: label(key, lang) for lang in words.languages} for name, key in labels.items()}


def open_dataset(project) -> Dataset:
    """``data/cases.json``, ``.csv`` and ``.schema.json``: every public field of every case, all languages, stable order (a withheld name is never stored)."""
    records = [c.public_dict() for c in sorted(project.data.cases, key=lambda c: c.id)]
    return Dataset("cases", "specific_instances", SpecificInstance, records,
                   extra={"oecd_url": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Oecd Url"}},
                   labels=field_labels(project.words, FIELD_LABELS))


MACROS: dict[str, Macro] = {
    "cases_register": lambda project, page, section: render_register(
        project.data.cases, project.words, page.lang, section, project.data.procedure),
    "latest_cases": lambda project, page, count=3: render_latest(project.data.cases, project.words, page.lang, count),
    "case_statistics": lambda project, page: render_statistics(project.data.cases, project.words, page.lang),
    "cases_register_filters": lambda project, page: render_register_filters(project.data.cases, project.words, page),
}
