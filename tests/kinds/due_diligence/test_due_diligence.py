"""Due diligence guidance: links go to the OECD's site only; every language listed is named in the
page's language, and a page says when its own language has no version."""

from __future__ import annotations

import re

import pytest
from builders import collect, dedent, make_project, problem_at

from ncp_site.core.kind import PageContext
from ncp_site.kinds.due_diligence import pages as dd_pages
from ncp_site.kinds.due_diligence.load import is_official

VALID = dedent("""
    guidance:
      - id: garment
        scope: sectoral
        sector:
          kk: Тігін
          ru: Швейная промышленность
          en: Garment
        title:
          kk: Тігін нұсқаулығы
          ru: Руководство для швейной промышленности
          en: Garment guidance
        official_title: Garment guidance
        year: 2017
        summary:
          kk: Қысқаша.
          ru: Кратко.
          en: In short.
        languages: [en, fr]
        url: https://www.oecd.org/en/publications/garment.html
      - id: general
        scope: general
        title:
          kk: Жалпы нұсқаулық
          ru: Общее руководство
          en: General guidance
        official_title: General guidance
        year: 2018
        summary:
          kk: Қысқаша.
          ru: Кратко.
          en: In short.
        languages: [en, ru]
        url: https://mneguidelines.oecd.org/general.pdf
""")


def project(tmp_path, text: str):
    make_project(tmp_path)
    (tmp_path / "data" / "due-diligence.yml").write_text(text, encoding="utf-8")


def test_general_guidance_first_and_languages_in_the_page_language(tmp_path):
    project(tmp_path, VALID)
    site, errors = collect(tmp_path)
    assert errors == []
    assert [g.id for g in site.data.due_diligence] == ["general", "garment"]
    kk = dd_pages.render_guidance(site, PageContext("kk", "due-diligence/"))
    assert kk.index("## Жалпы нұсқаулық { #general-guidance }") < kk.index("## Салалық нұсқаулықтар")
    assert "ағылшын тілі, француз тілі <span class=\"ncp-note\">(қазақ тіліндегі нұсқасы жоқ)</span>" in kk
    ru = dd_pages.render_guidance(site, PageContext("ru", "ru/due-diligence/"))
    assert "английский, русский</dd>" in ru
    assert '<h3><a href="https://www.oecd.org/en/publications/garment.html" hreflang="en">' in ru


@pytest.mark.parametrize("url, official", [("https://www.oecd.org/x", True), ("https://mneguidelines.oecd.org/x", True),
                                           ("https://oecd.org/x", True), ("https://oecd.org.example.com/x", False),
                                           ("https://notoecd.org/x", False)])
def test_only_the_oecds_own_site_is_official(url, official):
    assert is_official(url) is official


BROKEN = [
    ("link outside the OECD's site", "url: https://mneguidelines.oecd.org/general.pdf",
     "url: https://example.org/general.pdf", "example.org", "guidance[1].url", "is not on the OECD's site"),
    ("sectoral without a sector", "    sector:\n      kk: Тігін\n      ru: Швейная промышленность\n      en: Garment\n", "",
     "scope: sectoral", "guidance[0].scope", "needs its sector"),
    ("unknown language", "languages: [en, ru]", "languages: [en, russian]", "languages: [en, russian]",
     "guidance[1].languages[1]", "'russian' is not a language code"),
    ("language twice", "languages: [en, fr]", "languages: [en, fr, en]", "languages: [en, fr, en]",
     "guidance[0].languages[2]", "'en' is listed twice"),
    ("no language", "languages: [en, fr]", "languages: []", "languages: []", "guidance[0].languages",
     "at least 1 item"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "due-diligence.yml", text, fragment, field)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_built_page_lists_every_guidance_linking_the_oecd(site, lang, project_root):
    project, _ = collect(project_root)
    html = site.html(lang, "due-diligence/")
    assert any(g.scope == "general" for g in project.data.due_diligence)
    for g in project.data.due_diligence:
        link = re.search(rf'<article class="ncp-guidance" id="{g.id}">\s*<h3><a href="([^"]+)"', html)
        assert link and is_official(link.group(1)) and link.group(1) == g.url, g.id
