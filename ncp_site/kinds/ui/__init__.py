"""Interface wording (table headings, labels) per language, kept in ``data/ui.yml`` for translators."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.cache import cached_with
from ...core.errors import DataError, DataErrors
from ...core.kind import Kind, LoadContext
from ...core.localized import Localized
from ...core.messages import LanguageName, _, _n
from ...core.rendering import plural_forms
from ...core.validation import validate

FILE = "ui.yml"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class UiText:
    strings: dict[str, Localized]
    path: str

    def __call__(self, key: str, lang: str) -> str:
        """The wording of ``key``; a key the site uses but the file lacks stops the build with a located error."""
        try:
            return self.strings[key][lang]
        except KeyError:
            raise DataErrors([DataError(self.path, 1, key, _("is missing, and the site uses it"),
                                        _("add '{key}:' with one line per language (see the key's neighbours)",
                                          key=key))]) from None


def load(ctx: LoadContext) -> tuple[UiText | None, list[DataError]]:
    doc, errors = ctx.sources.required_file(FILE)
    if doc is None:
        return None, errors
    if not isinstance(doc.data, dict):
        return None, errors + [doc.error((), _("should be a mapping of keys to texts"),
                                         _("write 'key:' followed by {keys} lines",
                                           keys=", ".join(c + ":" for c in ctx.languages)))]
    strings, errs = cached_with(ctx.sources.entries.get(doc.path), "ui texts", lambda: _texts(doc, ctx.languages))
    return UiText(strings, doc.path), errors + errs


def _texts(doc, languages) -> tuple[dict[str, Localized], list[DataError]]:
    """The file's texts and their problems: its bytes decide them, so they are kept in its cache entry
    (a warm ``ncp check`` then loads no CLDR plural rules: a quarter of it on the repository)."""
    strings, errors = {}, []
    for key, value in doc.data.items():
        text, errs = validate(Localized, value, doc, languages, (key,))
        errors += errs
        if text is not None:
            strings[key] = text
            errors += placeholder_errors(doc, key, text, languages)
            errors += _plural_errors(doc, key, text)
    return strings, errors


def placeholder_errors(doc, key: str, text: Localized, languages) -> list[DataError]:
    """Every language must keep the ``{name}`` slots the site fills: only their place in the sentence may differ."""
    first = languages.codes[0]
    expected = set(PLACEHOLDER.findall(text[first]))
    errors = []
    for lang in languages.codes[1:]:
        found = set(PLACEHOLDER.findall(text[lang]))
        if found != expected:
            errors.append(DataError(doc.path, doc.line((key, lang)), key,
                                    _("has the placeholders {found} but the {language} text has {expected}",
                                      found=_slots(found), language=LanguageName(first), expected=_slots(expected)),
                                    _("write the same {{…}} placeholders in every language, in the place the "
                                      "language's word order needs"), lang))
    return errors


def _slots(names: set[str]):
    return ", ".join("{" + n + "}" for n in sorted(names)) or _("none")


def _plural_errors(doc, key: str, text: Localized) -> list[DataError]:
    """A counted text (forms separated by ``|``) has one form per plural category of its language."""
    errors = []
    for lang, value in text.items():
        if "|" not in value:
            continue
        forms, categories = value.split("|"), plural_forms(lang)
        if len(forms) != len(categories):
            errors.append(DataError(doc.path, doc.line((key, lang)), key,
                                    _("has {forms} forms separated by '|'; this language counts with {count} ({names})",
                                      forms=len(forms), count=len(categories), names=", ".join(categories)),
                                    _("write {count} forms, each with {{n}}, separated by '|'", count=len(categories)),
                                    lang))
    return errors


KIND = Kind(name="ui", load=load, data=(FILE,))
