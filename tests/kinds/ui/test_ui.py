"""Interface wording: a key the site uses but data/ui.yml lacks is a located error, not a KeyError."""

from __future__ import annotations

import pytest
import yaml
from builders import case_record, load, make_project

from ncp_site.core.errors import DataErrors
from ncp_site.kinds.cases.pages import case_pages


def test_a_missing_key_stops_rendering_with_a_located_error(tmp_path):
    """Found by the fuzzer: `{}` as data/ui.yml passed the check and the case page raised KeyError."""
    root = make_project(tmp_path, [case_record("kz0101")])
    path = root / "data" / "ui.yml"
    strings = yaml.safe_load(path.read_text(encoding="utf-8"))
    del strings["case.chapter"]
    path.write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    project = load(root)
    with pytest.raises(DataErrors) as raised:
        for page in case_pages(project):
            page.render("en")
    assert [str(e) for e in raised.value.errors] == [(
        "data/ui.yml:1: case.chapter: is missing, and the site uses it -- add 'case.chapter:' with one line "
        "per language (see the key's neighbours)")]
