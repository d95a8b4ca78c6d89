"""Adding a real record never breaks publishing. The run's one site is built from a copy of the repository with
a new record of every kind ``ncp new`` starts, each started with it and filled in from a record of its kind
(tests/new_records.py, tests/conftest.py), so every built-site and browser test runs on the new records too.
Here, what is left: each record was started by ``ncp new``, the copy passes ``ncp check`` (a record left as
``ncp new`` started it does not: its empty fields are errors), and each new record whose kind gives every
record a page of its own has that page, with its title, in every language of the built site.

A new record that breaks ``ncp new``, the check or the build fails these tests and every test of the site
(``project_root`` and ``site`` fail with what went wrong).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from builders import load
from conftest import GIVEN_PROJECT, GIVEN_SITE, LANG_PREFIX, NEW_RECORDS, _shared_folder
from new_records import NEW

from ncp_site import cli
from ncp_site.kinds import all_kinds

pytestmark = pytest.mark.skipif(bool(GIVEN_PROJECT or GIVEN_SITE),
                                reason="NCP_TEST_PROJECT or NCP_TEST_SITE: the project is checked as it is, "
                                       "with no record added")


@pytest.fixture(scope="module")
def made(project_root, tmp_path_factory) -> list[dict]:
    """What each ``ncp new`` said and wrote in the run's project (tests/new_records.py)."""
    return json.loads((_shared_folder(tmp_path_factory) / NEW_RECORDS).read_text(encoding="utf-8"))


def test_a_record_of_every_kind_was_started_by_ncp_new(made, project_root: Path):
    kinds = set(cli.new_records(all_kinds()))
    assert {"case", "event", "news", "faq", "report", "organisation"} <= kinds, "premise: ncp new's records"
    assert sorted(new["name"] for new in made) == sorted(kinds)
    for new in made:
        assert new["status"] == 0, new["said"]
        where = re.search(r"(data/\S+?\.yml):(\d+):", new["said"])
        assert where and where.group(1) == new["path"], f"ncp new {new['name']} said: {new['said']}"
        assert (project_root / new["path"]).is_file()
        if "id" in new["record"]:
            assert re.search(rf"(?m)^\s*(- )?id: '?{re.escape(new['record']['id'])}'?$",
                             (project_root / new["path"]).read_text(encoding="utf-8")), new


def test_the_copy_with_the_new_records_passes_the_check(project_root: Path, capsys):
    """Each record ``ncp new`` started was filled in: a field left empty would be an error here."""
    status = cli.main(["--root", str(project_root), "--no-cache", "check"])  # nothing written beside the build
    assert status == 0, capsys.readouterr().out


def titled(record: dict) -> dict[str, str] | None:
    """The record's title in each language, as tests/new_records.py made it its own (``(new 4)``)."""
    return next((record[key] for key in ("title", "name", "question")
                 if isinstance(record.get(key), dict) and set(record[key]) == set(NEW)), None)


def test_each_new_record_with_a_page_of_its_own_has_it_in_every_language(made, project_root: Path, site):
    project = load(project_root)
    kind_of = {new.name: kind for kind in project.kinds for new in kind.new}
    checked = set()
    for new in made:
        kind = kind_of[new["name"]]
        if new["inside"] or not kind.pages:
            continue
        pages = [generated.src_uri for generated in kind.pages(project)
                 if new["id"] in generated.src_uri.split("/")]
        assert len(pages) == 1, f"{new['name']} {new['id']}: its page among {kind.name}'s pages: {pages}"
        title = titled(new["record"])
        for lang in LANG_PREFIX:
            path = site.path(lang, pages[0].removesuffix("index.md"))
            assert path.is_file(), f"{new['name']} {new['id']} ({lang}): no page {path.relative_to(site.root)}"
            assert f"({NEW[lang]} " in title[lang], "premise: the new record's own title"
            assert title[lang] in html.unescape(path.read_text(encoding="utf-8")), (new["id"], lang)
        checked.add(new["name"])
    assert {"case", "event"} <= checked, "premise: the kinds whose records have pages of their own are found"
