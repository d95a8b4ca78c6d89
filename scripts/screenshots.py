"""Screenshots of the main page types in each language at 1280 and 390 px, for the README.

    python scripts/screenshots.py                  # build the site, refresh the README's pictures
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

from browsing import build_site, launch_chromium, main_pages, serve, shoot_pages  # noqa: E402

OUT_DIR = REPO / "docs-screenshots"
README_PICTURES = (("home", 1280), ("case", 390))
"""The README shows these (``browsing.MAIN_PAGES`` names, widths)."""


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
                for path in shoot_pages(browser, base_url, main_pages(site_dir), args.out,
                                        None if args.all else README_PICTURES):
                    print(path)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
