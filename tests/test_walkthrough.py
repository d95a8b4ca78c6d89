"""The walkthrough's pictures (guide/data.md) are made by a command: its terminal and schema pictures show the new case's errors."""

from __future__ import annotations

import html

from builders import REPO, script


walkthrough = script("walkthrough")


def test_the_terminal_and_schema_pictures_show_the_unfilled_case(tmp_path):
    root, said = walkthrough.scratch_copy(tmp_path / "repo")
    assert said.startswith(f"wrote data/cases/{walkthrough.CASE_ID}.yml:")
    check = html.unescape(walkthrough.terminal_svg(root, said, tmp_path).read_text(encoding="utf-8"))
    schema = html.unescape(walkthrough.schema_svg(root, tmp_path).read_text(encoding="utf-8"))
    check, schema = check.replace("\xa0", " "), schema.replace("\xa0", " ")
    assert f"data/cases/{walkthrough.CASE_ID}.yml:" in check and "is empty" in check
    assert "None is not one of" in schema
    assert "@font-face" not in check and "cdnjs" not in check  # no request to a font CDN
