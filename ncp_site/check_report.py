"""What ``ncp check`` prints: what the data holds, then every problem grouped by file.

An editor reads it on a terminal (coloured, with ``rich``), CI reads it in a log (plain: no colour
codes, no wrapping), a program reads ``--format json``. Whatever the form, each problem stays one
complete line ``path:line: field (lang): what is wrong -- how to fix``, so it can be searched for
and opened from an editor; a file heading only groups them. Warnings (a fact that may be out of
date, say) are listed apart and never fail the check.
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
from .core.records import count_records


@dataclass(frozen=True)
class Summary:
    records: dict[str, int]  # "specific instance" -> how many the data holds
    translations: dict[str, dict[str, int]]  # lang -> state -> how many texts
    errors: list[DataError]
    warnings: list[DataError] = field(default_factory=list)
    quotations: list[str] = field(default_factory=list)


def summarise(project) -> Summary:
    records = {new.files.noun: count_records(project.sources, new.files)
               for kind in project.kinds for new in kind.new if not new.inside}
    translations = project.translations.counts() if project.translations is not None else {}
    return Summary(records, translations, list(project.errors), list(project.warnings),
                   [str(q) for q in project.quotations])


def console_for(stream=None, environ=None) -> Console:
    """Colour on a terminal; plain text when the output is a file or a pipe, or under CI (``CI`` set)."""
    stream = stream or sys.stdout
    environ = os.environ if environ is None else environ
    terminal = stream.isatty() and not environ.get("CI")
    return Console(file=stream, force_terminal=terminal, no_color=not terminal, highlight=False,
                   soft_wrap=True, emoji=False, width=None if terminal else 10_000)


def render(summary: Summary, console: Console, redact=lambda text: text) -> None:
    """The summary, the problems by file, the warnings, the quotations exempt from the terminology lint."""
    console.print(Text("Records in the data", style="bold"))
    counts = Table(show_header=False, box=None, pad_edge=False)
    for noun, n in summary.records.items():
        counts.add_row(Text(noun), Text(str(n), justify="right"))
    console.print(counts)
    if summary.translations:
        languages = list(summary.translations)
        states = list(next(iter(summary.translations.values())))
        console.print(Text("Translations (texts per language)", style="bold"))
        table = Table(box=None, pad_edge=False)
        table.add_column("")
        for lang in languages:
            table.add_column(lang, justify="right")
        for state in states:
            table.add_row(state, *(str(summary.translations[lang][state]) for lang in languages))
        console.print(table)
    _problems(console, "error", summary.errors, "red", redact)
    _problems(console, "warning", summary.warnings, "yellow", redact)
    if summary.quotations:
        console.print(f"{len(summary.quotations)} historical quotation(s) exempt from the terminology lint "
                      '(marked <q class="historical">):', markup=False)
        for quotation in summary.quotations:
            console.print(Text(redact(f"  {quotation}")))


def _problems(console: Console, noun: str, problems: list[DataError], colour: str, redact) -> None:
    if not problems:
        return
    files = sorted({p.path for p in problems})
    console.print(Text(f"\n{len(problems)} {noun}(s) in {len(files)} file(s):", style=f"bold {colour}"))
    for path, group in groupby(sorted(problems, key=lambda p: (p.path, p.line, p.field, p.lang or "")),
                               key=lambda p: p.path):
        group = list(group)
        console.print(Text(redact(f"── {path} ({len(group)})"), style="bold"))
        for problem in listed(group):
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
                "problem": redact(p.problem),
                "fix": redact(p.fix), "message": redact(str(p))}

    return {"ok": not summary.errors, "records": summary.records, "translations": summary.translations,
            "errors": [problem(p) for p in listed(summary.errors)],
            "warnings": [problem(p) for p in listed(summary.warnings)],
            "quotations": [redact(q) for q in summary.quotations]}
