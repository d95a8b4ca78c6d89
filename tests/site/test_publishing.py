"""The second step of ``scripts/build`` (``publishing.index_after``), without MkDocs: a handed-over site that cannot be
indexed is removed and the site folder kept as it was."""

import json

import pytest
from builders import make_project

from ncp_site.site.publishing import NotPublishable, WorkFolder, index_after


def test_a_handed_over_site_that_cannot_be_indexed_is_removed_and_the_old_site_kept(tmp_path):
    root = make_project(tmp_path / "project", [])
    dest = tmp_path / "out" / "site"
    dest.mkdir(parents=True)
    (dest / "index.html").write_text("the site before", encoding="utf-8")
    work = WorkFolder(dest)
    work.site.mkdir()
    (work.site / "index.html").write_text('<html lang="kk"><body>no page marks its content</body></html>',
                                          encoding="utf-8")
    handover = tmp_path / "handover.json"
    handover.write_text(json.dumps({"folder": str(work.folder), "dest": str(dest), "root": str(root)}), encoding="utf-8")
    with pytest.raises(NotPublishable, match="data-pagefind-body"):
        index_after(handover)
    assert not work.folder.exists()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["site"]
    assert (dest / "index.html").read_text(encoding="utf-8") == "the site before"


def test_a_build_that_handed_nothing_over_publishes_nothing(tmp_path):
    handover = tmp_path / "handover.json"
    handover.write_text("", encoding="utf-8")
    with pytest.raises(NotPublishable, match="handed no site over"):
        index_after(handover)
