"""The Content-Security-Policy (overrides/main.html) holds on every kind of page, in every language.

The policy allows same-origin scripts, styles, images (and Material's data: icons) and fonts, and
no inline script or style: Material's inline scripts are same-origin files
(overrides/partials/javascripts/). Any violation is reported by the browser as a
``securitypolicyviolation`` event and a console message; both are collected here.

The pages are opened at the address the test build was made for (``SITE_URL``, as in production,
where the site's absolute alternates are same-origin); the browser resolves that host name to the
local server (``chromium``'s aliases) and reaches nothing else.
"""

from __future__ import annotations

import pytest

from .conftest import LANGS, SITE_URL, lang_path, settled

PAGES = ["", "events/", "terms/", "statistics/", "submit/", "search/"]  # and a case page (cases/<id>/), from the built site
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || e.documentURI}:${e.lineNumber})`));
"""


@pytest.fixture
def csp_page(chromium):
    """``open(path)`` loads a page; ``violations()`` lists what the policy blocked there (event and console)."""
    context = chromium.new_context()
    context.add_init_script(LISTEN)  # injected by the browser's tooling: not subject to the page's policy
    console: list[str] = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(message.text)

    class Tab:
        page = None

        def open(self, path: str):
            self.page = context.new_page()
            self.page.on("console", on_console)
            self.page.goto(SITE_URL + path.lstrip("/"), wait_until="load")
            settled(self.page)  # the bundle builds the header, sidebars and search after load
            return self.page

        def violations(self) -> list[str]:
            return self.page.evaluate("window.__cspViolations") + console

    yield Tab()
    context.close()


def _assert_policy(page):
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy and "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy, "Pagefind's WebAssembly, and no JavaScript eval"
    assert page.get_attribute('meta[name="referrer"]', "content") == "strict-origin-when-cross-origin"
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL"), "Material's base script ran"
    assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, "an inline script"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_path", [*PAGES, "case"], ids=["home", "events", "terms", "statistics", "submit", "search", "case"])
def test_no_policy_violation(csp_page, case_page, lang, page_path):
    path = lang_path(lang, case_page if page_path == "case" else page_path)
    page = csp_page.open(path)
    _assert_policy(page)
    assert csp_page.violations() == [], f"{path}: the Content-Security-Policy blocked something"


def test_search_filters_and_navigation_run_under_the_policy(csp_page, site):
    """Searching (Pagefind's worker and WebAssembly), filtering the register, the table of
    contents' scroll spy: no violation."""
    page = csp_page.open(lang_path("en", "search/"))
    box = page.locator("#ncp-search-query")
    box.fill("contact")
    box.press("Enter")
    page.wait_for_selector("[data-ncp-search-results] a", timeout=15000)
    page = csp_page.open(lang_path("kk", "cases/"))
    page.select_option("#ncp-filter-chapter", "IV")
    page.wait_for_selector("[data-ncp-register-results] a", timeout=15000)
    page.mouse.wheel(0, 3000)
    settled(page)
    assert csp_page.violations() == []


def test_the_policy_is_enforced(csp_page):
    """Control: an inline script is refused and reported, so the tests above can see a violation."""
    page = csp_page.open(lang_path("kk"))
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__inlineRan = true"; document.body.append(s); }""")
    settled(page)
    assert page.evaluate("window.__inlineRan") is None
    assert any("script-src" in v for v in csp_page.violations())
