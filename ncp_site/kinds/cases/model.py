"""The specific instance record: what a case file may hold, typed and checked field by field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, field_validator

from ...core.errors import shown
from ...core.formats import is_country
from ...core.localized import Day, LanguageVersions, Localized, LocalizedLine, LocalizedList, Name, Strict
from ...core.vocabulary import Chapter, edition_on

OECD_DATABASE_URL = "https://mneguidelines.oecd.org/database/instances/{}.htm"

SubmitterType = Literal["individual", "trade_union", "ngo", "enterprise", "other"]
Status = Literal["under_initial_assessment", "not_accepted", "good_offices", "concluded",
                 "follow_up", "withdrawn", "not_reported"]
Outcome = Literal["not_accepted", "agreement", "no_agreement", "withdrawn", "enterprise_declined"]
Sector = Literal["manufacturing", "finance", "telecommunications", "retail", "healthcare", "mining",
                 "energy", "transport", "construction", "agriculture", "automotive", "other"]
StatementKind = Literal["initial_assessment", "final_statement", "follow_up_statement"]
STAGES = ("submission", "initial_assessment", "conclusion", "follow_up")
ONGOING = ("under_initial_assessment", "good_offices", "follow_up")
CLOSED = ("not_accepted", "concluded", "withdrawn")


def _country(code: str) -> str:
    if not is_country(code):
        raise ValueError(f"{shown(code)} is not a country code -- use a two-letter ISO 3166 code such as KZ, FR or DK")
    return code.upper()


Country = Annotated[str, AfterValidator(_country)]


class Enterprise(Strict):
    name: Name
    sector: Sector
    home_country: Country


class Submitter(Strict):
    type: SubmitterType
    withheld: StrictBool = False  # only true or false: "yes" or 1 must not slip through as a name's guard
    name: Name | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _no_withheld_name(cls, value, info):
        """A withheld name must not exist in a public repository at all."""
        if value and info.data.get("withheld") is not False:
            raise ValueError("the submitter is withheld but the name is in the file -- delete the name line: "
                             "a withheld name must not be stored in the repository "
                             "(ask a maintainer to remove it from the git history too)")
        return value


class StageDates(Strict):
    submission: Day | None = None
    initial_assessment: Day | None = None
    conclusion: Day | None = None
    follow_up: Day | None = None


class Statement(Strict):
    kind: StatementKind
    date: Day
    documents: LanguageVersions  # a statement's document per language, where one exists


class SpecificInstance(Strict):
    id: str = Field(pattern=r"^[a-z]{2}[a-z0-9-]*$")
    oecd_id: str | None = Field(default=None, pattern=r"^[a-z]{2}\d{4}$")
    title: LocalizedLine
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
        return edition_on(submitted) if submitted else 2011

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


