#!/usr/bin/env python3
"""Measure the full build: wall time (median of N runs), data loads per build, output size.

    python scripts/benchmark.py                 # the repository's site, 3 runs
    python scripts/benchmark.py --cases 1000    # plus a synthetic copy with 1,000 specific instances
    python scripts/benchmark.py --runs 1 --cases 1000 --weight   # and what a visitor downloads

Run inside the project's environment (`source scripts/setup.sh`). Figures depend on the machine:
quote medians, and compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def build(project: Path, site_dir: Path) -> tuple[float, int, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    loads = [int(n) for n in re.findall(r"data loaded (\d+) time", result.stderr)]
    return elapsed, max(loads or [0]), result.stderr


def site_size(site_dir: Path) -> tuple[int, int]:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


WEIGHT_PAGES = {"home": "", "register": "cases/", "case": None, "search": "search/", "events": "events/"}
"""Page types whose first view is weighed; ``case`` is the first specific instance's page."""
FIRST_QUERY = {"kk": "Қазақстан", "ru": "предприятие", "en": "enterprise"}
BUDGET_CASE_PAGE_GZIP = 80_000


def gzip_size(body: bytes) -> int:
    """What a server compressing with gzip sends (Pagefind's files are gzip'ed already: sent as they are)."""
    return min(len(body), len(gzip.compress(body, 6)))


def weigh(site_dir: Path, label: str) -> None:
    """Print, per page type and language, the bytes of a first view (HTML, CSS, JS, fonts and all that
    the page requests by itself, in Debian's chromium, offline) and what the first query adds: typing
    a word on the search page, choosing chapter IV in the register's filters."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO))
    from ncp_site.screenshots import launch_chromium, offline_context, serve

    case = min(p.parent.name for p in (site_dir / "cases").glob("*/index.html"))
    print(f"{label}: first view and first query, bytes raw / gzip (same-origin responses)")
    print(f"  {'page':<10}{'lang':<6}{'first view raw':>16}{'gzip':>10}{'requests':>10}{'index files':>13}"
          f"{'first query raw':>17}{'gzip':>10}")
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for kind, path in WEIGHT_PAGES.items():
            for lang in ("kk", "ru", "en"):
                prefix = "" if lang == "kk" else f"{lang}/"
                target = f"cases/{case}/" if path is None else path
                if not (site_dir / prefix / target / "index.html").is_file():
                    continue  # a site without a search page (before Pagefind)
                url = base + prefix + target
                context = offline_context(browser, base)
                bodies: list[tuple[str, bytes]] = []

                def keep(response, bodies=bodies):
                    """The file a same-origin answer sent, read from the site (the browser may drop big bodies)."""
                    if response.ok and response.url.startswith(base):
                        sent = site_dir / response.url.removeprefix(base).split("?")[0].split("#")[0]
                        sent = sent / "index.html" if sent.is_dir() else sent
                        bodies.append((response.url, sent.read_bytes()))

                context.on("response", keep)
                page = context.new_page()
                page.goto(url, wait_until="load")  # a long page may pause the network while it parses
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                first = list(bodies)
                if kind == "search" and page.locator("#ncp-search-query").count():
                    page.fill("#ncp-search-query", FIRST_QUERY[lang])
                    page.press("#ncp-search-query", "Enter")
                    page.wait_for_selector("[data-ncp-search-results] a", timeout=30_000)
                elif kind == "register" and page.locator("#ncp-filter-chapter").count():
                    page.select_option("#ncp-filter-chapter", "IV")
                    page.wait_for_selector("[data-ncp-register-results] a", timeout=30_000)
                page.wait_for_load_state("networkidle")
                added = bodies[len(first):]
                context.close()
                index_files = sum("/pagefind/" in u or u.endswith("search_index.json") for u, _ in first)
                raw, packed = sum(len(b) for _, b in first), sum(gzip_size(b) for _, b in first)
                q_raw, q_packed = sum(len(b) for _, b in added), sum(gzip_size(b) for _, b in added)
                query = f"{q_raw / 1e3:>15.1f}K{q_packed / 1e3:>9.1f}K" if added else f"{'-':>17}{'-':>10}"
                print(f"  {kind:<10}{lang:<6}{raw / 1e3:>15.1f}K{packed / 1e3:>9.1f}K{len(first):>10}{index_files:>13}{query}")
                if kind == "case" and packed > BUDGET_CASE_PAGE_GZIP:
                    print(f"  ^ over the budget of {BUDGET_CASE_PAGE_GZIP / 1e3:.0f} KB gzip for a case page's first view")
        browser.close()


def measure(project: Path, runs: int, label: str, weight: bool = False) -> None:
    times, loads = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            out = Path(tmp) / f"site{i}"
            elapsed, count, _ = build(project, out)
            times.append(elapsed)
            loads.add(count)
        pages, size = site_size(out)
        case_pages = sorted((out / "cases").glob("*/index.html"))
        case_weight = statistics.median(p.stat().st_size for p in case_pages) if case_pages else 0
        print(f"{label}: {pages} HTML pages, {size / 1e6:.1f} MB; build median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs); data loaded {sorted(loads)} time(s) "
              f"per build; median case page {case_weight / 1e3:.1f} KB")
        if weight:
            weigh(out, label)


def check_time(project: Path, runs: int, ncp: str) -> float:
    """Median wall time of ``ncp check`` (a whole process, as the secretariat runs it)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([ncp, "--root", str(project), "check"], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode:
            sys.exit(f"ncp check failed:\n{result.stdout[-3000:]}")
    return statistics.median(times)


def synthetic_copy(count: int, tmp: Path, events: int = 0, source: Path = REPO) -> Path:
    project = tmp / "project"
    def skipped(folder, names):
        """Not the built site (``site/`` at the top; ``ncp_site/site/`` is code), caches or tools."""
        skip = {".git", ".venv", "node_modules", "test-results", "__pycache__"}
        return [n for n in names if n in skip or (n == "site" and Path(folder) == Path(source))]

    shutil.copytree(source, project, ignore=skipped)
    if events:
        year = yaml.safe_load((source / "data" / "events" / "2022.yml").read_text(encoding="utf-8"))
        records = []
        for n in range(events):
            record = copy.deepcopy(year["events"][n % len(year["events"])])
            record["id"] = f"synthetic-{n:05d}"
            records.append(record)
        (project / "data" / "events" / "2099.yml").write_text(
            yaml.safe_dump({"events": records}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    template = yaml.safe_load((source / "data" / "cases" / "kz0003.yml").read_text(encoding="utf-8"))
    for n in range(count):
        record = copy.deepcopy(template)
        record["id"] = record["oecd_id"] = f"zz{n:04d}"
        for lang in ("kk", "ru", "en"):
            record["title"][lang] = f"{record['title'][lang]} #{n}"
        (project / "data" / "cases" / f"zz{n:04d}.yml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", type=int, nargs="*", default=[], help="synthetic register sizes to measure")
    parser.add_argument("--events", type=int, default=0, help="synthetic events added to each synthetic copy")
    parser.add_argument("--check-only", action="store_true", help="time `ncp check` only, not the build")
    parser.add_argument("--project", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    parser.add_argument("--weight", action="store_true",
                        help="also weigh first views and first queries in chromium (needs the test extras)")
    args = parser.parse_args()
    ncp = str(args.project / ".venv" / "bin" / "ncp") if (args.project / ".venv" / "bin" / "ncp").exists() else "ncp"
    if args.check_only:
        print(f"ncp check, repository data: median {check_time(args.project, args.runs, ncp):.2f} s ({args.runs} runs)")
        for count in args.cases:
            with tempfile.TemporaryDirectory() as tmp:
                copy_ = synthetic_copy(count, Path(tmp), args.events, args.project)
                print(f"ncp check, {count} extra cases + {args.events} events: "
                      f"median {check_time(copy_, args.runs, ncp):.2f} s ({args.runs} runs)")
        return
    measure(args.project, args.runs, "repository site", args.weight)
    for count in args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            measure(synthetic_copy(count, Path(tmp), args.events, args.project), args.runs,
                    f"synthetic, {count} extra cases, {args.events} extra events", args.weight)


if __name__ == "__main__":
    main()
