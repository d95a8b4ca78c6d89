"""Build the register from the glossary and ``data/abbreviations.yml`` (optional); report conflicts."""

from __future__ import annotations

from ...core.errors import DataError, shown
from ...core.kind import LoadContext, ReadsGlossary
from ...core.messages import LanguageName, _
from ...core.records import RecordFiles, load_records
from ...core.validation import validate
from ...core.vocabulary import Vocabulary
from ...core.yamlsrc import YamlDoc, field_name
from .model import Abbreviation, Entry, Group, Register

FILES = RecordFiles("abbreviations.yml", _("group of abbreviations"), "data/abbreviations.yml",
                    list_key="abbreviations", optional=True)


def load(ctx: LoadContext[ReadsGlossary]) -> tuple[Register, list[DataError]]:
    languages = ctx.languages
    register = Register({lang: {} for lang in languages})
    errors: list[DataError] = []
    found: list[tuple[str, str, str, tuple]] = []  # (lang, abbr, expansion, (path, line, field))
    glossary = ctx.loaded.glossary
    glossary_doc, _errors, _exists = ctx.sources.data_file("glossary.yml")
    if glossary is not None and glossary_doc is not None:
        found += _from_glossary(glossary_doc, glossary, languages)
    groups, errs = load_records(ctx.sources, FILES, Group)
    errors += errs
    for group in groups:
        for code, value in (group.record.model_extra or {}).items():
            if code not in languages:
                errors.append(group.error((code,), _("{code} is not a language of this site", code=shown(code)),
                                          _("use one of: {codes}", codes=languages.listing())))
                continue
            entry, errs = validate(Entry, value, group.doc, languages, group.loc + (code,))
            errors += errs
            if entry is not None:
                found.append((code, entry.abbr, entry.expansion, _where(group.doc, group.loc + (code, "abbr"))))
    for lang, abbr, expansion, (path, line, where) in found:
        place = f"{path}:{line}"
        known = register.by_lang[lang].get(abbr)
        if known is None:
            register.by_lang[lang][abbr] = Abbreviation(abbr, expansion, place)
            continue
        if known.expansion.casefold() == expansion.casefold():
            problem = _("{abbr} is already in the register ({where})", abbr=f"'{abbr}'", where=known.place)
            fix = _("keep one definition: the glossary's abbreviation field or data/abbreviations.yml")
        else:
            problem = _("{abbr} has two expansions in {language}: {first} ({first_where}) and {second} ({second_where})",
                        abbr=f"'{abbr}'", language=LanguageName(lang), first=f"'{known.expansion}'",
                        first_where=known.place, second=f"'{expansion}'", second_where=place)
            fix = _("give each meaning its own abbreviation, or write one of them out in full")
        errors.append(DataError(path, line, where, problem, fix, lang))
    return register, errors


def _where(doc: YamlDoc, loc: tuple) -> tuple[str, int, str]:
    return doc.path, doc.line(loc), field_name(loc)


def _from_glossary(doc: YamlDoc, glossary: Vocabulary, languages) -> list[tuple[str, str, str, tuple]]:
    """Glossary abbreviations in file order, expanded by the concept's preferred term."""
    found = []
    for i, raw in enumerate((doc.data or {}).get("concepts") or []):
        concept = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(concept, str) or not glossary.has(concept):
            continue
        for lang in languages:
            entry = glossary.entry(concept, lang)
            if entry.abbreviation:
                where = _where(doc, ("concepts", i, "terms", lang, "abbreviation"))
                found.append((lang, entry.abbreviation, entry.preferred, where))
    return found
