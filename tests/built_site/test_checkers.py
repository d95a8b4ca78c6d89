"""Real checkers on the built site: the Nu HTML Checker (vnu) and linkinator for links and anchors
(linkinator 7's --check-fragments: a link to a missing #anchor is broken; version 6 ignored the flag)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from conftest import REPO

from browsing import serve

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKINATOR = REPO / "node_modules" / ".bin" / "linkinator"

JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
"""One short run: the JVM's quick compiler only (half the CPU of its full one on the whole site, the same
messages), which needs a larger thread stack for vnu's schema; one garbage-collector thread."""

# Material's own markup: `autocomplete` on its hidden checkbox toggles is its only error on a stock site.
KNOWN_THEME_ERRORS = ("autocomplete",)


def _require(path, what):
    if not path.exists() or shutil.which("java") is None:
        pytest.fail(f"{what} is not installed: run `bash scripts/test`, which installs it")


@pytest.mark.published
def test_html_is_valid(site):
    _require(VNU, "vnu-jar (npm)")
    result = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(site.root)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if not any(k in m.get("message", "") for k in KNOWN_THEME_ERRORS)]
    assert not errors, "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in errors[:30])


def site_path(site) -> str:
    """The path the site is published at, from the home page's canonical address: ``ncp-site`` on GitHub
    Pages (the language switcher of the home page links to ``/ncp-site/ru/``), empty for the test build."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', site.html("kk"))
    return urlsplit(canonical.group(1)).path.strip("/") if canonical else ""


@pytest.mark.published
def test_links_and_anchors_resolve(site, tmp_path):
    """Every link and anchor within the site, served on 127.0.0.1 at the path it is published at."""
    _require(LINKINATOR, "linkinator (npm)")
    path, root = site_path(site), site.root
    if path:
        root = tmp_path / "served"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).symlink_to(site.root, target_is_directory=True)
    report_file = tmp_path / "linkinator.json"
    with serve(root) as url, report_file.open("w", encoding="utf-8") as out:
        # To a file, not a pipe: Node.js writes to a pipe asynchronously and linkinator exits before the
        # writes end, so a report over 64 KiB was read cut short now and then (JSONDecodeError at char 65521).
        subprocess.run([str(LINKINATOR), url + (f"{path}/" if path else ""), "--recurse", "--check-fragments",
                        "--skip", f"^(?!{re.escape(url)})", "--format", "json"],
                       stdout=out, stderr=subprocess.PIPE, text=True, timeout=600)
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert len(report["links"]) > 100, "premise: linkinator followed the site's links"
    broken = [link for link in report["links"] if link["state"] == "BROKEN"
              and not link["url"].endswith("/sitemap.xml")]
    assert not broken, "\n".join(f"{b['parent']} -> {b['url']} ({b['status']})" for b in broken[:30])
