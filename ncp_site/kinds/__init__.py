"""One folder per data kind. Adding a kind is adding its folder and a field of ``Data``.

Each kind's package exposes ``KIND`` (a ``core.kind.Kind``): how it loads, which other kinds it
reads (``Kind.needs``), which macros pages may call, which pages and files it generates. ``Data``
holds what each kind loaded, one typed field per kind; its fields are the kinds, in the order they
load: a kind may read only kinds before it (every kind's labels come from the glossary; members,
cases, events and news name organisations by their ids, checked through ``Kind.offers``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from types import SimpleNamespace
from typing import Any

from ..core.errors import DataError
from ..core.kind import Kind, LoadContext
from . import (abbreviations, action_plans, cases, contacts, due_diligence, events, faq, glossary, media, members, news,
               organisations, peer_review, policies, procedure, reports, ui)
from .abbreviations import Register
from .action_plans import ActionPlan
from .cases import SpecificInstance
from .contacts import Contacts
from .due_diligence import Guidance
from .events import Event
from .faq import Question
from .glossary import Glossary
from .media import MediaItem
from .members import Institution
from .news import NewsItem
from .organisations import Organisations
from .peer_review import PeerReview
from .policies import Policy
from .procedure import Procedure
from .reports import Report
from .ui import UiText


@dataclass(frozen=True)
class Data:
    """What every kind loaded, in load order; None (or no records) where a kind's data could not be loaded."""

    glossary: Glossary | None
    ui: UiText | None
    abbreviations: Register
    organisations: Organisations
    contacts: Contacts | None
    procedure: Procedure | None
    members: Institution
    cases: list[SpecificInstance]
    events: list[Event]
    action_plans: list[ActionPlan]
    reports: list[Report]
    news: list[NewsItem]
    media: list[MediaItem]
    faq: list[Question]
    peer_review: list[PeerReview]
    due_diligence: list[Guidance]
    policies: list[Policy]


ALL: tuple[str, ...] = tuple(f.name for f in fields(Data))
"""The kinds, in the order they load."""

KINDS: tuple[Kind[Data], ...] = (glossary.KIND, ui.KIND, abbreviations.KIND, organisations.KIND, contacts.KIND,
                                 procedure.KIND, members.KIND, cases.KIND, events.KIND, action_plans.KIND, reports.KIND, news.KIND, media.KIND,
                                 faq.KIND, peer_review.KIND, due_diligence.KIND, policies.KIND)
"""Every kind, in ``ALL``'s order; typed so that mypy checks ``Data`` gives each what its ``needs`` say it reads."""


class KindOrderError(TypeError):
    """The kinds are not ``Data``'s fields in order, or one needs a kind that loads after it (a programming error)."""


if [kind.name for kind in KINDS] != list(ALL):
    raise KindOrderError(f"KINDS names {[kind.name for kind in KINDS]}, but Data's fields are {list(ALL)}: "
                         "list each kind once, in Data's order")


def order_errors(kinds: tuple[Kind[Any], ...]) -> list[str]:
    """Each kind needs only kinds loaded before it."""
    names = [kind.name for kind in kinds]
    problems = []
    for i, kind in enumerate(kinds):
        for need in kind.needed:
            if need not in names[:i]:
                later = f"which loads after it: move '{need}' before '{kind.name}'" if need in names else "which is not a kind"
                problems.append(f"the kind '{kind.name}' needs '{need}', {later}")
    return problems


class Needed(SimpleNamespace):
    """What one kind declared it reads (``Kind.needs``), and nothing else."""

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"a kind read '{name}', which is not in its Kind.needs -- add it there "
                             f"(it may read: {', '.join(sorted(vars(self))) or 'no other kind'})")


def load_each(sources, today, warnings: list[DataError], release: bool = False,
              kinds: tuple[Kind[Any], ...] = KINDS) -> Iterator[tuple[Kind[Any], Any, list[DataError]]]:
    """Each kind loaded in order, given what it needs of those before it: (kind, what it loaded, its errors)."""
    if problems := order_errors(kinds):
        raise KindOrderError("; ".join(problems))
    loaded: dict[str, Any] = {}
    for kind in kinds:
        needs = Needed(**{name: loaded[name] for name in kind.needed})
        value, errors = kind.load(LoadContext(sources, needs, today, warnings, release))
        loaded[kind.name] = value
        if kind.offers is not None and value is not None:
            sources.offered.update(kind.offers(value))
        yield kind, value, errors


def all_kinds() -> list[Kind[Data]]:
    return list(KINDS)
