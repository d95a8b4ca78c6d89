"""The parity rule for hand-written pages: every page in ``docs/`` exists in every site language."""

from __future__ import annotations

from ..core.errors import DataError, display_path
from ..core.messages import LanguageName, _, listing
from ..core.sources import Sources


def page_parity_errors(sources: Sources) -> list[DataError]:
    config = sources.config
    languages = config.languages
    errors = []
    for page, versions in sources.pages.items():
        some = next(iter(versions.values()))
        if "" in versions:
            errors.append(DataError(some.shown, 1, "page", _("has no language suffix"),
                                    _("rename it to {name} and add the other languages' versions ({suffixes})",
                                      name=f"{page[:-3]}.{languages.default}.md", suffixes=languages.suffixes())))
        for lang, version in versions.items():
            if lang and lang not in languages:
                errors.append(DataError(version.shown, 1, "page", _("{code} is not a language of this site", code=f"'{lang}'"),
                                        _("use one of the suffixes {suffixes}", suffixes=languages.suffixes())))
        present = [lang for lang in languages if lang in versions]
        if not present:
            continue
        source = versions[present[0]].shown
        for lang in languages:
            if lang not in versions:
                missing = display_path(config.docs_dir / f"{page[:-3]}.{lang}.md", config.root)
                errors.append(DataError(source, 1, "page", _("has no {language} version", language=LanguageName(lang)),
                                        _("create {path} (every page is published in {languages} together)",
                                          path=missing, languages=listing(languages.codes)), lang))
    return errors
