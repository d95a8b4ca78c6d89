"""What ``ncp check`` prints: what the data holds, then every problem grouped by file.

An editor reads it on a terminal (coloured, with ``rich``), CI reads it in a log (plain: no colour
codes, no wrapping), a program reads ``--format json``. Whatever the form, each problem stays one
complete line ``path:line: field (lang): what is wrong -- how to fix``, so it can be searched for
and opened from an editor; a file heading only groups them. Warnings (a fact that may be out of
date, say) are listed apart and never fail the check.

Quiet by default: valid data is one line. The problems of the files changed since the last commit
(``core.worktree``) come first, and warnings about files nobody touched, the historical quotations
and the counts wait for ``--verbose``; errors are always listed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .core.errors import DataError, listed
from .core.messages import _, _n
from .core.records import count_records


@dataclass(frozen=True)
class Summary:
    records: dict[str, int]  # "specific instance" -> how many the data holds
    translations: dict[str, dict[str, int]]  # lang -> state -> how many texts
    errors: list[DataError]
    warnings: list[DataError] = field(default_factory=list)
    quotations: list[str] = field(default_factory=list)
    changed: frozenset[str] | None = None
    """The files changed since the last commit; None without git (then nothing is put first or held back)."""

    def touched(self, problem: DataError) -> bool:
        return self.changed is None or problem.path in self.changed


def summarise(project, changed: set[str] | None = None) -> Summary:
    records = {str(new.files.noun): count_records(project.sources, new.files)
               for kind in project.kinds for new in kind.new if not new.inside}
    translations = project.translations.counts() if project.translations is not None else {}
    return Summary(records, translations, list(project.errors), list(project.warnings),
                   [str(q) for q in project.quotations], None if changed is None else frozenset(changed))


def console_for(stream=None, environ=None) -> Console:
    """Colour on a terminal; plain text when the output is a file or a pipe, or under CI (``CI`` set)."""
    stream = stream or sys.stdout
    environ = os.environ if environ is None else environ
    terminal = stream.isatty() and not environ.get("CI")
    return Console(file=stream, force_terminal=terminal, no_color=not terminal, highlight=False,
                   soft_wrap=True, emoji=False, width=None if terminal else 10_000)


def render(summary: Summary, console: Console, redact=lambda text: text, *, verbose: bool = True) -> None:
    """The problems by file (changed files first) and the warnings; with ``verbose`` also the counts, every
    warning and the quotations exempt from the terminology lint."""
    if verbose:
        _counts(summary, console)
    _problems(console, "error", summary.errors, "red", redact, summary.changed)
    warnings = summary.warnings if verbose else [w for w in summary.warnings if summary.touched(w)]
    _problems(console, "warning", warnings, "yellow", redact, summary.changed)
    if verbose and summary.quotations:
        console.print("\n" + str(_n('{n:,} historical quotation exempt from the terminology lint (marked '
                                     '<q class="historical">):', '{n:,} historical quotations exempt from the '
                                     'terminology lint (marked <q class="historical">):', len(summary.quotations))),
                      markup=False)
        for quotation in summary.quotations:
            console.print(Text(redact(f"  {quotation}")))


def held_back(summary: Summary, verbose: bool) -> str:
    """What the quiet report left out, in a few words ("" when nothing was)."""
    hidden = 0 if verbose else sum(not summary.touched(w) for w in summary.warnings)
    return (str(_n("{n:,} warning in files you did not change: `ncp check --verbose` lists it",
                   "{n:,} warnings in files you did not change: `ncp check --verbose` lists them", hidden))
            if hidden else "")


def _counts(summary: Summary, console: Console) -> None:
    console.print(Text(str(_("Records in the data")), style="bold"))
    counts = Table(show_header=False, box=None, pad_edge=False)
    for noun, n in summary.records.items():
        counts.add_row(Text(noun), Text(str(n), justify="right"))
    console.print(counts)
    if summary.translations:
        languages = list(summary.translations)
        states = list(next(iter(summary.translations.values())))
        console.print(Text(str(_("Translations (texts per language)")), style="bold"))
        table = Table(box=None, pad_edge=False)
        table.add_column("")
        for lang in languages:
            table.add_column(lang, justify="right")
        for state in states:
            table.add_row(state, *(str(summary.translations[lang][state]) for lang in languages))
        console.print(table)


def _problems(console: Console, noun: str, problems: list[DataError], colour: str, redact,
              changed: frozenset[str] | None = None) -> None:
    if not problems:
        return
    files = _n("{n:,} file", "{n:,} files", len({p.path for p in problems}))
    heading = (_n("{n:,} error in {files}:", "{n:,} errors in {files}:", len(problems), files=files) if noun == "error"
               else _n("{n:,} warning in {files}:", "{n:,} warnings in {files}:", len(problems), files=files))
    console.print(Text(f"\n{heading}", style=f"bold {colour}"))
    first = (lambda p: p.path not in changed) if changed else (lambda p: False)
    for path, group in groupby(sorted(problems, key=lambda p: (first(p), p.path, p.line, p.field, p.lang or "")),
                               key=lambda p: p.path):
        in_file = list(group)
        mark = " · " + str(_("changed since the last commit")) if changed and path in changed else ""
        console.print(Text(redact(f"── {path} ({len(in_file)}){mark}"), style="bold"))
        for problem in listed(in_file):
            console.print(_line(problem, colour, redact))


def _line(problem: DataError, colour: str, redact) -> Text:
    """The complete ``path:line: field (lang): problem -- fix`` line, its parts coloured."""
    line = redact(str(problem))
    text = Text(line)
    where = f"{problem.path}:{problem.line}:"
    if line.startswith(where):
        text.stylize("cyan", 0, len(where))
        cut = line.rfind(" -- ")
        if cut > 0:
            text.stylize(colour, len(where), cut)
            text.stylize("green", cut + 4)
    return text


def as_json(summary: Summary, redact=lambda text: text) -> dict:
    def problem(p: DataError) -> dict:
        return {"path": redact(p.path), "line": p.line, "field": redact(p.field), "lang": p.lang,
                "problem": redact(str(p.problem)),
                "fix": redact(str(p.fix)), "message": redact(str(p))}

    return {"ok": not summary.errors, "records": summary.records, "translations": summary.translations,
            "errors": [problem(p) for p in listed(summary.errors)],
            "warnings": [problem(p) for p in listed(summary.warnings)],
            "quotations": [redact(q) for q in summary.quotations]}
