"""``term()`` macro calls in pages: found in the source, checked against the glossary at load."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ...core.cache import cached_with
from ...core.errors import DataError
from ...core.quotations import line_at
from ...core.sources import Sources

_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_TERM_CALL = re.compile(r"(?<![\w.])term\s*\(")


def term_calls(text: str) -> Iterator[tuple[int, str, tuple | None, dict]]:
    """Every ``term(...)`` macro call in a page's source: (offset, call, args, kwargs).

    ``args`` is None (and ``kwargs`` empty) when an argument is computed (checked when the page renders).
    """
    for expression in _EXPRESSION.finditer(text):
        for match in _TERM_CALL.finditer(text, expression.start(), expression.end()):
            parsed = _parse_call(text, match.start(), expression.end())
            if parsed is not None:
                yield (match.start(), *parsed)


def _parse_call(text: str, start: int, limit: int) -> tuple[str, tuple | None, dict] | None:
    end = text.find(")", start, limit)
    while end != -1:
        call = text[start:end + 1]
        try:
            node = ast.parse(call, mode="eval").body
        except SyntaxError:
            end = text.find(")", end + 1, limit)
            continue
        if not isinstance(node, ast.Call):
            return None
        try:
            args = tuple(ast.literal_eval(a) for a in node.args)
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
        except ValueError:
            return call, None, {}  # a computed argument: checked when the page is rendered
        return call, args, kwargs
    return None


def _form_of(args: tuple, kwargs: dict):
    return kwargs.get("form", args[1] if len(args) > 1 else None)


def term_call_error(page, lang: str, concept_id: str, form, error) -> DataError:
    """A failing ``term()`` call located in its page (a ``core.sources.PageSource``).

    The macros plugin does not say where a macro was called, so the line is that of the first call
    with these literal arguments in the page source, else of the first call with computed ones.
    """
    source = page.text if page is not None else ""
    calls = list(term_calls(source))
    literal = [at for at, _ignored, args, kwargs in calls
               if args is not None and args[:1] == (concept_id,) and _form_of(args, kwargs) == form]
    computed = [at for at, _name, args, _kwargs in calls if args is None]
    line = line_at(source, (literal or computed)[0]) if (literal or computed) else 1
    return DataError(page.shown if page is not None else "docs", line, f"term('{concept_id}')",
                     error.problem, error.fix, lang)


def term_call_errors(sources: Sources, glossary, glossary_key: str = "") -> list[DataError]:
    """Every ``term()`` call in ``docs/`` names a glossary concept and a form of it in the page's language
    (each page's errors kept in its cache entry with ``glossary_key``, the digest of the glossary's file)."""
    return [error for page in sources.page_versions() if page.lang in sources.config.languages
            for error in cached_with(sources.entries.get(page.shown), "term calls",
                                     lambda: _page_term_call_errors(page, glossary), glossary_key)]


def _page_term_call_errors(page, glossary) -> list[DataError]:
    from ...kinds.glossary import TermError  # here: importing the kinds would make every never-publish search load them

    errors = []
    for at, call, args, kwargs in term_calls(page.text):
        if not args or not isinstance(args[0], str):  # computed or missing: checked at render
            continue
        try:
            glossary.spelling(args[0], page.lang, _form_of(args, kwargs))
        except TermError as exc:
            errors.append(DataError(page.shown, line_at(page.text, at), call, exc.problem, exc.fix, page.lang))
    return errors
