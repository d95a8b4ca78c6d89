"""The files the site generates from a Project besides pages: calendars and feeds (the kinds' ``files``), and
each kind's open data (``Kind.open_data``) as JSON, CSV and JSON Schema; no MkDocs here."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from ..core.kind import Kind, OutputFile
from ..core.opendata import Dataset, csv_text, json_text, schema_text

if TYPE_CHECKING:
    from ..project import Project

Made = Callable[[str, "str | None", Callable[[], list[OutputFile]]], list[OutputFile]]
"""``made(kind, lang, make)``: the files ``make()`` makes for a kind (``lang`` None: the site's own);
under ``mkdocs serve --dirty`` the plugin passes one that keeps the last build's while their data is unchanged."""


def made_anew(kind: str, lang: str | None, make: Callable[[], list[OutputFile]]) -> list[OutputFile]:
    return make()


def language_files(project: Project, lang: str, made: Made = made_anew) -> list[OutputFile]:
    """Files of one language (its calendar feed, say)."""
    return [f for kind in project.kinds if kind.files
            for f in made(kind.name, lang, partial(kind.files, project, lang))]


def site_files(project: Project, made: Made = made_anew) -> list[OutputFile]:
    """Files written once for the whole site: each kind's open data (``data/cases.json``, ``.csv``, ``.schema.json``)."""
    return [f for kind in project.kinds if kind.open_data
            for f in made(kind.name, None, partial(_open_data_files, kind, project))]


def _open_data_files(kind: Kind, project) -> list[OutputFile]:
    return open_data_files(kind.open_data(project), project) if kind.open_data else []


def open_data_files(dataset: Dataset, project) -> list[OutputFile]:
    return [OutputFile(dataset.json_path, json_text(dataset)),
            OutputFile(dataset.csv_path, csv_text(dataset, project.config.languages.codes)),
            OutputFile(dataset.schema_path, schema_text(dataset))]
