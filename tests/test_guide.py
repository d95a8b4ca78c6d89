"""The Secretariat's guide (guide/secretariat.{kk,ru,en}.md): in three languages, linked from the README's first
lines, naming only commands ./ncp has, with the glossary's terms in each language."""

from __future__ import annotations

import re

import pytest

from ncp_site import secretariat
from ncp_site.checks.terminology import Matcher

from .builders import REPO, collect

LANGS = ("kk", "ru", "en")
GUIDE = {lang: REPO / "guide" / f"secretariat.{lang}.md" for lang in LANGS}


def test_the_readme_points_to_the_guide_in_its_first_lines():
    first = "\n".join((REPO / "README.md").read_text(encoding="utf-8").split("\n")[:12])
    for lang in LANGS:
        assert f"(guide/secretariat.{lang}.md)" in first


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_links_the_others_and_the_translators_guide(lang):
    text = GUIDE[lang].read_text(encoding="utf-8")
    for other in LANGS:
        if other != lang:
            assert f"(secretariat.{other}.md)" in text
    assert f"(translators.{lang}.md)" in text and (REPO / "guide" / f"translators.{lang}.md").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_the_guide_names_exists(lang):
    named = set(re.findall(r"\./ncp ([a-z][a-z-]*)", GUIDE[lang].read_text(encoding="utf-8")))
    known = {*secretariat.ncp_commands(), "preview", "publish", "help"}
    assert named - {"chek"} <= known  # chek: the guide's example of a mistyped command
    assert {"check", "preview", "new", "find", "publish"} <= named


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_says_how_to_stop_the_preview_where_to_watch_and_the_live_address(lang):
    text = GUIDE[lang].read_text(encoding="utf-8")
    assert "Ctrl-C" in text and "/actions" in text
    assert secretariat.site_url(REPO, {}) in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_guide_uses_the_glossary_terms(lang):
    """The terminology lint of the site's pages, on the guide: no deprecated variant (шағым, обращение...)."""
    project, _ = collect(REPO)
    text = GUIDE[lang].read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # commands and their English output
    hits = Matcher(project.data.glossary, project.config.languages).find(prose, lang)
    assert [hit.found for hit in hits] == []
