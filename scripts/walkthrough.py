"""The walkthrough's pictures of an error (guide/data.md), made by commands on a scratch copy of the repository.

    python scripts/walkthrough.py                  # build the site, write docs-screenshots/walkthrough-*
    python scripts/walkthrough.py --site site/     # use a site already built

A copy of the repository gets ``ncp new case --id kz-2026-example`` left unfilled; then come
``ncp check`` as a terminal shows it (rich's recording, saved as SVG), what the case's JSON
Schema reports (check-jsonschema's output, the errors an editor using the schema underlines:
VS Code is not available here), and a page of the preview with the error panel that
``mkdocs serve`` shows (the preview's own functions, photographed in Debian's chromium).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

from ncp_site import check_report, cli
from ncp_site.core.messages import _n
from ncp_site.project import load_project
from ncp_site.site import preview

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "docs-screenshots"
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' helpers: tests/browsing.py

from browsing import build_site, launch_chromium, offline_context, serve  # noqa: E402

CASE_ID = "kz-2026-example"
WIDTH = 120


def scratch_copy(root: Path) -> tuple[Path, str]:
    """The repository's configuration, data, pages and schemas with a new, unfilled case; what ``ncp new`` said."""
    for folder in ("data", "docs", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        if cli.main(["--root", str(root), "new", "case", "--id", CASE_ID]) != 0:
            raise SystemExit("ncp new case failed")
    return root, said.getvalue().strip()


def terminal_svg(root: Path, said: str, out: Path) -> Path:
    project = load_project(root)
    console = Console(record=True, width=WIDTH, force_terminal=True, color_system="truecolor", file=io.StringIO(),
                      highlight=False)
    console.print(Text(f"$ ./ncp new case --id {CASE_ID}", style="bold"))
    console.print(said, markup=False)
    console.print(Text("$ ./ncp check", style="bold"))
    summary = check_report.summarise(project, {f"data/cases/{CASE_ID}.yml"})  # as git sees the new file
    check_report.render(summary, console, verbose=False)
    held_back = check_report.held_back(summary, verbose=False)
    found = _n("{n:,} problem found.", "{n:,} problems found.", len(project.errors))
    console.print(f"\n{found}" + (f" ({held_back}.)" if held_back else ""),
                  style="red", markup=False)
    return save_svg(console, out / "walkthrough-check.svg", "ncp check")


def schema_svg(root: Path, out: Path) -> Path:
    file = f"data/cases/{CASE_ID}.yml"
    result = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile",
                             "schemas/cases.json", file], cwd=root, capture_output=True, text=True, check=False)
    console = Console(record=True, width=WIDTH, force_terminal=True, file=io.StringIO(), highlight=False)
    console.print(Text(f"$ check-jsonschema --schemafile schemas/cases.json {file}", style="bold"))
    console.print(Text(result.stdout + result.stderr))
    return save_svg(console, out / "walkthrough-schema.svg", "what the schema reports (as an editor underlines it)")


def save_svg(console: Console, path: Path, title: str) -> Path:
    """rich's SVG without its web font (a request to a CDN): the viewer's monospace font is used."""
    svg = re.sub(r"@font-face\s*\{[^}]*\}", "", console.export_svg(title=title))
    path.write_text(svg, encoding="utf-8")
    return path


def preview_png(root: Path, site_dir: Path, out: Path, browser, lang: str = "ru") -> Path:
    """The Russian home page as ``mkdocs serve`` shows it while the data has errors."""
    project = load_project(root)
    failure = preview.BuildFailure(errors=tuple(project.errors))
    page = site_dir / project.config.languages.prefix(lang) / "index.html"
    panel = preview.error_panel(failure, lang, project.data.ui, root="/")
    html = page.read_text(encoding="utf-8")
    at = html.find("<h1")  # where the preview names the page's file, at the start of its content
    edit = preview.edit_line(f"docs/index.{lang}.md", lang, project.data.ui)
    html = html[:at] + edit + html[at:] if at >= 0 else html
    page.write_text(preview.served_page(html, root="/", epoch=None, request_id=0, panel=panel), encoding="utf-8")
    for extra in preview.preview_files():
        (site_dir / extra.path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / extra.path).write_text(extra.content, encoding="utf-8")
    path = out / f"walkthrough-preview-{lang}.png"
    with serve(site_dir) as base_url:
        context = offline_context(browser, base_url)
        try:
            tab = context.new_page()
            tab.goto(base_url + project.config.languages.prefix(lang), wait_until="networkidle")
            tab.screenshot(path=str(path))
        finally:
            context.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The walkthrough's pictures of an error (guide/data.md).")
    parser.add_argument("--site", type=Path, help="a built site to copy instead of building one")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"where to write them (default: {OUT_DIR})")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root, said = scratch_copy(Path(tmp) / "repo")
        print(terminal_svg(root, said, args.out))
        print(schema_svg(root, args.out))
        site_dir = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site_dir)
        else:
            build_site(site_dir)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                print(preview_png(root, site_dir, args.out, browser))
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
