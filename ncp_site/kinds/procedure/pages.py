"""What the procedure renders: the timeline of stages, the checklist, the submission form and what
happens after a submission. All of it reads ``data/procedure.yml``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup

from ...core.errors import DataError, DataErrors
from ...core.kind import PageContext
from ...core.languages import relative_url
from ...core.rendering import Words, templates_of
from .load import FILE
from .model import Procedure

render = templates_of(__file__)
SCRIPT = "assets/javascripts/ncp-submission.js"
"""The form's same-origin script (overrides/assets/): checks completeness, then offers the submission as a
file to download, a page to print and, when the NCP's e-mail is set, an e-mail to send."""

BAR_WIDTH = 700
BAR_LEFT = 10


class Needs(Protocol):
    """The contacts the submission form names as where to hand it in (its template reads them)."""

    @property
    def contacts(self) -> object: ...


@dataclass(frozen=True)
class Segment:
    """One stage's share of the timeline bar, in SVG units (widths follow the indicative months)."""

    number: int
    months: int
    x: float
    width: float


def bar(procedure: Procedure) -> tuple[list[Segment], list[tuple[int, float]]]:
    """The bar's segments and its month scale (month, x)."""
    scale = BAR_WIDTH / procedure.months
    segments, start = [], 0
    for number, stage in enumerate(procedure.stages, 1):
        segments.append(Segment(number, stage.months, BAR_LEFT + start * scale, stage.months * scale))
        start += stage.months
    ticks = [(month, BAR_LEFT + month * scale) for month in range(procedure.months + 1)]
    return segments, ticks


def render_timeline(procedure: Procedure, words: Words, lang: str) -> str:
    segments, ticks = bar(procedure)
    return render("procedure_timeline.html", lang=lang, words=words, procedure=procedure,
                  segments=segments, ticks=ticks, width=BAR_WIDTH + 2 * BAR_LEFT)


def render_checklist(procedure: Procedure, words: Words, lang: str) -> str:
    return render("submission_checklist.html", lang=lang, words=words, checklist=procedure.checklist)


def render_form(procedure: Procedure, contacts, words: Words, page: PageContext) -> str:
    """The form: completeness checked in the browser; the completed submission to download or print and
    hand in at the office named beside it (or give by telephone), or, once ``data/contacts.yml`` has the
    NCP's e-mail, to send from the visitor's e-mail program."""
    return render("submission_form.html", lang=page.lang, words=words, checklist=procedure.checklist,
                  contacts=contacts, email=getattr(contacts, "email", None) or "",
                  script=relative_url(page.url, SCRIPT), next_steps=Markup(render_next_steps(procedure, words, page.lang)))


def render_next_steps(procedure: Procedure, words: Words, lang: str) -> str:
    first, *later = procedure.stages
    return render("submission_next.html", lang=lang, words=words, procedure=procedure,
                  first=first, deadlines=procedure.deadlines_of(first.id), next_stage=later[0] if later else None)


def _procedure(project) -> Procedure:
    procedure = project.data.procedure
    if procedure is None:
        raise DataErrors([DataError(project.sources.path(FILE), 1, "(file)",
                                    "does not exist, but a page shows the procedure",
                                    "restore it from git, or remove the procedure's macros from the page")])
    return procedure


MACROS = {
    "procedure_timeline": lambda project, page: render_timeline(_procedure(project), project.words, page.lang),
    "submission_checklist": lambda project, page: render_checklist(_procedure(project), project.words, page.lang),
    "submission_form": lambda project, page: render_form(_procedure(project), project.data.contacts,
                                                         project.words, page),
    "submission_next_steps": lambda project, page: render_next_steps(_procedure(project), project.words, page.lang),
}
