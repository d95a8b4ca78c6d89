"""The secretariat's preview in a real browser: under ``mkdocs serve`` a data error appears on the open page by
itself (live reload), located and in the page's language, and goes away once fixed; the pages'
Content-Security-Policy refuses nothing on the way (the live reload is a same-origin script)."""

from __future__ import annotations

import yaml
from builders import REPO
from serving import CASE, WAIT_LIMIT, break_case, preview_project, repair_case, serving

from browsing import offline_context
from ncp_site.core.messages import _

from .conftest import SCREENSHOTS
from .test_accessibility import AXE, TAGS

UI = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))


def test_an_error_shows_on_the_open_page_and_goes_away_when_fixed(chromium, tmp_path):
    root = preview_project(tmp_path / "project")
    with serving(root, tmp_path / "serve.log") as served:
        context = offline_context(chromium, served.url)
        refused: list[str] = []
        try:
            page = context.new_page()
            page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(served.url + f"ru/cases/{CASE}/", wait_until="load")
            title = page.locator("h1").first.inner_text()
            panel = page.locator(".ncp-preview-errors")
            assert panel.count() == 0

            line = break_case(root)  # the page is not reloaded by the test: the preview must do it
            panel.wait_for(timeout=WAIT_LIMIT * 1000)
            text = panel.inner_text()
            russian = _("{value} is not allowed", value="'<b>closed</b>'").render("ru")
            assert f"data/cases/{CASE}.yml:{line}: status: {russian} -- " in text, served.output()
            assert UI["preview.errors"]["ru"] in text and UI["preview.hint"]["ru"] in text
            assert page.locator(".ncp-preview-errors b").count() == 0, "data shown as markup"
            assert page.locator("h1").first.inner_text() == title, "the last good page stays under the errors"
            assert _axe_violations(page, ".ncp-preview-errors") == []
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "preview-errors-ru.png"))

            repair_case(root)
            panel.wait_for(state="detached", timeout=WAIT_LIMIT * 1000)
            assert page.locator("h1").first.inner_text() == title
            assert page.evaluate("document.documentElement.lang") == "ru"
        finally:
            context.close()
    assert refused == [], "the Content-Security-Policy refused something in the preview"


def _axe_violations(page, selector: str) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("([selector, tags]) => axe.run(selector, {runOnly: {type: 'tag', values: tags}})",
                           [selector, TAGS])
    return [f"{v['id']}: {v['help']}" for v in result["violations"]]
