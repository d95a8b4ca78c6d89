"""Interface wording (table headings, labels) per language, kept in ``data/ui.yml`` for translators."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.errors import DataError
from ...core.kind import Kind, LoadContext
from ...core.localized import Localized
from ...core.validation import validate

FILE = "ui.yml"


@dataclass(frozen=True)
class UiText:
    strings: dict[str, Localized]
    path: str

    def __call__(self, key: str, lang: str) -> str:
        return self.strings[key][lang]


def load(ctx: LoadContext) -> tuple[UiText | None, list[DataError]]:
    doc, errors = ctx.sources.required_file(FILE)
    if doc is None:
        return None, errors
    if not isinstance(doc.data, dict):
        return None, errors + [doc.error((), "should be a mapping of keys to texts",
                                         f"write 'key:' followed by {', '.join(c + ':' for c in ctx.languages)} lines")]
    strings = {}
    for key, value in doc.data.items():
        text, errs = validate(Localized, value, doc, ctx.languages, (key,))
        errors += errs
        if text is not None:
            strings[key] = text
    return UiText(strings, doc.path), errors


KIND = Kind(name="ui", load=load)
