"""The NCP's legal basis and its composition over time.

``data/legal-basis.yml`` lists the acts that set up the NCP and its rules (the Government's
resolution of 2012, the Ministry's orders), each with its number and dates. ``data/members.yml``
lists each composition the orders set, with its members: an organisation, or a person in an
official capacity (a position in an organisation), its stakeholder group where the composition
assigns one, and main or expert membership. Private persons are never named: a person appears only with the position they hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from ...core.citations import Source
from ...core.errors import Invalid
from ...core.localized import Day, LanguageVersions, Localized, Name, Strict
from ...core.messages import _
from ...core.organisations import OrganisationRef
from ...core.validation import pattern, record_id
from ...core.vocabulary import StakeholderGroup

ActKind = Literal["government_resolution", "ministerial_order", "ncp_decision"]
Membership = Literal["main", "expert"]
MEMBERSHIPS: tuple[str, ...] = get_args(Membership)
Role = Literal["chair", "deputy_chair", "member"]


class LegalAct(Strict):
    id: str = record_id()
    kind: ActKind
    number: str = Field(pattern=pattern(r"^[0-9A-Za-z/-]+$", _("the number the act was given: Latin letters, digits, / and -, e.g. 124 or 12-VII")))
    adopted: Day
    in_force: Day | None = None  # when it took effect, if later than its adoption
    amends: str | None = None  # the id of the act it amends
    title: Localized  # what the act does, in the site's own words
    documents: LanguageVersions = LanguageVersions()
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under the list of acts)

    @model_validator(mode="after")
    def _in_force_after_adoption(self):
        if self.in_force and self.in_force < self.adopted:
            raise Invalid(_("in_force ({in_force}) is before the adoption ({adopted})", in_force=str(self.in_force),
                            adopted=str(self.adopted)),
                          _("an act takes effect on or after the day it is adopted"))
        return self


class Member(Strict):
    position: Localized | None = None  # the post through which a member sits: "Vice Minister"
    organisation: OrganisationRef  # the id of the organisation in data/organisations.yml
    person: Name | None = None  # only an official in their official capacity, with their position
    group: StakeholderGroup | None = None  # left out where the composition assigns the member to no group
    membership: Membership
    role: Role = "member"

    @field_validator("person")
    @classmethod
    def _official_capacity(cls, value, info):
        if value is not None and info.data.get("position") is None:
            raise Invalid(_("a person is named without a position"),
                          _("name people only in their official capacity: add their position, or remove the name "
                            "and keep the organisation"))
        return value


class Composition(Strict):
    id: str = record_id()
    title: Localized
    legal_basis: list[str] = Field(min_length=1)  # ids of the acts that set this composition
    start: Day
    end: Day | None = None  # None: the composition in force
    summary: Localized | None = None  # how it decides, what changed
    secretariat: Localized  # where the NCP Secretariat is hosted
    sources: list[Source] = []  # where the list of members comes from (a "Source:" line under it)
    members: list[Member] = Field(min_length=1)

    @model_validator(mode="after")
    def _ends_after_start(self):
        if self.end and self.end < self.start:
            raise Invalid(_("end ({end}) is before start ({start})", end=str(self.end), start=str(self.start)),
                          _("check both dates"))
        return self

    def of(self, membership: str) -> list[Member]:
        return [m for m in self.members if m.membership == membership]

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class Institution:
    """What the members kind loads: the acts (oldest first) and the compositions (newest first)."""

    acts: list[LegalAct] = field(default_factory=list)
    compositions: list[Composition] = field(default_factory=list)

    def act(self, act_id: str) -> LegalAct | None:
        return next((a for a in self.acts if a.id == act_id), None)

    def composition(self, composition_id: str) -> Composition:
        for composition in self.compositions:
            if composition.id == composition_id:
                return composition
        known = ", ".join(c.id for c in self.compositions) or "none"
        raise ValueError(f"no composition '{composition_id}' in data/members.yml (known: {known})")
