"""A page whose translation is pending shows its source text entirely in the source language, macros included,
and ``ncp check`` and the build agree on it."""

import re

from builders import LANGS, buildable, case_record, concept, make_project
from conftest import run_mkdocs_build

SOURCE = ("# О НКП\n\nКаждый {{ term('specific_instance') }} рассматривается; "
          "{{ term('specific_instance', form='specific instance ru') }}.\n")


def test_pending_page_renders_its_terms_in_the_source_language(tmp_path):
    from ncp_site import cli

    root = make_project(tmp_path / "p", [case_record()], glossary_extra=[concept("specific_instance")])
    buildable(root, {"about/index.md": {"ru": SOURCE, "kk": "# НКП\n\n{{ term('specific_instance') }}\n",
                                        "en": "---\ntranslation_pending: 2099-12-31\n---\n"}})
    assert cli.main(["--root", str(root), "check"]) == 0
    result = run_mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert "ncp-pending" in html
    source = html[html.index('<div lang="ru">'):]
    terms = re.findall(r'class="ncp-term"[^>]*>([^<]*)<', source)
    assert terms and all(term.endswith(" ru") for term in terms), terms
    assert 'href="../../ru/terms/#specific_instance"' in source
    assert set(LANGS) == {"kk", "ru", "en"}
