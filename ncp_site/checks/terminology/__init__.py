"""Terminology lint: no page or localized data field may use a deprecated variant of a glossary term.

The peer review (recs. 1.3 and 3.1) found the NCP's wording drifting from the Guidelines in every
language ("appeal", "обращение", "шағым" for a specific instance ...). Each deprecated variant in
``data/glossary.yml`` is matched here, in its language, case-insensitively, on word boundaries and
in its inflected forms: Russian case endings (every word of the variant declines), Kazakh suffix
chains on the last word, English plural/possessive endings on the last word. A variant's own
``forms`` list covers what these rules cannot derive.

Wording that must be quoted as it was (the title of a ministerial order, say) is wrapped in
``<q class="historical">…</q>``: the lint skips it and ``ncp check`` lists every such quotation.
"""

from __future__ import annotations

import functools

from ...core.sources import Sources
from .matcher import Matcher
from .scan import Findings, Quotation, TerminologyError, html_findings, localized_texts
from .term_calls import term_call_error, term_call_errors, term_calls

__all__ = [
    "Findings",
    "Matcher",
    "Quotation",
    "TerminologyError",
    "check",
    "html_findings",
    "localized_texts",
    "term_call_error",
    "term_call_errors",
    "term_calls",
]


def check(sources: Sources, glossary) -> Findings:
    """The terminology lint of every page and data file, plus the pages' ``term()`` calls."""
    from .scan import data_findings, page_findings

    matcher = functools.cache(lambda: Matcher(glossary, sources.config.languages))  # not made when all is cached
    glossary_key = sources.digest(sources.path("glossary.yml"))
    pages = page_findings(sources, matcher, glossary_key)
    data = data_findings(sources, matcher, glossary_key)
    return Findings(pages.errors + data.errors + term_call_errors(sources, glossary, glossary_key),
                    pages.quotations + data.quotations)
