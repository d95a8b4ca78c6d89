"""The files the site generates from a Project besides pages: open data, calendars; no MkDocs here."""

from __future__ import annotations

from ..core.kind import OutputFile


def language_files(project, lang: str) -> list[OutputFile]:
    """Files of one language (its calendar feed, say)."""
    return [f for kind in project.kinds if kind.files for f in kind.files(project, lang)]


def site_files(project) -> list[OutputFile]:
    """Files written once for the whole site (``data/cases.json``)."""
    return [f for kind in project.kinds if kind.site_files for f in kind.site_files(project)]
