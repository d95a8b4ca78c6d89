"""The offline browser the browser tests (and the developer tools in ``scripts/``) look at the site with.

The browser is Debian's ``chromium`` package driven by Playwright (``NCP_CHROMIUM`` overrides its
path); ``playwright install`` is never needed. The built site is served from 127.0.0.1 (``serve``) and
the browser resolves no other host name and goes through a proxy that does not exist for any other
address (``OFFLINE_ARGS``), so a page that depends on the network shows it. ``shoot_pages``
photographs the main page types in each language (``tests/browser/test_layout.py``,
``scripts/screenshots.py``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from ncp_site.core.config import load_config

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = load_config(REPO).languages
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
"""One page of each main type, by name (``*``: the fullest such page of the built site)."""

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


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128
    """Connections waiting to be accepted: linkinator opens 100 at once, and with the default 5 the rest
    are dropped and retried by TCP a second or more later."""

    def handle_error(self, request, client_address):
        """A browser that stops reading (a page left, a request cancelled) is not an error of the site: no
        traceback in the test log. Any other error is printed as before."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port); yields its base URL, ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
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


def shoot_pages(browser, base_url: str, pages: dict[str, str], out_dir: Path, pictures=None,
                languages=LANGUAGES) -> list[Path]:
    """The top of each page (``(name, width)`` pairs of ``pages``, all by default) in each of ``languages``
    (every language by default)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = pictures or [(name, width) for name in pages for width in WIDTHS]
    written = []
    for width in sorted({w for _, w in pictures}, reverse=True):
        context = offline_context(browser, base_url, viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            for name in [n for n, w in pictures if w == width]:
                for lang in languages:
                    page.goto(home_url(base_url, lang) + pages[name], wait_until="load")
                    path = out_dir / shot_name(name, lang, width)
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
