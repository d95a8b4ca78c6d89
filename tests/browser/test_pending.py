"""The one way to publish an incomplete translation: a dated exception with a visible banner.

Built from a small project in which the English about page and the English texts of one specific
instance are declared pending; the banner is checked in the browser.
"""

from __future__ import annotations

import pytest
from builders import buildable, case_record, make_project
from conftest import run_mkdocs_build

from browsing import offline_context, serve

ABOUT = {"ru": "# О НКП\n\nНациональный контактный пункт рассматривает конкретные случаи.\n",
         "kk": "# ҰБО туралы\n\nҰлттық байланыс орталығы.\n",
         "en": "---\ntranslation_pending: 2030-01-01\n---\n"}


@pytest.fixture(scope="module")
def pending_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pending")
    pending = case_record("kz0103", title={"kk": "Amadeo ісі", "ru": "Дело Amadeo"},
                          summary={"kk": "Amadeo туралы.", "ru": "Об Amadeo."},
                          keywords={"kk": ["kw"], "ru": ["kw"]})
    pending["translation_pending"] = {"en": "2030-01-01"}
    project = buildable(make_project(root / "project", [case_record("kz0101"), pending]),
                        {"about/index.md": ABOUT,
                         "cases/index.md": {lang: "# Cases\n\n{{ cases_register(\"ongoing\") }}\n" for lang in ("kk", "ru", "en")}})
    out = root / "site"
    result = run_mkdocs_build(project, out)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("path, source_text", [("en/about/", "Национальный"), ("en/cases/kz0103/", "Amadeo")])
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
    page.goto(pending_site + "en/cases/kz0101/")
    assert page.locator(".ncp-pending").count() == 0
    context.close()
