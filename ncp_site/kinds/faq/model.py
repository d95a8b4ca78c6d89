"""A frequently asked question, kept in ``data/faq.yml`` under ``questions:``.

Each question has a stable ``id`` (its anchor: ``faq/#who-can-submit``; never change it once
published), a ``group`` (the page shows the groups in the order of ``GROUPS``, their names from
``data/ui.yml`` ``faq.group.<group>``), the question and its answer in every site language (paragraphs
separated by a blank line), and optionally pages of the site to read next (``see: [procedures/]``,
each an existing page of ``docs/``).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from ...core.citations import Source
from ...core.localized import Localized, Strict
from ...core.validation import record_id

Group = Literal["about", "submitting", "handling", "confidentiality"]
GROUPS: tuple[str, ...] = get_args(Group)
PAGE_URL = "faq/"


class Question(Strict):
    id: str = record_id()
    group: Group
    question: Localized
    answer: Localized
    see: list[str] = Field(default_factory=list)  # site pages, as procedures/
    sources: list[Source] = []  # the documents its facts come from (a "Source:" line under it)
