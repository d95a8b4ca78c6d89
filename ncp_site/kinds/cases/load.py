"""Load the specific instances: one file per case in ``data/cases/``, newest first."""

from __future__ import annotations

import datetime as dt

from ...core import documents
from ...core.errors import DataError, DataWarning
from ...core.kind import LoadContext
from ...core.records import Located, RecordFiles, load_records
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

FILES = RecordFiles("cases", "specific instance", "data/cases/kz0003.yml")


def load(ctx: LoadContext) -> tuple[list[SpecificInstance], list[DataError]]:
    def checked(case: SpecificInstance, at: Located) -> list[DataError]:
        return record_errors(case, at) + document_errors(case, at, ctx)

    found, errors = load_records(ctx.sources, FILES, SpecificInstance, checked)
    glossary = ctx.loaded.get("glossary")
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
                                   f"the status ({case.status}) was last confirmed on {case.status_as_of}, "
                                   f"{(today - case.status_as_of).days} days ago (more than {max_age})",
                                   "check the case's status with the NCP, then update status and status_as_of"))


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
        errors.append(at.error(("submitter", "name"), "is written beside organisation",
                                "keep one: organisation: <id> for an organisation, name: for a person"))
    elif case.submitter.organisation is not None and case.submitter.type == "individual":
        errors.append(at.error(("submitter", "organisation"), "names an organisation, but the type is individual",
                                "write the type of the organisation (trade_union, ngo, enterprise, other), or name: for a person"))
    elif case.submitter.name is not None and case.submitter.type in ("trade_union", "ngo", "enterprise"):
        errors.append(at.error(("submitter", "name"), f"is a name, but the submitter is an organisation ({case.submitter.type})",
                                "write 'organisation: <id>' with its id in data/organisations.yml (add it there first) "
                                "instead of name:, so that it has one name in each language"))
    if not given and case.submitter.named is None:
        errors.append(at.error(("submitter",), "has no name, and neither withheld nor name_unknown is true",
                                "add 'organisation: <id>' (an organisation in data/organisations.yml) or 'name: ...' "
                                "(a person); or 'withheld: true' when the NCP does not publish it; or "
                                "'name_unknown: true' when the sources do not give it"))
    elif len(given) > 1:
        errors.append(at.error(("submitter", "name_unknown"), "is true, and so is withheld",
                                "keep withheld: true when the NCP knows the name and does not publish it, "
                                "name_unknown: true when the sources do not give it; not both"))
    elif given == ["name_unknown"] and case.submitter.named is not None:
        errors.append(at.error(("submitter", "name_unknown"), "is true, but a name is written",
                                "remove 'name_unknown: true', or the name"))
    present = [(stage, case.date_of(stage)) for stage in STAGES if case.date_of(stage)]
    for (before, d1), (after, d2) in zip(present, present[1:]):
        if d2 < d1:
            errors.append(at.error(("dates", after), f"{after} ({d2}) is before {before} ({d1})",
                                    f"check both dates: {after} cannot come before {before}"))
    errors += stage_errors(case, at)
    if case.is_ongoing and case.status_as_of is None:
        errors.append(at.error(("status_as_of",), f"is missing while the case is ongoing ({case.status})",
                                "add status_as_of: YYYY-MM-DD, the day the status was last confirmed"))
    submitted = case.date_of("submission")
    if case.status_as_of and submitted and case.status_as_of < submitted:
        errors.append(at.error(("status_as_of",), f"{case.status_as_of} is before the submission ({submitted})",
                                "write the day the status was last confirmed, on or after the submission"))
    elif case.status_as_of and case.is_ongoing and (later := [(s, d) for s, d in present if d > case.status_as_of]):
        stage, day = later[-1]
        errors.append(at.error(("status_as_of",), f"{case.status_as_of} is before dates.{stage} ({day}), "
                                                  "but an open stage is measured up to it",
                                f"write the day the status was last confirmed, on or after {day}"))
    if case.status == NOT_REPORTED and case.is_lead:
        errors.append(at.error(("status",), "not_reported is the status of a case another NCP leads",
                                "write the case's status: the Kazakhstan NCP leads it and knows it"))
    if not case.chapters and case.status != NOT_REPORTED:
        errors.append(at.error(("chapters",), "lists no chapter",
                                "add the chapters of the Guidelines the specific instance raises, e.g. [IV, V]"))
    if case.chapters and case.edition is None:
        errors.append(at.error(("guidelines_edition",), "is not known, so the chapters' titles are not either",
                                "add guidelines_edition: 2011 or 2023, or the submission date"))
    for i, statement in enumerate(case.statements):
        if statement.kind == "final_statement" and case.dates.conclusion == NOT_REACHED:
            errors.append(at.error(("statements", i, "kind"), "is a final statement but dates.conclusion is not_reached",
                                    "a final statement concludes the case: write the conclusion date in dates, "
                                    "or remove the statement if it was not issued"))
        submitted = case.date_of("submission")
        if submitted and statement.date < submitted:
            errors.append(at.error(("statements", i, "date"),
                                    f"{statement.date} is before the submission ({submitted})",
                                    "check the statement date"))
        if not statement.documents.available():
            errors.append(at.error(("statements", i, "documents"), "lists no document",
                                    "add the document of at least one language (kk:, ru: or en:)"))
    if case.is_closed and case.outcome is None:
        errors.append(at.error(("outcome",), f"a case with status {case.status} needs an outcome",
                                "add 'outcome:' (not_accepted, agreement, no_agreement, withdrawn, enterprise_declined)"))
    if case.is_closed and case.dates.conclusion in (None, NOT_REACHED):
        errors.append(at.error(("dates", "conclusion"), f"a case with status {case.status} needs a conclusion date",
                                "add dates.conclusion (YYYY-MM-DD), or not_reported when the date is not known"))
    if case.status in ("under_initial_assessment", "good_offices") and case.outcome is not None:
        errors.append(at.error(("outcome",), f"an ongoing case ({case.status}) cannot have an outcome yet",
                                "remove the outcome or update the status"))
    if case.is_lead and case.lead_ncp != "KZ":
        errors.append(at.error(("lead_ncp",), f"ncp_role is lead but lead_ncp is {case.lead_ncp}",
                                "set lead_ncp: KZ, or ncp_role: supporting"))
    if not case.is_lead and "KZ" not in case.supporting_ncps:
        errors.append(at.error(("supporting_ncps",), "ncp_role is supporting but KZ is not listed",
                                "add KZ to supporting_ncps"))
    return errors


def stage_errors(case: SpecificInstance, at: Located) -> list[DataError]:
    """What each stage's value may be: "not reached" only once a case is closed and never before a stage
    it reached, "not yet" only while it can come; no final statement without a conclusion."""
    errors = []
    submission = case.dates.submission
    if case.is_lead and not case.date_of("submission"):
        errors.append(at.error(("dates", "submission"), "is missing",
                                "add the date the specific instance was submitted (YYYY-MM-DD)"))
    elif submission in (None, NOT_REACHED):
        errors.append(at.error(("dates", "submission"), "is missing",
                                "add the date, or not_reported if the lead NCP has not reported it"))
    for stage in STAGES[1:]:
        value = getattr(case.dates, stage)
        later = [(s, case.date_of(s)) for s in STAGES[STAGES.index(stage) + 1:] if case.date_of(s)]
        if value == NOT_REACHED and not case.is_closed:
            errors.append(at.error(("dates", stage), f"is not_reached but the case is not closed ({case.status})",
                                    "leave it empty while the stage can still come, or update the status"))
        elif value == NOT_REACHED and later:
            errors.append(at.error(("dates", stage), f"is not_reached but a later stage has a date "
                                                     f"({later[0][0]}: {later[0][1]})",
                                    "a case that reached a later stage went through this one: write its date, "
                                    "or not_reported if the sources do not give it"))
        elif value is None and not case.may_still_reach(stage) and not (case.is_closed and stage == "conclusion"):
            why = ("the lead NCP has not reported it" if case.status == NOT_REPORTED
                   else f"the case is closed ({case.status})")
            errors.append(at.error(("dates", stage), f"is empty ('not yet') but {why}",
                                    "write the date (YYYY-MM-DD), not_reached if the case closed before this stage, "
                                    "or not_reported if the sources do not give it"))
    return errors


def vocabulary_errors(glossary) -> list[DataError]:
    """Every code a case may use must have its label in the glossary (the one source of terms)."""
    needed = {
        "status": [f"status_{s}" for s in Status.__args__],
        "outcome": [f"outcome_{o}" for o in Outcome.__args__],
        "submitter.type": [f"submitter_{t}" for t in SubmitterType.__args__],
        "enterprise.sector": [sector_concept(s) for s in ISIC_SECTIONS],
        "statements.kind": [f"statement_{k}" for k in StatementKind.__args__],
        "dates": [f"stage_{s}" for s in STAGES],
        "ncp_role": ["role_lead", "role_supporting"],
    }
    return missing_labels(glossary, needed, "a")


