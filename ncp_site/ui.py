"""Interface wording (table headings, labels) per language, kept in ``data/ui.yml`` for translators."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .i18n import Localized
from .validation import validate
from .yamlsrc import load_yaml


@dataclass(frozen=True)
class UiText:
    strings: dict[str, Localized]
    path: str

    def __call__(self, key: str, lang: str) -> str:
        return self.strings[key][lang]


def load_ui(path: Path, root: Path | None = None) -> tuple[UiText | None, list[DataError]]:
    doc, errors = load_yaml(path, root)
    if doc is None:
        return None, errors
    if not isinstance(doc.data, dict):
        return None, errors + [doc.error((), "should be a mapping of keys to texts",
                                         "write 'key:' followed by kk:, ru:, en: lines")]
    strings = {}
    for key, value in doc.data.items():
        text, errs = validate(Localized, value, doc, (key,))
        errors += errs
        if text is not None:
            strings[key] = text
    return UiText(strings, doc.path), errors
