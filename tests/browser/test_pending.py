"""The one way to publish an incomplete translation: a dated exception with a visible banner.

Built from a copy of the repository in which the English about page and the English texts of one
specific instance are declared pending; the banner is checked in the browser.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import REPO, run_mkdocs_build
from ncp_site.screenshots import offline_context, serve

IGNORED = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "test-results", "__pycache__",
                                 "docs-screenshots")


@pytest.fixture(scope="module")
def pending_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("pending") / "project"
    shutil.copytree(REPO, project, ignore=IGNORED)
    (project / "docs" / "about" / "index.en.md").write_text("---\ntranslation_pending: 2030-01-01\n---\n",
                                                           encoding="utf-8")
    case_file = project / "data" / "cases" / "kz0003.yml"
    record = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for field in ("title", "summary", "keywords", "outcome_note"):
        if field in record:
            del record[field]["en"]
    record["translation_pending"] = {"en": "2030-01-01"}
    case_file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = project / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("path, source_text", [("en/about/", "Национальный"), ("en/cases/kz0003/", "Amadeo")])
def test_pending_page_shows_banner_and_source_text(chromium, pending_site, path, source_text):
    context = offline_context(chromium, pending_site)
    page = context.new_page()
    page.goto(pending_site + path)
    banner = page.locator(".ncp-pending")
    assert banner.is_visible()
    assert "Translation pending" in banner.inner_text()
    assert "January 1, 2030" in banner.inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    assert page.locator("html").get_attribute("lang") == "en"
    marked = page.locator('article [lang="ru"]')
    assert marked.count() > 0, "text shown in the source language must carry lang=ru"
    assert source_text in page.locator("article").inner_text()
    link = banner.locator('a[hreflang="ru"]')
    link.click()
    page.wait_for_load_state()
    assert page.url == pending_site + path.replace("en/", "ru/", 1)
    assert page.locator(".ncp-pending").count() == 0
    context.close()


def test_no_banner_on_complete_pages(chromium, pending_site):
    context = offline_context(chromium, pending_site)
    page = context.new_page()
    page.goto(pending_site + "en/cases/kz0001/")
    assert page.locator(".ncp-pending").count() == 0
    context.close()
