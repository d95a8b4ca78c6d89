"""Load the specific instances: one file per case in ``data/cases/``, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Protocol, get_args

from ...core import documents
from ...core.errors import DataError, DataWarning
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import _
from ...core.records import Located, RecordFiles, load_records
from ...core.timeframes import Stretch
from ...core.vocabulary import NOT_REPORTED, missing_labels
from .model import (
    ISIC_SECTIONS,
    NAME_NOT_GIVEN,
    NOT_REACHED,
    STAGES,
    Outcome,
    SpecificInstance,
    StatementKind,
    Status,
    SubmitterType,
    sector_concept,
)

FILES = RecordFiles("cases", _("specific instance"), "data/cases/kz0003.yml")


class Timeframes(Protocol):
    def stretches(self) -> list[Stretch]: ...


class Needs(ReadsGlossary, Protocol):
    """The procedure's indicative timeframes, which every case is measured against on its pages."""

    @property
    def procedure(self) -> Timeframes | None: ...


def load(ctx: LoadContext[Needs]) -> tuple[list[SpecificInstance], list[DataError]]:
    def checked(case: SpecificInstance, at: Located) -> list[DataError]:
        return record_errors(case, at) + document_errors(case, at, ctx)

    found, errors = load_records(ctx.sources, FILES, SpecificInstance, checked)
    glossary = ctx.loaded.glossary
    if glossary is not None:
        errors += vocabulary_errors(glossary)
    max_age = ctx.sources.config.status_max_age_days
    ctx.warnings.extend(w for at in found if (w := stale_status(at, ctx.today, max_age)))
    cases = sorted((at.record for at in found), key=lambda c: c.sort_key, reverse=True)
    return cases, errors


def stale_status(at: Located, today: dt.date, max_age: int) -> DataWarning | None:
    """An ongoing case whose status was last confirmed more than ``max_age`` days ago: visitors read it as current."""
    case = at.record
    if not case.is_ongoing or case.status_as_of is None or (today - case.status_as_of).days <= max_age:
        return None
    return DataWarning.of(at.error(("status_as_of",),
                                   _("the status ({status}) was last confirmed on {date}, {days} days ago (more than "
                                     "{limit})", status=case.status, date=case.status_as_of.isoformat(),
                                     days=(today - case.status_as_of).days, limit=max_age),
                                   _("check the case's status with the NCP, then update status and status_as_of")))


def document_errors(case: SpecificInstance, at: Located, ctx: LoadContext) -> list[DataError]:
    """Each statement's documents as every kind's: a web address, or a file that exists under docs/."""
    return [e for i, statement in enumerate(case.statements)
            for e in documents.versions_errors(at.doc, at.loc + ("statements", i, "documents"), statement.documents,
                                               ctx.docs_dir, ctx.languages)]


def record_errors(case: SpecificInstance, at: Located) -> list[DataError]:
    """What one field cannot check alone: dates in order, fields that other fields require."""
    errors = []
    given = [flag for flag in NAME_NOT_GIVEN if getattr(case.submitter, flag)]
    if case.submitter.name is not None and case.submitter.organisation is not None:
        errors.append(at.error(("submitter", "name"), _("is written beside organisation"),
                                _("keep one: organisation: <id> for an organisation, name: for a person")))
    elif case.submitter.organisation is not None and case.submitter.type == "individual":
        errors.append(at.error(("submitter", "organisation"), _("names an organisation, but the type is individual"),
                                _("write the type of the organisation (trade_union, ngo, enterprise, other), or name: "
                                  "for a person")))
    elif case.submitter.name is not None and case.submitter.type in ("trade_union", "ngo", "enterprise"):
        errors.append(at.error(("submitter", "name"), _("is a name, but the submitter is an organisation ({type})",
                                                        type=case.submitter.type),
                                _("write 'organisation: <id>' with its id in data/organisations.yml (add it there "
                                  "first) instead of name:, so that it has one name in each language")))
    if not given and case.submitter.named is None:
        errors.append(at.error(("submitter",), _("has no name, and neither withheld nor name_unknown is true"),
                                _("add 'organisation: <id>' (an organisation in data/organisations.yml) or 'name: ...' "
                                  "(a person); or 'withheld: true' when the NCP does not publish it; or "
                                  "'name_unknown: true' when the sources do not give it")))
    elif len(given) > 1:
        errors.append(at.error(("submitter", "name_unknown"), _("is true, and so is withheld"),
                                _("keep withheld: true when the NCP knows the name and does not publish it, "
                                  "name_unknown: true when the sources do not give it; not both")))
    elif given == ["name_unknown"] and case.submitter.named is not None:
        errors.append(at.error(("submitter", "name_unknown"), _("is true, but a name is written"),
                                _("remove 'name_unknown: true', or the name")))
    present = [(stage, day) for stage in STAGES if (day := case.date_of(stage))]
    for (before, d1), (after, d2) in zip(present, present[1:]):
        if d2 < d1:
            errors.append(at.error(("dates", after), _("{after} ({after_date}) is before {before} ({before_date})",
                                                       after=after, after_date=d2.isoformat(), before=before,
                                                       before_date=d1.isoformat()),
                                    _("check both dates: {after} cannot come before {before}", after=after, before=before)))
    errors += stage_errors(case, at)
    if case.is_ongoing and case.status_as_of is None:
        errors.append(at.error(("status_as_of",), _("is missing while the case is ongoing ({status})", status=case.status),
                                _("add status_as_of: YYYY-MM-DD, the day the status was last confirmed")))
    submitted = case.date_of("submission")
    if case.status_as_of and submitted and case.status_as_of < submitted:
        errors.append(at.error(("status_as_of",), _("{date} is before the submission ({submitted})",
                                                    date=case.status_as_of.isoformat(), submitted=submitted.isoformat()),
                                _("write the day the status was last confirmed, on or after the submission")))
    elif case.status_as_of and case.is_ongoing and (later := [(s, d) for s, d in present if d > case.status_as_of]):
        stage, day = later[-1]
        errors.append(at.error(("status_as_of",), _("{date} is before {field} ({day}), but an open stage is measured "
                                                    "up to it", date=case.status_as_of.isoformat(),
                                                    field=f"dates.{stage}", day=day.isoformat()),
                                _("write the day the status was last confirmed, on or after {day}", day=day.isoformat())))
    if case.status == NOT_REPORTED and case.is_lead:
        errors.append(at.error(("status",), _("not_reported is the status of a case another NCP leads"),
                                _("write the case's status: the Kazakhstan NCP leads it and knows it")))
    if not case.chapters and case.status != NOT_REPORTED:
        errors.append(at.error(("chapters",), _("lists no chapter"),
                                _("add the chapters of the Guidelines the specific instance raises, e.g. [IV, V]")))
    if case.chapters and case.edition is None:
        errors.append(at.error(("guidelines_edition",), _("is not known, so the chapters' titles are not either"),
                                _("add guidelines_edition: 2011 or 2023, or the submission date")))
    for i, statement in enumerate(case.statements):
        if statement.kind == "final_statement" and case.dates.conclusion == NOT_REACHED:
            errors.append(at.error(("statements", i, "kind"), _("is a final statement but dates.conclusion is not_reached"),
                                    _("a final statement concludes the case: write the conclusion date in dates, "
                                      "or remove the statement if it was not issued")))
        submitted = case.date_of("submission")
        if submitted and statement.date < submitted:
            errors.append(at.error(("statements", i, "date"),
                                    _("{date} is before the submission ({submitted})", date=statement.date.isoformat(),
                                      submitted=submitted.isoformat()),
                                    _("check the statement date")))
        if not statement.documents.available():
            errors.append(at.error(("statements", i, "documents"), _("lists no document"),
                                    _("add the document of at least one language (kk:, ru: or en:)")))
    if case.is_closed and case.outcome is None:
        errors.append(at.error(("outcome",), _("a case with status {status} needs an outcome", status=case.status),
                                _("add 'outcome:' ({codes})", codes=", ".join(get_args(Outcome)))))
    if case.is_closed and case.dates.conclusion in (None, NOT_REACHED):
        errors.append(at.error(("dates", "conclusion"), _("a case with status {status} needs a conclusion date",
                                                          status=case.status),
                                _("add dates.conclusion (YYYY-MM-DD), or not_reported when the date is not known")))
    if case.status in ("under_initial_assessment", "good_offices") and case.outcome is not None:
        errors.append(at.error(("outcome",), _("an ongoing case ({status}) cannot have an outcome yet", status=case.status),
                                _("remove the outcome or update the status")))
    if case.is_lead and case.lead_ncp != "KZ":
        errors.append(at.error(("lead_ncp",), _("ncp_role is lead but lead_ncp is {code}", code=case.lead_ncp),
                                _("set lead_ncp: KZ, or ncp_role: supporting")))
    if not case.is_lead and "KZ" not in case.supporting_ncps:
        errors.append(at.error(("supporting_ncps",), _("ncp_role is supporting but KZ is not listed"),
                                _("add KZ to supporting_ncps")))
    return errors


def stage_errors(case: SpecificInstance, at: Located) -> list[DataError]:
    """What each stage's value may be: "not reached" only once a case is closed and never before a stage
    it reached, "not yet" only while it can come; no final statement without a conclusion."""
    errors = []
    submission = case.dates.submission
    if case.is_lead and not case.date_of("submission"):
        errors.append(at.error(("dates", "submission"), _("is missing"),
                                _("add the date the specific instance was submitted (YYYY-MM-DD)")))
    elif submission in (None, NOT_REACHED):
        errors.append(at.error(("dates", "submission"), _("is missing"),
                                _("add the date, or not_reported if the lead NCP has not reported it")))
    for stage in STAGES[1:]:
        value = getattr(case.dates, stage)
        later = [(s, day) for s in STAGES[STAGES.index(stage) + 1:] if (day := case.date_of(s))]
        if value == NOT_REACHED and not case.is_closed:
            errors.append(at.error(("dates", stage), _("is not_reached but the case is not closed ({status})",
                                                       status=case.status),
                                    _("leave it empty while the stage can still come, or update the status")))
        elif value == NOT_REACHED and later:
            errors.append(at.error(("dates", stage), _("is not_reached but a later stage has a date ({stage}: {date})",
                                                       stage=later[0][0], date=later[0][1].isoformat()),
                                    _("a case that reached a later stage went through this one: write its date, "
                                      "or not_reported if the sources do not give it")))
        elif value is None and not case.may_still_reach(stage) and not (case.is_closed and stage == "conclusion"):
            problem = (_("is empty ('not yet') but the lead NCP has not reported it") if case.status == NOT_REPORTED
                       else _("is empty ('not yet') but the case is closed ({status})", status=case.status))
            errors.append(at.error(("dates", stage), problem,
                                    _("write the date (YYYY-MM-DD), not_reached if the case closed before this stage, "
                                      "or not_reported if the sources do not give it")))
    return errors


def vocabulary_errors(glossary) -> list[DataError]:
    """Every code a case may use must have its label in the glossary (the one source of terms)."""
    needed = {
        "status": [f"status_{s}" for s in get_args(Status)],
        "outcome": [f"outcome_{o}" for o in get_args(Outcome)],
        "submitter.type": [f"submitter_{t}" for t in get_args(SubmitterType)],
        "enterprise.sector": [sector_concept(s) for s in ISIC_SECTIONS],
        "statements.kind": [f"statement_{k}" for k in get_args(StatementKind)],
        "dates": [f"stage_{s}" for s in STAGES],
        "ncp_role": ["role_lead", "role_supporting"],
    }
    return missing_labels(glossary, needed, _("a specific instance"))


