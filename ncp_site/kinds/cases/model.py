"""The specific instance record: what a case file may hold, typed and checked field by field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PlainValidator, StrictBool, field_validator

from ...core.citations import Source
from ...core.errors import Invalid, shown
from ...core.formats import is_country
from ...core.limits import date_range_error
from ...core.localized import (
    Day,
    LanguageVersions,
    Localized,
    LocalizedLine,
    LocalizedList,
    LocalizedMarkdown,
    Name,
    Strict,
)
from ...core.messages import _
from ...core.organisations import OrganisationRef
from ...core.validation import pattern, record_id
from ...core.vocabulary import MILESTONES, NOT_REACHED, NOT_REPORTED, Chapter, edition_on

OECD_DATABASE_URL = "https://mneguidelines.oecd.org/database/instances/{}.htm"

SubmitterType = Literal["individual", "trade_union", "ngo", "enterprise", "other"]
Status = Literal["under_initial_assessment", "not_accepted", "good_offices", "concluded",
                 "follow_up", "withdrawn", "not_reported"]
Outcome = Literal["not_accepted", "agreement", "no_agreement", "withdrawn", "enterprise_declined"]
ISIC_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")
"""Sectors are the sections of ISIC Rev. 4 (the same letters in Kazakhstan's ОКЭД / ЭҚЖЖ), the
classification the OECD peer review uses to count specific instances by sector."""
StatementKind = Literal["initial_assessment", "final_statement", "follow_up_statement"]
STAGES = MILESTONES
ONGOING = ("under_initial_assessment", "good_offices", "follow_up")
CLOSED = ("not_accepted", "concluded", "withdrawn")
ENDED_FOR_GOOD = ("not_accepted", "withdrawn")
"""Closed cases for which no stage can still come (a concluded case may still be followed up)."""


def _country(code: str) -> str:
    if not is_country(code):
        raise Invalid(_("{value} is not a country code", value=shown(code)),
                      _("use a two-letter ISO 3166 code such as KZ, FR or DK"))
    return code.upper()


Country = Annotated[str, AfterValidator(_country), Field(description="a two-letter country code, e.g. KZ")]


def _country_or_not_reported(code: str) -> str:
    return code if code == NOT_REPORTED else _country(code)


ReportedCountry = Annotated[str, AfterValidator(_country_or_not_reported),
                           Field(description="a two-letter country code, e.g. KZ, or not_reported")]
"""A country the sources may not give: a code, or ``not_reported``."""


def _sector(code: str) -> str:
    if code == NOT_REPORTED or code in ISIC_SECTIONS:
        return code
    raise Invalid(_("{value} is not an ISIC section", value=shown(code)),
                  _("write the section letter of ISIC Rev. 4 (ОКЭД), A to U, e.g. C for manufacturing or K for "
                    "financial and insurance activities; or not_reported when the sources do not say"))


Sector = Annotated[str, AfterValidator(_sector),
                  Field(description="the ISIC section letter, A to U, e.g. C (manufacturing), or not_reported")]


def sector_concept(code: str) -> str:
    """The glossary concept labelling an ISIC section (``C`` -> ``sector_c``)."""
    return f"sector_{code.lower()}"


def _stage_date(value):
    if value is None or value in (NOT_REPORTED, NOT_REACHED):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            raise Invalid(_("{value} is not a real date", value=shown(value)),
                          _("write an existing date as YYYY-MM-DD, e.g. 2022-02-15, or not_reached (the case closed "
                            "before this stage), or not_reported (the sources do not give the date)")) from None
    problem = date_range_error(value)
    if problem:
        raise Invalid(*problem)
    return value


StageDate = Annotated[dt.date | str | None, PlainValidator(_stage_date, json_schema_input_type=dt.date | str | None)]
"""A stage's date, ``not_reported`` (unknown), ``not_reached`` (the case closed before it), or empty (not yet)."""


class Enterprise(Strict):
    organisation: OrganisationRef  # the id of the enterprise in data/organisations.yml
    sector: Sector
    home_country: ReportedCountry  # the enterprise group's home country (its parent company's), not where the enterprise is registered


NAME_NOT_GIVEN = ("withheld", "name_unknown")
"""A submitter has a name unless one of these is true (``cases.load.record_errors`` checks it)."""


class Submitter(Strict):
    type: SubmitterType
    withheld: StrictBool = False  # true when the NCP does not publish the name (then never write it in the file)
    name_unknown: StrictBool = False  # true when the sources do not give the name (the page shows the type only)
    name: Name | None = Field(default=None, description="required unless " + " or ".join(
        f"{flag}: true" for flag in NAME_NOT_GIVEN) + "; a person's name (a submitter that is an organisation: organisation: below)")
    organisation: OrganisationRef | None = None  # a submitter that is an organisation: its id in data/organisations.yml

    @property
    def named(self):
        """The submitter's name as the pages show it: a person's, or the organisation's; None when not given."""
        return self.name or self.organisation

    @field_validator("name", "organisation", mode="before")
    @classmethod
    def _no_withheld_name(cls, value, info):
        """A withheld name must not exist in a public repository at all."""
        if value and info.data.get("withheld") is not False:
            raise Invalid(_("the submitter is withheld but the name is in the file"),
                          _("delete the name line: a withheld name must not be stored in the repository (ask a "
                            "maintainer to remove it from the git history too)"))
        return value


class StageDates(Strict):
    submission: StageDate = None  # required, or not_reported when the sources do not say
    initial_assessment: StageDate = None
    conclusion: StageDate = None
    follow_up: StageDate = None


class Statement(Strict):
    kind: StatementKind
    date: Day
    documents: LanguageVersions  # a statement's document per language, where one exists


class SpecificInstance(Strict):
    id: str = record_id(pattern(r"^[a-z]{2}[a-z0-9-]*$", _("two lower-case Latin letters (a country's code), then letters, digits and hyphens, e.g. kz0003")))
    oecd_id: str | None = Field(default=None, pattern=pattern(r"^[a-z]{2}\d{4}$", _("the id of the OECD database: the lead NCP's two-letter country code in lower case and four digits, e.g. kz0003 or nl0031")))
    title: LocalizedLine
    enterprise: Enterprise
    submitter: Submitter
    host_country: ReportedCountry
    ncp_role: Literal["lead", "supporting"]
    lead_ncp: Country
    supporting_ncps: list[Country] = []  # with ncp_role: supporting, KZ is among them
    chapters: list[Chapter] = []  # required unless the status is not_reported: the chapters the case raises
    guidelines_edition: Literal[2011, 2023] | None = None
    keywords: LocalizedList
    dates: StageDates
    status: Status
    status_as_of: Day | None = None  # required while the case is ongoing: the day the status was last confirmed
    """The day the status was last known to be current (required while the case is ongoing)."""
    outcome: Outcome | None = None  # required once the case is closed (not_accepted, concluded, withdrawn)
    outcome_note: Localized | None = None
    summary: LocalizedMarkdown
    statements: list[Statement] = []
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under the page)

    @property
    def edition(self) -> int | None:
        """The Guidelines edition that applies: stated, or the one in force on the submission date; None when neither is known."""
        if self.guidelines_edition:
            return self.guidelines_edition
        submitted = self.date_of("submission")
        return edition_on(submitted) if submitted else None

    def date_of(self, stage: str) -> dt.date | None:
        """The stage's date when it is known."""
        value = getattr(self.dates, stage)
        return value if isinstance(value, dt.date) else None

    def stage_state(self, stage: str) -> str:
        """How a stage is shown: ``date``, ``not_reported``, ``not_reached`` or ``not_yet`` (an empty date)."""
        value = getattr(self.dates, stage)
        if isinstance(value, dt.date):
            return "date"
        return value or "not_yet"

    def may_still_reach(self, stage: str) -> bool:
        """Whether an empty stage can honestly read "not yet": not once the case has ended before it."""
        if self.status == NOT_REPORTED or self.status in ENDED_FOR_GOOD:
            return False
        return not self.is_closed or stage == "follow_up"

    @property
    def is_lead(self) -> bool:
        return self.ncp_role == "lead"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def is_ongoing(self) -> bool:
        return self.status in ONGOING

    @property
    def duration_days(self) -> int | None:
        submitted, concluded = self.date_of("submission"), self.date_of("conclusion")
        if self.is_closed and submitted and concluded:
            return (concluded - submitted).days
        return None

    @property
    def oecd_url(self) -> str | None:
        return OECD_DATABASE_URL.format(self.oecd_id) if self.oecd_id else None

    @property
    def sort_key(self):
        return (self.date_of("submission") or dt.date.min, self.id)

    def confirmed_days(self) -> list[dt.date]:
        """The days this record says something happened or was confirmed: its stages, statements, status."""
        days = [self.date_of(stage) for stage in STAGES] + [s.date for s in self.statements] + [self.status_as_of]
        return [day for day in days if day]

    def public_dict(self) -> dict:
        """Every public field, for the open-data export (a withheld name is never stored)."""
        data = self.model_dump(mode="json")
        data["guidelines_edition"] = self.edition
        data["oecd_url"] = self.oecd_url
        return data




def confirmed_days(cases: list[SpecificInstance]) -> list[dt.date]:
    return [day for case in cases for day in case.confirmed_days()]
