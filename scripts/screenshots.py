"""Screenshots of the main page types in each language at 1280 and 390 px, for the README.

    python scripts/screenshots.py                  # build the site, refresh the README's pictures
                                                   # (home and a case at 390 px, the register filtered,
                                                   # the form with its error summary; each language)
    python scripts/screenshots.py --site site/     # use a site already built
    python scripts/screenshots.py --all --out dir/ # every main page type, both widths (as the tests do)

A developer's tool, not part of the package: the browser, the local server and the page list are the
browser tests' own (``tests/browsing.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' helpers: tests/browsing.py

from browsing import (  # noqa: E402
    LANGUAGES,
    build_site,
    home_url,
    launch_chromium,
    main_pages,
    offline_context,
    serve,
    shoot_pages,
    shot_name,
)

OUT_DIR = REPO / "docs-screenshots"
README_PICTURES = (("home", 390), ("case", 390))
"""The README shows these (``browsing.MAIN_PAGES`` names, widths) and ``README_STATES``."""


class State:
    """A page in a state a visitor brings it to, for the README: ``fragment`` added to its address (a
    register's filters), ``click`` a button first (the form's "prepare"), ``wait`` until an element is
    shown (the filtered results, the error summary)."""

    def __init__(self, name: str, page: str, width: int, fragment: str = "", click: str | None = None,
                 wait: str | None = None):
        self.name, self.page, self.width = name, page, width
        self.fragment, self.click, self.wait = fragment, click, wait


README_STATES = (
    State("register-filtered", "register", 1280, fragment="#chapter=IV", wait="[data-ncp-register-results] li"),
    State("submit-errors", "submit", 390, click="#ncp-compose", wait="#ncp-error-summary:not([hidden])"),
)


def shoot_states(browser, base_url: str, pages: dict[str, str], out_dir: Path, states=README_STATES) -> list[Path]:
    """Each state (``State``) in every language, the top of the screen where the visitor is."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for state in states:
        context = offline_context(browser, base_url, viewport={"width": state.width, "height": 900})
        try:
            page = context.new_page()
            for lang in LANGUAGES:
                page.goto(home_url(base_url, lang) + pages[state.page] + state.fragment, wait_until="load")
                if state.click:
                    page.click(state.click)
                if state.wait:
                    page.wait_for_selector(state.wait, timeout=20_000)
                    page.wait_for_timeout(300)
                path = out_dir / shot_name(state.name, lang, state.width)
                page.screenshot(path=str(path))
                written.append(path)
        finally:
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of the main pages in kk, ru and en for the README.")
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"where to write the PNGs (default: {OUT_DIR})")
    parser.add_argument("--all", action="store_true", help="every main page type at both widths, not only the README's")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("Playwright is missing: pip install -e '.[test]'") from None
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            build_site(site_dir)
        with serve(site_dir) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                pages = main_pages(site_dir)
                for path in shoot_pages(browser, base_url, pages, args.out, None if args.all else README_PICTURES):
                    print(path)
                if not args.all:
                    for path in shoot_states(browser, base_url, pages, args.out):
                        print(path)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
