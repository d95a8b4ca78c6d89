"""Pages may call the site's macros with written-out values, and nothing else.

mkdocs-macros renders every page in ``docs/`` as a Jinja template, and Jinja reaches Python: an
expression such as ``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` runs a shell command
in the build. So every ``{{ ... }}`` in a page (and a front-matter ``title``, which mkdocs-macros
renders too) must be one call of a registered macro whose arguments are constants
(``{{ term('final_statement', form='итогового заявления') }}``); statement tags (``{% ... %}``),
variables, attributes, items, filters, operators and computed arguments are refused, each a located
error. Comments (``{# ... #}``) and ``{% raw %}`` text are only text and pass. Nothing here renders
a template: pages are lexed and parsed, never evaluated. The build also renders pages in Jinja's
sandbox (``ncp_site/mkdocs/macros.py``), should anything pass this check.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..core.cache import cached_with
from ..core.errors import DataError, shown
from ..core.messages import Message, _
from ..core.sources import PageSource, Sources, strip_front_matter

if TYPE_CHECKING:
    import jinja2
    from jinja2 import nodes

_EXAMPLE = "{{ term('enterprise') }}"
_MARKERS = ("{{", "{%", "{#")


@functools.cache
def _parser() -> jinja2.Environment:
    """mkdocs-macros' delimiters (mkdocs.yml sets no j2_* option); never renders. Made at the first page with a
    marker: Jinja is not imported by an ``ncp check`` whose pages all come from the cache."""
    import jinja2

    return jinja2.Environment()


def page_template_errors(sources: Sources, macro_names: Iterable[str]) -> list[DataError]:
    """Every expression of every page version that is not a macro call with written-out values (each page's
    kept in its cache entry with the macros' names)."""
    names = frozenset(macro_names)
    key = "\n".join(sorted(names))
    return [error for page in sources.page_versions()
            for error in cached_with(sources.entries.get(page.shown), "templates", lambda: page_errors(page, names), key)]


def page_errors(page: PageSource, names: frozenset[str]) -> list[DataError]:
    body = strip_front_matter(page.text)
    first_line = page.text[:len(page.text) - len(body)].count("\n")  # the body's lines follow the front matter's
    errors = [_error(page, first_line + line, problem, fix) for line, problem, fix in template_problems(body, names)]
    title = page.meta.get("title")
    if isinstance(title, str) and any(marker in title for marker in _MARKERS):
        line = next((i for i, text in enumerate(page.text.splitlines()[:first_line], 1) if text.startswith("title:")), 1)
        errors += [_error(page, line, _("title: {problem}", problem=problem), fix)
                   for _ignored, problem, fix in template_problems(title, names)]
    return errors


def _error(page: PageSource, line: int, problem: Message, fix: Message) -> DataError:
    return DataError(page.shown, line, "page", problem, fix, page.lang or None)


def template_problems(text: str, names: frozenset[str]) -> list[tuple[int, Message, Message]]:
    """``(line, problem, fix)`` for each refused part of ``text`` (lines counted from 1).

    Jinja's lexer stops at a syntax error: what comes before it is checked too, what comes after it once
    it is corrected."""
    import jinja2

    found: list[tuple[int, Message, Message]] = []
    while any(marker in text for marker in _MARKERS):
        try:
            tokens = list(_parser().lex(text))
        except jinja2.TemplateSyntaxError as exc:
            found.insert(0, (exc.lineno, _("is not a valid template ({reason})", reason=str(exc.message)), _SYNTAX_FIX))
            text = "\n".join(text.split("\n")[:max(exc.lineno - 1, 0)])
            continue
        found[:0] = _tag_problems(tokens, names)
        break
    return sorted(found, key=lambda problem: problem[0])


def _tag_problems(tokens: list[tuple[int, str, str]], names: frozenset[str]) -> Iterator[tuple[int, Message, Message]]:
    for line, kind, source in _tags(tokens):
        if kind == "block":
            yield line, _("{source} is a template statement, which pages may not use", source=shown(source)), \
                _("remove it: a page holds text and macro calls such as {example} only", example=_EXAMPLE)
        elif not source.endswith(("}}", "%}")):
            yield line, _("{source} is not closed", source=shown(source)), _SYNTAX_FIX
        else:
            problem = expression_problem(source, names)
            if problem is not None:
                yield line, *problem


_SYNTAX_FIX = _("write each macro call as {example}; to show {open_call} or {open_tag} as text, write it between "
                "{raw} and {endraw}", example=_EXAMPLE, open_call="'{{'", open_tag="'{%'", raw="{% raw %}",
                endraw="{% endraw %}")


def _tags(tokens: list[tuple[int, str, str]]) -> Iterator[tuple[int, str, str]]:
    """``(line, "variable" or "block", source)`` of every ``{{ ... }}`` and ``{% ... %}`` (``raw`` and comments
    excepted); one left open at the end of the text is given as far as it goes."""
    start, parts, kind = 0, [], None
    for line, token, value in tokens:
        if token in ("variable_begin", "block_begin"):
            start, parts, kind = line, [value], token.removesuffix("_begin")
        elif kind is not None:
            parts.append(value)
            if token in ("variable_end", "block_end"):
                yield start, kind, "".join(parts)
                kind = None
    if kind is not None:
        yield start, kind, "".join(parts)


def expression_problem(source: str, names: frozenset[str]) -> tuple[Message, Message] | None:
    """Why one ``{{ ... }}`` is refused (``problem``, ``fix``), or None for a macro call with constant arguments."""
    import jinja2
    from jinja2 import nodes

    try:
        template = _parser().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return _("{source} is not a valid macro call ({reason})", source=shown(source), reason=str(exc.message)), \
            _SYNTAX_FIX
    output = template.body[0] if len(template.body) == 1 else None
    expression = output.nodes[0] if isinstance(output, nodes.Output) and len(output.nodes) == 1 else None
    fix = _("pages may only call the site's macros with written-out values, e.g. {example}", example=_EXAMPLE)

    def refused(why: Message) -> tuple[Message, Message]:
        return _("{source} is not allowed in a page: {why}", source=shown(source), why=why), fix

    if expression is None:
        return refused(_("it is not one macro call"))
    if not isinstance(expression, nodes.Call):
        return refused(_("it is {what}, not a macro call", what=_noun(expression)))
    if not isinstance(expression.node, nodes.Name):
        return refused(_("it calls {what}, not a macro", what=_noun(expression.node)))
    name = expression.node.name
    if name not in names:
        close = difflib.get_close_matches(name, sorted(names), n=1)
        return (_("{source} calls {name}, which is not a macro of this site", source=shown(source), name=f"'{name}'"),
                _("did you mean {name}?", name=f"'{close[0]}'") if close else fix)
    if expression.dyn_args is not None or expression.dyn_kwargs is not None:
        return refused(_("its arguments are unpacked (* or **)"))
    for argument in [*expression.args, *(keyword.value for keyword in expression.kwargs)]:
        if not isinstance(argument, nodes.Const):
            return (refused(_("an argument of {name} is {what}, not a written-out value", name=f"'{name}'",
                              what=_noun(argument)))[0],
                    _("write each argument as text in quotes or a number, e.g. {example}", example=_EXAMPLE))
    return None


def _noun(node: nodes.Node) -> Message:
    from jinja2 import nodes

    """What a refused part of an expression is, in a message."""
    if isinstance(node, nodes.Getattr):
        return _("an attribute ({code})", code=f"'.{node.attr}'")
    if isinstance(node, nodes.Getitem):
        return _("an item ({code})", code="'[...]'")
    if isinstance(node, nodes.Filter):
        return _("a filter ({code})", code=f"'|{node.name}'")
    if isinstance(node, nodes.Test):
        return _("a test ({code})", code=f"'is {node.name}'")
    if isinstance(node, nodes.Name):
        return _("a variable ({code})", code=f"'{node.name}'")
    if isinstance(node, nodes.Const):
        return _("a constant")
    return _("an expression ({code})", code=type(node).__name__.lower())
