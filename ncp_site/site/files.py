"""The files the site generates from a Project besides pages: open data, calendars; no MkDocs here."""

from __future__ import annotations

from collections.abc import Callable

from ..core.kind import OutputFile

Made = Callable[[str, "str | None", Callable[[], list[OutputFile]]], list[OutputFile]]
"""``made(kind, lang, make)``: the files ``make()`` makes for a kind (``lang`` None: the site's own);
under ``mkdocs serve --dirty`` the plugin passes one that keeps the last build's while their data is unchanged."""


def made_anew(kind: str, lang: str | None, make: Callable[[], list[OutputFile]]) -> list[OutputFile]:
    return make()


def language_files(project, lang: str, made: Made = made_anew) -> list[OutputFile]:
    """Files of one language (its calendar feed, say)."""
    return [f for kind in project.kinds if kind.files
            for f in made(kind.name, lang, lambda kind=kind: kind.files(project, lang))]


def site_files(project, made: Made = made_anew) -> list[OutputFile]:
    """Files written once for the whole site (``data/cases.json``)."""
    return [f for kind in project.kinds if kind.site_files
            for f in made(kind.name, None, lambda kind=kind: kind.site_files(project))]
