"""Filters over Pagefind's index of a list's record pages: the register of specific instances, the
events, the documents.

Each record's page names its value(s) of every filter as codes (``data-pagefind-filter``, written by
``templates/register_data.html``), plus a ``register`` filter naming its list and a sort key, so a
list searches its own pages only, newest first. The list page gets a form (``register_filters.html``,
driven by ``overrides/assets/javascripts/ncp-register.js``) with one select per filter: every value
the records have, labelled in the page's language, with how many records have it. The counts come
from the data here; the script replaces them by Pagefind's once a filter is chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .rendering import Words, render_from

SCRIPT = "assets/javascripts/ncp-register.js"
"""The one script behind every list's filters (under the site root)."""

R = TypeVar("R")


@dataclass(frozen=True)
class FacetOption:
    value: str  # a code, the same in every language (and in a shared URL)
    label: str  # what a visitor reads, in the page's language
    count: int  # how many records have it, no filter applied


@dataclass(frozen=True)
class Facet:
    key: str  # the Pagefind filter name and the URL fragment's parameter
    heading: str
    options: list[FacetOption]


@dataclass(frozen=True)
class Filters:
    """A list page's filter form, rendered by ``register_filters.html``."""

    register: str  # the ``register`` filter's value on the list's record pages
    sort: str  # the Pagefind sort key of those pages (sorted descending: newest first)
    every: str  # words on every one of those pages, searched when only filters are chosen
    texts: str  # the ui keys' prefix: ``<texts>.filters``, ``.results``, ``.found``, ``.needs_script``
    facets: list[Facet]
    script: str  # the script's URL relative to the page


def count_facets(records: Iterable[R], values_of: Callable[[R], dict[str, list[str]]], headings: dict[str, str],
                 label: Callable[[str, str], str],
                 order: Callable[[str, list[str]], list[str]] | None = None) -> list[Facet]:
    """Each filter of ``headings`` (in its order) with the values the records have and how many have each.

    ``values_of(record)``: the record's values per filter (a record may have several, or none);
    ``label(key, value)``: a value as shown; ``order(key, values)``: the order shown (default: by label).
    """
    counts: dict[str, Counter] = {key: Counter() for key in headings}
    for record in records:
        values = values_of(record)
        for key in headings:
            counts[key].update(dict.fromkeys(values.get(key, []), 1))

    def by_label(key: str, values: list[str]) -> list[str]:
        return sorted(values, key=lambda v: label(key, v).casefold())

    arrange = order or by_label
    return [Facet(key, heading, [FacetOption(v, label(key, v), counts[key][v]) for v in arrange(key, list(counts[key]))])
            for key, heading in headings.items()]


_TEMPLATES = str(Path(__file__).resolve().parent / "templates")


def render_filters(filters: Filters, words: Words, lang: str) -> str:
    """The filter form of a list page (hidden until the script runs), its results and the script."""
    return render_from(_TEMPLATES, "register_filters.html", lang=lang, words=words, filters=filters)
