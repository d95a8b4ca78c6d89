"""The parity rule for hand-written pages: every page in ``docs/`` exists in every site language."""

from __future__ import annotations

from ..core.errors import DataError, display_path
from ..core.sources import Sources


def page_parity_errors(sources: Sources) -> list[DataError]:
    config = sources.config
    languages = config.languages
    errors = []
    for page, versions in sources.pages.items():
        some = next(iter(versions.values()))
        if "" in versions:
            errors.append(DataError(some.shown, 1, "page", "has no language suffix",
                                    f"rename it to {page[:-3]}.{languages.default}.md and add "
                                    f"the other languages' versions ({languages.suffixes()})"))
        for lang, version in versions.items():
            if lang and lang not in languages:
                errors.append(DataError(version.shown, 1, "page", f"'{lang}' is not a language of this site",
                                        f"use one of the suffixes {languages.suffixes()}"))
        present = [lang for lang in languages if lang in versions]
        if not present:
            continue
        source = versions[present[0]].shown
        for lang in languages:
            if lang not in versions:
                missing = display_path(config.docs_dir / f"{page[:-3]}.{lang}.md", config.root)
                errors.append(DataError(source, 1, "page", f"has no {languages.name(lang)} version",
                                        f"create {missing} (every page is published in "
                                        f"{languages.spoken()} together)", lang))
    return errors
