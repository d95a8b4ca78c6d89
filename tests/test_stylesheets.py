"""The theme's own stylesheets hold flat rules only.

A style rule inside another is valid CSS (nesting), so neither the browser nor the Nu checker
complains when a merge drops a closing brace: every later rule silently becomes a nested rule that
matches nothing. That happened once (the register's filters and the search page lost their styles).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2
from conftest import REPO

STYLESHEETS = sorted((REPO / "overrides" / "assets" / "stylesheets").glob("*.css"))
GROUPING_RULES = {"media", "supports", "layer", "container"}


def nested_rules(rules, inside_style_rule: bool = False):
    """(line, what) for every parse error and every style rule nested in another style rule."""
    for rule in rules:
        if rule.type == "error":
            yield rule.source_line, f"parse error: {rule.message}"
        elif rule.type == "qualified-rule":
            if inside_style_rule:
                yield rule.source_line, f"style rule nested in another: {tinycss2.serialize(rule.prelude).strip()!r}"
            yield from nested_rules(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True), True)
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_RULES and rule.content is not None:
            yield from nested_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True),
                                    inside_style_rule)


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_rules_are_flat(path: Path):
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_whitespace=True, skip_comments=True)
    problems = [f"{path.name}:{line}: {what} -- close the rule before it" for line, what in nested_rules(rules)]
    assert not problems, "\n".join(problems)


def test_a_dropped_brace_is_found():
    rules = tinycss2.parse_stylesheet(".a {\n  color: red;\n.b { color: blue; }\n}\n", skip_whitespace=True)
    assert [line for line, _ in nested_rules(rules)] == [3]
