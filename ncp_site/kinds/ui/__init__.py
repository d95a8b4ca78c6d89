"""Interface wording (table headings, labels) per language, kept in ``data/ui.yml`` for translators."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.errors import DataError, DataErrors
from ...core.kind import Kind, LoadContext
from ...core.localized import Localized
from ...core.validation import validate

FILE = "ui.yml"


@dataclass(frozen=True)
class UiText:
    strings: dict[str, Localized]
    path: str

    def __call__(self, key: str, lang: str) -> str:
        """The wording of ``key``; a key the site uses but the file lacks stops the build with a located error."""
        try:
            return self.strings[key][lang]
        except KeyError:
            raise DataErrors([DataError(self.path, 1, key, "is missing, and the site uses it",
                                        f"add '{key}:' with one line per language (see the key's neighbours)")]) from None


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


KIND = Kind(name="ui", load=load, data=(FILE,))
