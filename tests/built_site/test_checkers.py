"""Real checkers on the built site: the Nu HTML Checker (vnu) and linkinator for links and anchors."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKINATOR = REPO / "node_modules" / ".bin" / "linkinator"

# Material's own markup: `autocomplete` on its hidden checkbox toggles is its only error on a stock site.
KNOWN_THEME_ERRORS = ("autocomplete",)


def _require(path, what):
    if not path.exists() or shutil.which("java") is None:
        pytest.fail(f"{what} is not installed: run `bash scripts/test`, which installs it")


@pytest.mark.published
def test_html_is_valid(site):
    _require(VNU, "vnu-jar (npm)")
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(site.root)], capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if not any(k in m.get("message", "") for k in KNOWN_THEME_ERRORS)]
    assert not errors, "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in errors[:30])


@pytest.mark.published
def test_links_and_anchors_resolve(site):
    _require(LINKINATOR, "linkinator (npm)")
    result = subprocess.run([str(LINKINATOR), str(site.root), "--recurse", "--check-fragments",
                             "--skip", r"^(?!http://localhost:)", "--format", "json"],
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    broken = [link for link in report["links"] if link["state"] == "BROKEN"
              and not link["url"].endswith("/sitemap.xml")]
    assert not broken, "\n".join(f"{b['parent']} -> {b['url']} ({b['status']})" for b in broken[:30])
