"""FAQ: questions grouped in a fixed order, each a heading with its own anchor; pages under `see` exist."""

from __future__ import annotations

import re

import pytest
from builders import check_unchanged, collect, dedent, make_project, problem_at

from ncp_site.core.kind import PageContext
from ncp_site.kinds.faq import pages as faq_pages
from ncp_site.kinds.faq.model import GROUPS

VALID = dedent("""
    questions:
      - id: how-long
        group: handling
        question:
          kk: Қанша уақыт?
          ru: Сколько времени?
          en: How long?
        answer:
          kk: Бір жыл.
          ru: Год.
          en: A year.
        see: [procedures/]
      - id: who-can-submit
        group: submitting
        question:
          kk: Кім?
          ru: Кто?
          en: Who?
        answer:
          kk: |-
            Кез келген адам.

            Ұйым да.
          ru: |-
            Любой.

            И организация.
          en: |-
            Anyone.

            An organisation too.
""")


def project(tmp_path, text: str):
    make_project(tmp_path)
    for lang in ("kk", "ru", "en"):
        page = tmp_path / "docs" / "procedures" / f"index.{lang}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Procedures ({lang})\n\nText.\n", encoding="utf-8")
    (tmp_path / "data" / "faq.yml").write_text(text, encoding="utf-8")


def test_groups_follow_their_order_and_questions_have_anchors(tmp_path):
    project(tmp_path, VALID)
    site, errors = collect(tmp_path)
    assert errors == []
    md = faq_pages.render_faq(site, PageContext("en", "en/faq/"))
    assert GROUPS.index("submitting") < GROUPS.index("handling")
    assert md.index("## Raising a specific instance { #faq-submitting }") < md.index("## How a specific instance")
    assert "### Who? { #who-can-submit }" in md and "### How long? { #how-long }" in md
    assert "<p>Anyone.</p>\n<p>An organisation too.</p>" in md
    assert 'Read more: <a href="../../en/procedures/">Procedures (en)</a>' in md


BROKEN = [
    ("unknown group", "group: handling", "group: timing", "group: timing", "questions[0].group", "'timing' is not allowed"),
    ("page that does not exist", "see: [procedures/]", "see: [contacts/]", "see:", "questions[0].see[0]",
     "there is no page 'contacts/'"),
    ("page written as a file", "see: [procedures/]", "see: [procedures/index.md]", "see:", "questions[0].see[0]",
     "is not a page address of this site"),
    ("duplicate id", "id: who-can-submit", "id: how-long", "id: how-long\n    group: submitting", "questions[1].id",
     "'how-long' is already the id of a question"),
    ("missing answer", "      en: A year.\n", "", "answer:", "questions[0].answer (en)", "text is missing"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "faq.yml", text, fragment, field)


def test_a_group_without_wording_is_reported_at_the_interface_file(tmp_path, capsys):
    project(tmp_path, VALID)
    ui = tmp_path / "data" / "ui.yml"
    ui.write_text(re.sub(r"(?m)^faq\.group\.handling:\n(?:  .*\n)+", "", ui.read_text(encoding="utf-8")),
                  encoding="utf-8")
    status, out = check_unchanged(tmp_path, capsys, tmp_path / "data")
    assert status == 1
    assert "data/ui.yml:1: faq.group.handling: is missing (the wording of a question group)" in out, out


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_question_has_its_anchor_on_the_built_page(site, lang, project_root):
    project, _ = collect(project_root)
    assert {q.group for q in project.data.faq} == set(GROUPS), "premise: every group has a question"
    html = site.html(lang, "faq/")
    for q in project.data.faq:
        assert re.search(rf'<h3 id="{re.escape(q.id)}">', html), q.id
