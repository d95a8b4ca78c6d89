"""What the members render: the legal basis, each composition as tables and as a diagram.

The diagram is an inline SVG drawn from the data (one row per stakeholder group, one mark per member,
filled for main members and outlined for expert ones) with a text alternative that says the same;
the tables below it list every member.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core import documents
from ...core.kind import Macro
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from ...core.vocabulary import GROUPS
from .model import MEMBERSHIPS, Composition, Institution

render = templates_of(__file__)
ABOUT_URL = "about/"
"""Where the legal basis is listed (the compositions link each act there)."""

WIDTH = 720
ROW = 46  # height of a group's row
TOP = 16
MARK_X = 480  # where the members' marks start
MARK_STEP = 26


@dataclass(frozen=True)
class GroupRow:
    """A stakeholder group's row in the diagram: its members counted and where the marks go."""

    group: str
    main: int
    expert: int
    y: float
    marks: list[tuple[float, str]]  # (x, membership) per member, main first


NO_GROUP = ""
"""The row of the members the composition assigns to no stakeholder group (its label: ``members.no_group``)."""


def group_rows(composition: Composition) -> list[GroupRow]:
    rows: list[GroupRow] = []
    for group in (*GROUPS, NO_GROUP):
        members = [m for m in composition.members if (m.group or NO_GROUP) == group]
        if not members:
            continue
        main = sum(1 for m in members if m.membership == "main")
        kinds = ["main"] * main + ["expert"] * (len(members) - main)
        y = TOP + len(rows) * ROW + ROW / 2
        rows.append(GroupRow(group, main, len(members) - main, y,
                             [(MARK_X + i * MARK_STEP, kind) for i, kind in enumerate(kinds)]))
    return rows


def render_legal_basis(institution: Institution, words: Words, lang: str, page_url: str) -> str:
    sources = list(dict.fromkeys(s for a in institution.acts for s in a.sources))  # each source once, under the list
    return render("legal_basis.html", lang=lang, words=words, acts=institution.acts, sources=sources,
                  act=institution.act, doc_href=lambda value: documents.href(value, page_url, words.languages))


def render_composition(institution: Institution, words: Words, lang: str, page_url: str, composition_id: str) -> str:
    composition = institution.composition(composition_id)
    rows = group_rows(composition)
    height = TOP + len(rows) * ROW + 3 * ROW
    return render("composition.html", lang=lang, words=words, c=composition, rows=rows, act=institution.act,
                  ncp=words.glossary.entry("national_contact_point", lang).abbreviation
                  or words.glossary.label("national_contact_point", lang),
                  about_url=relative_url(page_url, words.languages.prefix(lang) + ABOUT_URL),
                  memberships=[m for m in MEMBERSHIPS if composition.of(m)],
                  width=WIDTH, height=height, secretariat_y=TOP + len(rows) * ROW + ROW / 2,
                  legend_y=TOP + len(rows) * ROW + 2 * ROW, mark_x=MARK_X, root_y=TOP + len(rows) * ROW / 2)


MACROS: dict[str, Macro] = {
    "legal_basis": lambda project, page: render_legal_basis(project.data.members, project.words, page.lang, page.url),
    "composition": lambda project, page, composition_id: render_composition(project.data.members, project.words,
                                                                            page.lang, page.url, composition_id),
}
