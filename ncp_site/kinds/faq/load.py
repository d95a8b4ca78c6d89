"""Load ``data/faq.yml`` (optional: no file, no questions yet); pages named under ``see`` must exist."""

from __future__ import annotations

from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsWording
from ...core.messages import _
from ...core.records import Located, RecordFiles, load_records
from ...core.vocabulary import missing_wording
from .model import GROUPS, Question

FILES = RecordFiles("faq.yml", _("question"), "data/faq.yml", list_key="questions", optional=True)


def load(ctx: LoadContext[ReadsWording]) -> tuple[list[Question], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, Question, lambda q, at: see_errors(q, at, ctx))
    errors += missing_wording(ctx.loaded.ui, [f"faq.group.{g}" for g in GROUPS], _("a question group"))
    return [at.record for at in found], errors


def page_key(see: str) -> str:
    """``procedures/`` -> ``procedures/index.md`` (the page's key in ``docs/``, without its language)."""
    return see.strip("/") + "/index.md" if see.strip("/") else "index.md"


def see_errors(q: Question, at: Located, ctx: LoadContext) -> list[DataError]:
    pages = ctx.sources.pages
    errors = []
    for k, see in enumerate(q.see):
        if not see.endswith("/") or see.startswith("/") or ".." in see:
            errors.append(at.error(("see", k), _("{value} is not a page address of this site", value=f"'{see}'"),
                                   _("write the page's folder under docs/ ending with /, e.g. procedures/")))
        elif page_key(see) not in pages:
            errors.append(at.error(("see", k), _("there is no page {value}", value=f"'{see}'"),
                                   _("use a folder of docs/ that has index pages, e.g. procedures/ ({path} does not "
                                     "exist)", path=f"docs/{page_key(see).replace('.md', '.kk.md')}")))
    return errors


def grouped(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """The groups in their fixed order, each with its questions in file order; empty groups left out."""
    return [(g, [q for q in questions if q.group == g]) for g in GROUPS if any(q.group == g for q in questions)]
