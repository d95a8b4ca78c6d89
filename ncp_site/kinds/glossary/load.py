"""Load ``data/glossary.yml``: every concept validated, ids unique, both editions' chapter titles present."""

from __future__ import annotations

from ...core.errors import DataError
from ...core.kind import LoadContext
from ...core.messages import _
from ...core.validation import validate
from ...core.vocabulary import EDITIONS, ROMAN
from .model import Concept, Glossary, GlossaryFile

FILE = "glossary.yml"


def load(ctx: LoadContext) -> tuple[Glossary | None, list[DataError]]:
    doc, errors = ctx.sources.required_file(FILE)
    if doc is None:
        return None, errors
    parsed, more = validate(GlossaryFile, doc.data, doc, ctx.languages, entry=ctx.sources.entries.get(doc.path))
    errors += more
    if parsed is None:
        return None, errors
    concepts: dict[str, Concept] = {}
    lines: dict[str, int] = {}
    for i, concept in enumerate(parsed.concepts):
        if concept.id in concepts:
            errors.append(doc.error(("concepts", i, "id"), _("{id} is used twice (first on line {line})",
                                                             id=f"'{concept.id}'", line=lines[concept.id]),
                                    _("give each concept its own id")))
            continue
        concepts[concept.id] = concept
        lines[concept.id] = doc.line(("concepts", i))
    for roman in ROMAN:
        for edition in EDITIONS:
            if f"chapter_{roman.lower()}_{edition}" not in concepts:
                errors.append(doc.error(("concepts",), _("chapter {roman} of the {edition} Guidelines has no concept",
                                                         roman=roman, edition=edition),
                                        _("add a concept with id {concept}", concept=f"chapter_{roman.lower()}_{edition}")))
    return Glossary(concepts, doc.path, lines, ctx.languages), errors
