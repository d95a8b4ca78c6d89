"""Located data errors, printed as ``path:line: field (lang): what is wrong -- how to fix``.

The secretariat edits YAML, not Python: every problem must point at the file, the line,
the field and the language, and say how to fix it. Loaders collect errors instead of raising
on the first one, so one run shows everything. The problem and the fix are lazy messages
(``core.messages``): an error is found once and shown in the reader's language; the path, the
line and the field are never translated, so a line can be searched for in any language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .limits import MAX_LISTED_PER_FILE
from .messages import Message, _, _n, message


@dataclass(frozen=True, order=True, init=False)
class DataError:
    path: str
    line: int
    field: str
    problem: Message
    fix: Message
    lang: str | None = None

    def __init__(self, path: str, line: int, field: str, problem: Message | str, fix: Message | str,
                 lang: str | None = None):
        """A text given as it is (a tool's own words) is shown as it is."""
        for name, value in (("path", path), ("line", line), ("field", field), ("problem", message(problem)),
                            ("fix", message(fix)), ("lang", lang)):
            object.__setattr__(self, name, value)

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """The line in ``lang`` (the active language by default): only the problem and the fix are translated."""
        where = f"{self.path}:{self.line}"
        field = f"{self.field} ({self.lang})" if self.lang else self.field
        return _printable(f"{where}: {field}: {self._label(lang)}{_bounded(self.problem.render(lang))} -- "
                          f"{self.fix.render(lang)}")

    def _label(self, lang: str | None) -> str:
        return ""


class DataWarning(DataError):
    """Publishable but worth the secretariat's attention (a case status not updated for long):
    ``ncp check`` prints it apart from the errors and still exits 0."""

    def _label(self, lang: str | None) -> str:
        return _("warning").render(lang) + ": "

    @classmethod
    def of(cls, error: DataError) -> DataWarning:
        return cls(error.path, error.line, error.field, error.problem, error.fix, error.lang)


class Invalid(ValueError):
    """A validator's refusal worded for the Secretariat: pydantic carries it to ``core.validation``, which
    reports its problem and fix (lazy messages) at the field's line."""

    def __init__(self, problem: Message | str, fix: Message | str):
        problem, fix = message(problem), message(fix)
        super().__init__(f"{problem.english} -- {fix.english}")
        self.problem, self.fix = problem, fix


class DataErrors(Exception):
    """Raised once, with every error found, when data cannot be published."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(e) for e in listed(self.errors)]
        lines.append(str(_n("{n:,} error in the data; nothing was published.",
                            "{n:,} errors in the data; nothing was published.", len(self.errors))))
        return "\n".join(lines)


def listed(errors: list[DataError], per_file: int = MAX_LISTED_PER_FILE) -> list[DataError]:
    """The errors as they are shown, in their order: at most ``per_file`` for each file, the rest counted
    in one error where the first of them was."""
    total = Counter(e.path for e in errors)
    if all(n <= per_file for n in total.values()):
        return list(errors)
    seen: Counter = Counter()
    shown_errors = []
    for error in errors:
        seen[error.path] += 1
        if seen[error.path] <= per_file:
            shown_errors.append(error)
        elif seen[error.path] == per_file + 1:
            more = total[error.path] - per_file
            shown_errors.append(type(error)(error.path, error.line, "(file)",
                                            _n("and {n:,} more problem in this file, from this line on",
                                               "and {n:,} more problems in this file, from this line on", more),
                                            _("fix the ones above, then run ncp check again")))
    return shown_errors


MAX_PROBLEM = 400


def _bounded(problem: str) -> str:
    """A problem that quotes too much of the file (a message should quote with ``shown``) still fits a line."""
    return problem if len(problem) <= MAX_PROBLEM else problem[:MAX_PROBLEM - 3] + "..."


def _printable(text: str) -> str:
    """One line whatever a message quotes: line breaks and other invisible characters escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown(value) -> str | Message:
    """A value quoted in a message: on one line (line breaks and control characters escaped), at most 60 characters."""
    if isinstance(value, int) and value.bit_length() > 10_000:  # Python will not print 4,300 digits or more
        return _("a number of thousands of digits")
    text = f"'{value}'" if isinstance(value, str) else repr(value)
    short = _printable(text[:120])
    return short if len(short) <= 60 else short[:57] + "..."


def sort_key(e: DataError):
    """The order errors are listed in, the same in every language."""
    return (e.path, e.line, e.field, e.lang or "", e.problem.english)


def display_path(path: Path, root: Path | None) -> str:
    """Paths relative to the project root read best in messages."""
    if root is not None:
        if Path(path).is_relative_to(root):
            return Path(path).relative_to(root).as_posix()
        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()
