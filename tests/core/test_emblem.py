"""The NCP's emblem is a field the Secretariat fills in (``emblem`` of the ncp plugin in mkdocs.yml):
unset, the header shows a text mark; set, it must name an image under docs/, or ``ncp check`` says
where and how to fix it."""

from __future__ import annotations

from ncp_site.core.config import from_mapping


def config(tmp_path, emblem=None):
    (tmp_path / "docs").mkdir(exist_ok=True)
    options = {"emblem": emblem} if emblem else {}
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - ncp:\n      data_dir: data\n"
                                         + (f"      emblem: {emblem}\n" if emblem else ""), encoding="utf-8")
    return from_mapping(tmp_path, {"plugins": [{"ncp": options}]})


def test_no_emblem_is_no_problem(tmp_path):
    site = config(tmp_path)
    assert site.emblem is None and site.emblem_errors() == []


def test_an_emblem_under_docs_is_used(tmp_path):
    site = config(tmp_path, "assets/emblem.svg")
    (tmp_path / "docs" / "assets").mkdir()
    (tmp_path / "docs" / "assets" / "emblem.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert site.emblem == "assets/emblem.svg" and site.emblem_errors() == []


def test_a_missing_or_wrong_emblem_is_a_located_error(tmp_path):
    (error,) = config(tmp_path, "assets/emblem.svg").emblem_errors()
    assert (error.path, error.line, error.field) == ("mkdocs.yml", 5, "plugins.ncp.emblem")
    assert "is not a file under docs/" in str(error.problem) and "docs/assets/emblem.svg" in str(error.fix)
    (error,) = config(tmp_path, "emblem.pdf").emblem_errors()
    assert "is not an image" in str(error.problem)
