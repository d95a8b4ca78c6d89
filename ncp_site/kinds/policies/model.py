"""A government policy, act or initiative related to responsible business conduct, kept in
``data/government-policies.yml`` under ``policies:``.

The peer review (Annex E) listed the main policies discussed with the NCP: who is responsible for
each, the NCP's role in it, and whether it refers to the NCP or the Guidelines, which the review
found was rarely the case (finding 4.1). ``refers_to_ncp`` is one of the codes of ``REFERENCES``;
its wording comes from ``data/ui.yml`` (``policies.refers.<code>``).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from ...core.citations import Source
from ...core.documents import WebAddress
from ...core.localized import Localized, Strict
from ...core.validation import record_id

Reference = Literal["yes", "no", "proposed", "not_applicable"]
REFERENCES: tuple[str, ...] = get_args(Reference)


class PolicyText(Strict):
    """A text of the policy: what it is, and where it is published."""

    title: Localized
    url: WebAddress


class Policy(Strict):
    id: str = record_id()
    name: Localized
    authority: Localized
    ncp_role: Localized
    refers_to_ncp: Reference | None = None  # left out when the source does not say: nothing is shown
    texts: list[PolicyText] = Field(default_factory=list)
    note: Localized | None = None
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under it)
