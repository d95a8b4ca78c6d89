"""Pages that follow a glossary change: a ``term(..., form=…)`` call whose spelling the CSV changed.

When a reviewed CSV changes a spelling (a preferred term, a plural, a form, a synonym), every page
of that language that writes the old spelling in ``term('id', form='…')`` is changed with it, in
the same import. A call whose spelling the import deletes, or that would otherwise no longer be a
spelling of its concept, is an error that names the page, the line and the spellings the
concept will have, so the import writes nothing until the page or the CSV is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..checks.terminology.term_calls import term_calls
from ..core.errors import DataError
from ..core.quotations import line_at
from ..core.yamlsrc import Loader

if TYPE_CHECKING:
    from ..project import Project

SPELLINGS = ("preferred", "plural", "abbreviation", "forms", "admitted")


@dataclass(frozen=True)
class PageChange:
    path: str
    line: int
    concept: str
    lang: str
    old: str
    new: str

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: term(\'{self.concept}\') ({self.lang}): form "{self.old}" -> "{self.new}"'


def follow(project: Project, changes, new_text: str) -> tuple[list[PageChange], list[DataError], dict[Path, str]]:
    """The page edits that follow the glossary's changed spellings, the calls that would break, the new pages."""
    concepts = [c["id"] for c in (yaml.load(new_text, Loader=Loader) or {}).get("concepts", [])]
    new_data = yaml.load(new_text, Loader=Loader)
    renamed: dict[tuple[str | None, str], dict[str, str | None]] = {}
    for change in changes:
        loc = change.loc
        if len(loc) < 5 or loc[0] != "concepts" or loc[2] != "terms" or loc[4] not in SPELLINGS or change.old is None:
            continue
        if change.op == "append":
            continue
        concept_id, lang = concepts[loc[1]] if loc[1] < len(concepts) else None, loc[3]
        renamed.setdefault((concept_id, lang), {})[change.old] = change.new
    if not renamed:
        return [], [], {}
    accepted = {(c["id"], lang): _spellings(entry) for c in new_data["concepts"] for lang, entry in c["terms"].items()}
    edits, errors, pages = [], [], {}
    for page in project.sources.page_versions():
        text = page.text
        replacements = []
        for at, call, args, kwargs in term_calls(text):
            if not args or not isinstance(args[0], str) or (args[0], page.lang) not in renamed:
                continue
            form = kwargs.get("form", args[1] if len(args) > 1 else None)
            if form is None:
                continue
            spellings = accepted.get((args[0], page.lang), {})
            new = renamed[(args[0], page.lang)].get(form, form) if form not in ("plural", "abbreviation") else form
            ok = (spellings.get(form) is not None) if form in ("plural", "abbreviation") else (
                new is not None and new.casefold() in {s.casefold() for s in spellings.get("all", [])})
            line = line_at(text, at)
            if not ok:
                choices = ", ".join(f"'{s}'" for s in spellings.get("all", []))
                errors.append(DataError(page.shown, line, call, f"this form of '{args[0]}' is no longer in the glossary "
                                        "after the import", f"use one of: {choices} (change the page and import again), "
                                        "or keep the spelling in the CSV", page.lang))
            elif new != form:
                quoted = [q + form + q for q in ("'", '"') if q + form + q in call]
                if len(quoted) != 1:
                    errors.append(DataError(page.shown, line, call, "cannot be changed in place",
                                            f"write form='{new}' by hand", page.lang))
                    continue
                replacements.append((at, call, call.replace(quoted[0], quoted[0][0] + new + quoted[0][0])))
                edits.append(PageChange(page.shown, line, args[0], page.lang, form, new))
        for at, call, new_call in sorted(replacements, reverse=True):
            text = text[:at] + new_call + text[at + len(call):]
        if replacements:
            pages[page.path] = text
    return edits, errors, pages


def _spellings(entry: dict) -> dict:
    every = [entry.get("preferred"), entry.get("plural"), entry.get("abbreviation"), *(entry.get("forms") or []),
             *(entry.get("admitted") or [])]
    return {"all": [s for s in every if s], "plural": entry.get("plural"), "abbreviation": entry.get("abbreviation")}
