"""Screenshots of the main page types in each language at 1280 and 390 px, and the offline browser they need.

    python -m ncp_site.screenshots                  # build the site, refresh the README's pictures
                                                    # (home and a case at 390 px, the register filtered,
                                                    # the form with its error summary; each language)
    python -m ncp_site.screenshots --site site/     # use a site already built
    python -m ncp_site.screenshots --all --out dir/ # every main page type, both widths (as the tests do)

The browser is Debian's ``chromium`` package driven by Playwright (``NCP_CHROMIUM`` overrides its
path); ``playwright install`` is never needed. The site is served from 127.0.0.1 and the browser
resolves no other host name and goes through a proxy that does not exist for any other address
(``OFFLINE_ARGS``), so a page that depends on the network shows it. The browser tests in
``tests/browser/`` use the same helpers.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from .core.config import load_config

LANGUAGES = load_config(Path(__file__).resolve().parents[1]).languages

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "docs-screenshots"
VIEWPORT = {"width": 1280, "height": 900}
WIDTHS = (1280, 390)
"""A laptop and a phone (the narrowest supported width, 360 px, is checked by tests/browser/test_layout.py)."""
MAIN_PAGES = {
    "home": "",
    "register": "cases/",
    "case": "cases/*/",
    "statistics": "statistics/",
    "procedure": "procedures/",
    "action-plan": "action-plans/*/",
    "events": "events/",
    "terms": "terms/",
    "submit": "submit/",
}
"""One page of each main type, by name (``*``: the fullest such page of the built site).
The README shows ``README_PICTURES`` and ``README_STATES``."""
README_PICTURES = (("home", 390), ("case", 390))


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

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


OFFLINE_RULES = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
"""Chromium's host resolver rules: no host name but 127.0.0.1 resolves (``MAP host 127.0.0.1:port``
rules may come first: ``launch_chromium(aliases=...)``)."""
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
"""A request to an address (no host name to resolve) goes to a proxy on the discard port, where nothing
answers; 127.0.0.1 (loopback) is reached directly."""


def chromium_path() -> str:
    return os.environ.get("NCP_CHROMIUM") or "/usr/bin/chromium"


def launch_chromium(playwright, aliases: dict[str, str] | None = None):
    """Debian's chromium, headless, quiet (no update checks, no background requests) and offline: only
    127.0.0.1 is reached. ``aliases`` maps a host name to a local ``127.0.0.1:port`` (the site's own
    address, ``localhost``, to the server of a test build)."""
    path = chromium_path()
    if not Path(path).exists():
        raise SystemExit(f"{path}: no chromium here -- install Debian's package (apt-get install chromium) "
                         "or set NCP_CHROMIUM to a Chromium binary")
    rules = ", ".join([*(f"MAP {host} {target}" for host, target in (aliases or {}).items()), OFFLINE_RULES])
    return playwright.chromium.launch(executable_path=path, headless=True,
                                      args=[*CHROMIUM_ARGS, *OFFLINE_ARGS, f"--host-resolver-rules={rules}"])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port); yields its base URL, ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def offline_context(browser, base_url: str, **options):
    """A browser context for the site at ``base_url`` (the browser itself reaches nothing but 127.0.0.1:
    ``launch_chromium``)."""
    return browser.new_context(**({"viewport": VIEWPORT} | options))


def home_url(base_url: str, lang: str) -> str:
    return base_url + LANGUAGES.prefix(lang)


def main_pages(site_dir: Path) -> dict[str, str]:
    """``MAIN_PAGES`` with each ``*`` replaced by the built site's largest such page (the one that shows
    the most: a case with its timeline rather than one whose facts are mostly unknown and left out)."""
    found = {}
    for name, path in MAIN_PAGES.items():
        if "*" in path:
            pages = sorted(Path(site_dir).glob(path + "index.html"), key=lambda p: (-p.stat().st_size, p))
            if not pages:
                continue
            path = pages[0].parent.relative_to(site_dir).as_posix() + "/"
        found[name] = path
    return found


def shot_name(name: str, lang: str, width: int) -> str:
    return f"{name}-{lang}.png" if width == VIEWPORT["width"] else f"{name}-{lang}-{width}.png"


def shoot_pages(browser, base_url: str, pages: dict[str, str], out_dir: Path, pictures=None) -> list[Path]:
    """The top of each page (``(name, width)`` pairs of ``pages``, all by default) in every language."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = pictures or [(name, width) for name in pages for width in WIDTHS]
    written = []
    for width in sorted({w for _, w in pictures}, reverse=True):
        context = offline_context(browser, base_url, viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            for name in [n for n, w in pictures if w == width]:
                for lang in LANGUAGES:
                    page.goto(home_url(base_url, lang) + pages[name], wait_until="load")
                    path = out_dir / shot_name(name, lang, width)
                    page.screenshot(path=str(path))
                    written.append(path)
        finally:
            context.close()
    return written


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


def build_site(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NCP_SITE_URL": "http://localhost/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
                            cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"the site does not build:\n{result.stdout}{result.stderr}")


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
