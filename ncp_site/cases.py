"""Specific instances: the typed record, its loading and validation, and what it renders."""

from __future__ import annotations

import datetime as dt
import statistics as pystats
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .errors import DataError
from .glossary import ROMAN, Glossary
from .i18n import LANGS, Localized, LocalizedList, Name, Strict, is_country, lang_prefix, relative_url
from .render import Words, render
from .validation import validate
from .yamlsrc import YamlDoc, load_record_file, yaml_files

GUIDELINES_2023_ADOPTED = dt.date(2023, 6, 8)
OECD_DATABASE_URL = "https://mneguidelines.oecd.org/database/instances/{}.htm"

SubmitterType = Literal["individual", "trade_union", "ngo", "enterprise", "other"]
Status = Literal["under_initial_assessment", "not_accepted", "good_offices", "concluded",
                 "follow_up", "withdrawn", "not_reported"]
Outcome = Literal["not_accepted", "agreement", "no_agreement", "withdrawn", "enterprise_declined"]
Sector = Literal["manufacturing", "finance", "telecommunications", "retail", "healthcare", "mining",
                 "energy", "transport", "construction", "agriculture", "automotive", "other"]
Chapter = Literal[ROMAN]  # type: ignore[valid-type]
StatementKind = Literal["initial_assessment", "final_statement", "follow_up_statement"]
STAGES = ("submission", "initial_assessment", "conclusion", "follow_up")
ONGOING = ("under_initial_assessment", "good_offices", "follow_up")
CLOSED = ("not_accepted", "concluded", "withdrawn")


def _country(code: str) -> str:
    if not is_country(code):
        raise ValueError(f"'{code}' is not a country code -- use a two-letter ISO 3166 code such as KZ, FR or DK")
    return code.upper()


Country = Annotated[str, AfterValidator(_country)]


class Enterprise(Strict):
    name: Name
    sector: Sector
    home_country: Country


class Submitter(Strict):
    type: SubmitterType
    withheld: bool = False
    name: Name | None = None


class StageDates(Strict):
    submission: dt.date | None = None
    initial_assessment: dt.date | None = None
    conclusion: dt.date | None = None
    follow_up: dt.date | None = None


class Documents(Strict):
    """A statement's document per language; only the languages in which it exists."""

    kk: str | None = None
    ru: str | None = None
    en: str | None = None

    def available(self) -> dict[str, str]:
        return {lang: getattr(self, lang) for lang in LANGS if getattr(self, lang)}


class Statement(Strict):
    kind: StatementKind
    date: dt.date
    documents: Documents


class SpecificInstance(Strict):
    id: str = Field(pattern=r"^[a-z]{2}[a-z0-9-]*$")
    oecd_id: str | None = Field(default=None, pattern=r"^[a-z]{2}\d{4}$")
    title: Localized
    enterprise: Enterprise
    submitter: Submitter
    host_country: Country
    ncp_role: Literal["lead", "supporting"]
    lead_ncp: Country
    supporting_ncps: list[Country] = []
    chapters: list[Chapter] = []
    guidelines_edition: Literal[2011, 2023] | None = None
    keywords: LocalizedList
    dates: StageDates
    status: Status
    outcome: Outcome | None = None
    outcome_note: Localized | None = None
    summary: Localized
    statements: list[Statement] = []

    @property
    def edition(self) -> int:
        """The Guidelines edition that applies: stated, or derived from the submission date."""
        if self.guidelines_edition:
            return self.guidelines_edition
        submitted = self.dates.submission
        return 2023 if submitted and submitted >= GUIDELINES_2023_ADOPTED else 2011

    @property
    def is_lead(self) -> bool:
        return self.ncp_role == "lead"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def duration_days(self) -> int | None:
        if self.is_closed and self.dates.submission and self.dates.conclusion:
            return (self.dates.conclusion - self.dates.submission).days
        return None

    @property
    def oecd_url(self) -> str | None:
        return OECD_DATABASE_URL.format(self.oecd_id) if self.oecd_id else None

    @property
    def sort_key(self):
        return (self.dates.submission or dt.date.min, self.id)

    def public_dict(self) -> dict:
        """Every public field, for the open-data export (a withheld name is never stored)."""
        data = self.model_dump(mode="json")
        data["guidelines_edition"] = self.edition
        data["oecd_url"] = self.oecd_url
        return data


# --- loading and validation -------------------------------------------------------------

def load_cases(folder: Path, root: Path | None = None) -> tuple[list[SpecificInstance], list[DataError]]:
    cases: list[SpecificInstance] = []
    errors: list[DataError] = []
    seen: dict[str, str] = {}
    for path in yaml_files(folder):
        doc, errs = load_record_file(path, root, "data/cases/kz0003.yml")
        errors += errs
        if doc is None:
            continue
        errors += _withheld_name_errors(doc)
        case, errs = validate(SpecificInstance, doc.data, doc)
        errors += errs
        if case is None:
            continue
        errors += _record_errors(case, doc, path)
        if case.id in seen:
            errors.append(doc.error(("id",), f"'{case.id}' is already the id of {seen[case.id]}",
                                    "give each specific instance its own id"))
            continue
        seen[case.id] = f"{doc.path}:{doc.line(('id',))}"
        cases.append(case)
    cases.sort(key=lambda c: c.sort_key, reverse=True)
    return cases, errors


def _withheld_name_errors(doc: YamlDoc) -> list[DataError]:
    """A withheld name must not exist in a public repository at all, so it is checked on the raw data."""
    submitter = doc.data.get("submitter")
    if isinstance(submitter, dict) and submitter.get("withheld") is True and submitter.get("name"):
        return [doc.error(("submitter", "name"), "the submitter is withheld but the name is in the file",
                          "delete the name line: a withheld name must not be stored in the repository "
                          "(ask a maintainer to remove it from the git history too)")]
    return []


def _record_errors(case: SpecificInstance, doc: YamlDoc, path: Path) -> list[DataError]:
    errors = []
    if path.stem != case.id:
        errors.append(doc.error(("id",), f"'{case.id}' differs from the file name '{path.name}'",
                                f"rename the file to {case.id}.yml or change the id"))
    if not case.submitter.withheld and case.submitter.name is None:
        errors.append(doc.error(("submitter",), "has no name and is not withheld",
                                "add 'name: ...' or 'withheld: true'"))
    present = [(stage, getattr(case.dates, stage)) for stage in STAGES if getattr(case.dates, stage)]
    for (before, d1), (after, d2) in zip(present, present[1:]):
        if d2 < d1:
            errors.append(doc.error(("dates", after), f"{after} ({d2}) is before {before} ({d1})",
                                    f"check both dates: {after} cannot come before {before}"))
    if not case.chapters and case.status != "not_reported":
        errors.append(doc.error(("chapters",), "lists no chapter",
                                "add the chapters of the Guidelines the specific instance raises, e.g. [IV, V]"))
    if case.dates.submission is None and case.status != "not_reported":
        errors.append(doc.error(("dates", "submission"), "is missing",
                                "add the date the specific instance was submitted (YYYY-MM-DD)"))
    for i, statement in enumerate(case.statements):
        if case.dates.submission and statement.date < case.dates.submission:
            errors.append(doc.error(("statements", i, "date"),
                                    f"{statement.date} is before the submission ({case.dates.submission})",
                                    "check the statement date"))
        if not statement.documents.available():
            errors.append(doc.error(("statements", i, "documents"), "lists no document",
                                    "add the document of at least one language (kk:, ru: or en:)"))
    if case.is_closed and case.outcome is None:
        errors.append(doc.error(("outcome",), f"a case with status {case.status} needs an outcome",
                                "add 'outcome:' (not_accepted, agreement, no_agreement, withdrawn, enterprise_declined)"))
    if case.is_closed and case.dates.conclusion is None:
        errors.append(doc.error(("dates", "conclusion"), f"a case with status {case.status} needs a conclusion date",
                                "add dates.conclusion (YYYY-MM-DD)"))
    if case.status in ("under_initial_assessment", "good_offices") and case.outcome is not None:
        errors.append(doc.error(("outcome",), f"an ongoing case ({case.status}) cannot have an outcome yet",
                                "remove the outcome or update the status"))
    if case.is_lead and case.lead_ncp != "KZ":
        errors.append(doc.error(("lead_ncp",), f"ncp_role is lead but lead_ncp is {case.lead_ncp}",
                                "set lead_ncp: KZ, or ncp_role: supporting"))
    if not case.is_lead and "KZ" not in case.supporting_ncps:
        errors.append(doc.error(("supporting_ncps",), "ncp_role is supporting but KZ is not listed",
                                "add KZ to supporting_ncps"))
    return errors


def vocabulary_errors(glossary: Glossary) -> list[DataError]:
    """Every code a case may use must have its label in the glossary (the one source of terms)."""
    needed = {
        "status": [f"status_{s}" for s in Status.__args__],
        "outcome": [f"outcome_{o}" for o in Outcome.__args__],
        "submitter.type": [f"submitter_{t}" for t in SubmitterType.__args__],
        "enterprise.sector": [f"sector_{s}" for s in Sector.__args__],
        "statements.kind": [f"statement_{k}" for k in StatementKind.__args__],
        "dates": [f"stage_{s}" for s in STAGES],
        "ncp_role": ["role_lead", "role_supporting"],
    }
    return [DataError(glossary.path, 1, "concepts", f"no concept '{cid}' (the label of a {field} code)",
                      f"add a concept with id {cid} to the glossary")
            for field, ids in needed.items() for cid in ids if not glossary.has(cid)]


# --- statistics -------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseStatistics:
    """Figures about the cases the Kazakhstan NCP led, computed from the records."""

    total: int
    by_chapter: dict[str, int]
    by_sector: dict[str, int]
    by_submitter_type: dict[str, int]
    by_status: dict[str, int]
    by_outcome: dict[str, int]
    by_year: dict[int, int]
    closed: int
    mean_days: float | None
    median_days: float | None


def case_statistics(cases: list[SpecificInstance]) -> CaseStatistics:
    lead = [c for c in cases if c.is_lead]
    chapters = Counter(ch for c in lead for ch in dict.fromkeys(c.chapters))
    durations = [c.duration_days for c in lead if c.duration_days is not None]

    def ordered(counter: Counter) -> dict:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))))

    return CaseStatistics(
        total=len(lead),
        by_chapter={ch: chapters[ch] for ch in ROMAN if chapters[ch]},
        by_sector=ordered(Counter(c.enterprise.sector for c in lead)),
        by_submitter_type=ordered(Counter(c.submitter.type for c in lead)),
        by_status=ordered(Counter(c.status for c in lead)),
        by_outcome=ordered(Counter(c.outcome for c in lead if c.outcome)),
        by_year=dict(sorted(Counter(c.dates.submission.year for c in lead if c.dates.submission).items())),
        closed=len(durations),
        mean_days=pystats.fmean(durations) if durations else None,
        median_days=pystats.median(durations) if durations else None,
    )


# --- rendering --------------------------------------------------------------------------

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


def render_case_page(case: SpecificInstance, words: Words, lang: str) -> str:
    url = f"cases/{case.id}/"
    others = [other for other in LANGS if other != lang and not case.pending_until(other)]
    return render("case_page.md", lang=lang, words=words, case=case, stages=STAGES,
                  other_langs=others,
                  other_urls={o: relative_url(lang_prefix(lang) + url, lang_prefix(o) + url) for o in others})


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
