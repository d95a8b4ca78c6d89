"""Pages may call the site's macros with written-out values and nothing else: every other expression,
statement, filter or attribute walk is a located ``ncp check`` error, and whatever the check lets through
is harmless even where nothing sandboxes it."""

from __future__ import annotations

import jinja2
import pytest
from builders import REPO, concept, load, make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from ncp_site import cli
from ncp_site.checks.page_templates import page_template_errors, template_problems
from ncp_site.core.sources import Sources
from ncp_site.site.pages import SITE_MACROS

FRONT_MATTER = "---\ntitle: About\nsearch:\n  exclude: false\n---\n\n"  # 6 lines before the body
BODY = "# About\n\nSome text, then {{ term('enterprise') }}.\n\n"  # the refused line is the body's 5th


def checked(tmp_path, capsys, page: str) -> tuple[int, str]:
    make_project(tmp_path, glossary_extra=[concept("enterprise")])
    for lang in ("kk", "ru", "en"):
        text = page if lang == "en" else "# About\n"
        (tmp_path / "docs" / "about").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "about" / f"index.{lang}.md").write_text(text, encoding="utf-8")
    status = cli.main(["--root", str(tmp_path), "check"])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return status, out


@pytest.mark.parametrize("line, problem", [
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "it calls an attribute ('.read'), not a macro"),
    ("{{ lipsum.__globals__ }}", "it is an attribute ('.__globals__'), not a macro call"),
    ("{% if true %}shown{% endif %}", "'{% if true %}' is a template statement, which pages may not use"),
    ("{% include 'secrets.txt' %}", "is a template statement"),
    ("{{ term('enterprise')|safe }}", "it is a filter ('|safe'), not a macro call"),
    ("{{ config }}", "it is a variable ('config'), not a macro call"),
    ("{{ term(page.title) }}", "an argument of 'term' is an attribute ('.title'), not a written-out value"),
    ("{{ term('a' ~ 'b') }}", "an argument of 'term' is an expression (concat)"),
    ("{{ trem('enterprise') }}", "calls 'trem', which is not a macro of this site -- did you mean 'term'?"),
    ("{{ now() }}", "calls 'now', which is not a macro of this site"),  # mkdocs-macros' own, not the site's
    ("{{ term('enterprise' }}", "is not a valid template"),
    ("{{ term('enterprise')", "is not closed"),
])
def test_a_refused_expression_is_a_located_error(tmp_path, capsys, line, problem):
    status, out = checked(tmp_path, capsys, FRONT_MATTER + BODY + line + "\n")
    assert status == 1
    found = [m for m in out.splitlines() if m.startswith("docs/about/index.en.md:11: page (en): ")]
    assert any(problem in m and " -- " in m for m in found), out


def test_every_refusal_of_a_page_is_reported_at_once(tmp_path, capsys):
    page = "# About\n\n{{ config }}\n\n{% set x = 1 %}\n\n{{ term('enterprise') }}\n\n{{ page }}\n"
    status, out = checked(tmp_path, capsys, page)
    assert status == 1
    lines = [int(m.split(":")[1]) for m in out.splitlines() if m.startswith("docs/about/index.en.md:")]
    assert lines == [3, 5, 9], out


def test_a_syntax_error_reports_what_comes_before_it_too(tmp_path, capsys):
    status, out = checked(tmp_path, capsys, "# About\n\n{{ config }}\n\n{{ term('a' }}\n")
    assert status == 1
    assert "docs/about/index.en.md:3: page (en): '{{ config }}'" in out
    assert "docs/about/index.en.md:5: page (en): is not a valid template" in out


def test_a_front_matter_title_is_checked_too(tmp_path, capsys):
    """mkdocs-macros renders a page's title as well as its text."""
    status, out = checked(tmp_path, capsys, "---\nsearch:\n  exclude: false\ntitle: \"{{ config.site_name }}\"\n---\n\n# A\n")
    assert status == 1
    assert "docs/about/index.en.md:4: page (en): title: '{{ config.site_name }}' is not allowed in a page" in out


def test_macro_calls_comments_and_raw_text_pass(tmp_path, capsys):
    page = (FRONT_MATTER + "# About {{ term('enterprise', cap=True) }}\n\n{{ term('enterprise', form='enterprise en') }}\n"
            "{# a note for editors #}\n\nBraces as text: {% raw %}{{ like this }}{% endraw %}.\n")
    status, out = checked(tmp_path, capsys, page)
    assert status == 0, out


def test_the_repository_pages_only_call_macros():
    project = load(REPO)
    assert page_template_errors(project.sources, project.macro_names()) == []
    calls = sum(page.text.count("{{") for page in project.sources.page_versions())
    assert calls, "the repository's pages call macros"


def test_the_check_knows_every_macro_the_build_offers():
    project = load(REPO)
    assert sorted(project.macro_names()) == sorted({**project.macros(), **SITE_MACROS})


def test_a_page_without_template_syntax_is_not_lexed():
    assert template_problems("# Title\n\nText with { braces } and # signs.\n", frozenset()) == []


# --- whatever the check lets through is harmless ------------------------------------------------

NAMES = frozenset({"term", "legal_basis"})
PIECES = ("{{ ", " }}", "{% ", " %}", "{# ", " #}", "term", "legal_basis", "cycler", "__init__", "__globals__",
          "os", "popen('touch " , "')", "page", "config", "range", "lipsum", ".", "(", ")", "'x'", "1", "|", "safe",
          "[", "]", ", ", "form=", "*", "**", "~", "+", "if ", "endif", "raw", "endraw", "set ", "=", " ", "\n",
          "text", "{", "}", "%", "#", "-")


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=30))
def test_what_the_check_accepts_only_calls_macros_with_constants(tmp_path_factory, pieces):
    """Rendered by a plain, unsandboxed Jinja (what mkdocs-macros would be without the sandbox), an
    accepted text calls the macros with constant arguments and nothing else happens."""
    marker = tmp_path_factory.getbasetemp() / "evaluated"
    text = "".join(pieces).replace("popen('touch ", f"popen('touch {marker}")
    if template_problems(text, NAMES):
        return
    calls = []
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    macros = {name: (lambda *args, _name=name, **kwargs: calls.append((_name, args, kwargs)) or "")
              for name in NAMES}
    environment.from_string(text).render(**macros)
    assert not marker.exists()
    for _, args, kwargs in calls:
        assert all(isinstance(value, (str, int, float, bool, type(None))) for value in [*args, *kwargs.values()])


def test_sources_of_the_planted_page_are_checked_in_every_language(tmp_path):
    """Each language version is checked, whatever its suffix; a pending page's own text too."""
    make_project(tmp_path)
    (tmp_path / "docs" / "index.ru.md").write_text("---\ntranslation_pending: 2099-01-01\n---\n{{ config }}\n",
                                                   encoding="utf-8")
    errors = page_template_errors(Sources.read(load(tmp_path).config), NAMES)
    assert [(e.path, e.line, e.lang) for e in errors] == [("docs/index.ru.md", 4, "ru")]
