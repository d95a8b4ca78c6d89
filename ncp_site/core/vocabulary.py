"""Codes shared by several data kinds, and the rule that every code has its label in the glossary.

Pages never spell a controlled term themselves: a code such as ``status: good_offices`` is shown
through the glossary concept ``status_good_offices`` in the page's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Literal, Protocol, get_args

from .errors import DataError
from .localized import Localized
from .messages import Message, _

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
EDITIONS = (2011, 2023)
GUIDELINES_2023_ADOPTED = dt.date(2023, 6, 8)

Chapter = Literal[ROMAN]  # type: ignore[valid-type]
StakeholderGroup = Literal["government", "business", "trade_unions", "civil_society", "academia",
                           "other_ncps", "international_organisations", "general_public"]
GROUPS: tuple[str, ...] = get_args(StakeholderGroup)
Milestone = Literal["submission", "initial_assessment", "conclusion", "follow_up"]
MILESTONES: tuple[str, ...] = get_args(Milestone)
"""The dates a specific instance records, in procedure order; the procedure's stages end on them."""

NOT_REPORTED = "not_reported"
"""An explicit value for a fact the sources do not give: left out of the pages, never counted as a value."""
NotReported = Literal["not_reported"]
NOT_REACHED = "not_reached"
"""A specific instance's stage it closed without reaching (kz0003, withdrawn during the initial assessment)."""


class Term(Protocol):
    """A concept's entry in one language, as other kinds read it (the glossary kind's ``TermEntry``)."""

    @property
    def preferred(self) -> str: ...

    @property
    def abbreviation(self) -> str | None: ...


class Vocabulary(Protocol):
    """The glossary as the other kinds and every template read it (the glossary kind's ``Glossary``):
    the kinds share only the core, so this is the glossary's shape they may rely on."""

    @property
    def path(self) -> str: ...

    def has(self, concept_id: str) -> bool: ...

    def label(self, concept_id: str, lang: str) -> str: ...

    def chapter_title(self, roman: str, edition: int, lang: str) -> str: ...

    def entry(self, concept_id: str, lang: str) -> Term: ...


class Wording(Protocol):
    """The interface's wording as the other kinds read it (the ui kind's ``UiText``)."""

    @property
    def path(self) -> str: ...

    @property
    def strings(self) -> Mapping[str, Localized]: ...

    def __call__(self, key: str, lang: str) -> str: ...


def edition_on(day: dt.date) -> int:
    """The Guidelines edition in force on a day."""
    return 2023 if day >= GUIDELINES_2023_ADOPTED else 2011


def codes(literal) -> tuple[str, ...]:
    return tuple(get_args(literal))


def labels(prefix: str, values: Iterable[str]) -> list[str]:
    return [f"{prefix}{v}" for v in values]


def missing_labels(glossary: Vocabulary, needed: dict[str, list[str]], what: Message) -> list[DataError]:
    """A located error for each code whose glossary concept (its label) does not exist; ``what`` is the
    kind of record whose codes they are (``_("a specific instance")``)."""
    return [DataError(glossary.path, 1, "concepts", _("no concept {concept} (the label of a code in {field} of {record})",
                                                      concept=f"'{cid}'", record=what, field=field),
                      _("add a concept with id {concept} to the glossary", concept=cid))
            for field, ids in needed.items() for cid in ids if not glossary.has(cid)]


def require_concepts(glossary: Vocabulary, doc_error, needed: dict[str, tuple]) -> list[DataError]:
    """Check that every vocabulary code the data uses has a glossary concept (its label source)."""
    return [doc_error(loc, _("the glossary has no concept {concept}", concept=f"'{cid}'"),
                      _("add it to data/glossary.yml"))
            for cid, loc in needed.items() if not glossary.has(cid)]


def missing_wording(ui: Wording | None, keys: Iterable[str], what: Message) -> list[DataError]:
    """A located error for each interface wording a kind's codes need that ``data/ui.yml`` lacks."""
    if ui is None:
        return []
    return [DataError(ui.path, 1, key, _("is missing (the wording of {what})", what=what),
                      _("add '{key}:' with a text per language to {path}", key=key, path=ui.path))
            for key in keys if key not in ui.strings]
