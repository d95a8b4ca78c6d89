"""Texts cut short: a quotation mark left open in the data.

YAML ends a plain (unquoted) text where `` #`` starts a comment, so ``kk: «Даму күні #21»`` is read as
«Даму күні and the page shows a title cut in half with its quotation mark open. The same open mark
comes from nesting «…» inside «…» instead of „…“. ``ncp check`` warns about every text of the data
whose «», „“ or straight double quotes do not pair up, and says when a comment on its line is why.
"""

from __future__ import annotations

from ..core.errors import DataWarning
from ..core.messages import _
from ..core.sources import Sources
from ..core.yamlsrc import YamlDoc, field_name

PAIRS = (("«", "»"), ("„", "“"))


def unbalanced(text: str) -> bool:
    """Whether a text opens a quotation it does not close (or closes one it did not open)."""
    return any(text.count(left) != text.count(right) for left, right in PAIRS) or text.count('"') % 2 == 1


def warnings(sources: Sources) -> list[DataWarning]:
    languages = tuple(sources.config.languages)
    found = []
    for doc in sources.translatable():
        lines = doc.text.splitlines()
        for loc, text in _texts(doc.data, ()):
            if unbalanced(text):
                found.append(_warning(doc, loc, text, lines, languages))
    return found


def _texts(value, loc: tuple):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, loc + (i,))
    elif isinstance(value, str):
        yield loc, value


def _warning(doc: YamlDoc, loc: tuple, text: str, lines: list[str], languages: tuple) -> DataWarning:
    line = doc.line(loc)
    lang = loc[-1] if loc and loc[-1] in languages else None
    field = field_name(loc[:-1] if lang else loc)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    shown = text if len(text) <= 40 else text[:37] + "..."
    if " #" in source.partition(":")[2] and not source.partition(":")[2].lstrip().startswith(('"', "'")):
        return DataWarning(doc.path, line, field, _("the text {text} stops at ' #', which YAML reads as a comment",
                                                    text=f"'{shown}'"),
                           _("put the whole text in double quotes: {example}", example='kk: "«Даму күні #21»"'), lang)
    return DataWarning(doc.path, line, field, _("the text {text} opens a quotation mark it does not close",
                                                text=f"'{shown}'"),
                       _("close it; inside «…» quote with „…“, e.g. {example}", example="«„Атамекен“ палатасы»"), lang)
