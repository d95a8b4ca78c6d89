"""The benchmark's floor is built from every page's final Markdown, which the build writes on request."""

from pathlib import Path

from tests.builders import copy_of_repository
from tests.conftest import run_mkdocs_build


def test_every_page_is_dumped_with_its_final_markdown_in_the_suffix_layout(tmp_path):
    project, dump = copy_of_repository(tmp_path / "project"), tmp_path / "dump"
    result = run_mkdocs_build(project, tmp_path / "site", env={"NCP_DUMP_MARKDOWN": str(dump)})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    pages = [p.relative_to(site) for p in site.rglob("index.html")]
    dumped = {p.relative_to(dump) for p in dump.rglob("*.md")}
    for page in pages:
        lang = page.parts[0] if page.parts[0] in ("ru", "en") else "kk"
        folder = Path(*page.parts[1:]).parent if lang != "kk" else page.parent
        assert folder / f"index.{lang}.md" in dumped, page
    assert len(dumped) == len(pages)
    texts = {p: p.read_text(encoding="utf-8") for p in dump.rglob("*.md")}
    assert not [p for p, text in texts.items() if "ncpheld" in text or "{{" in text], "held blocks or macros left"
    case_page = next(text for p, text in texts.items() if p.parent.parent.name == "cases")
    assert '<table class="ncp-facts">' in case_page  # the HTML held out of Markdown during the build is written back
