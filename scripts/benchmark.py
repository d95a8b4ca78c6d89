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
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def build(project: Path, site_dir: Path) -> tuple[float, int, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=project, env=env, capture_output=True, text=True, check=False)
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

    sys.path.insert(0, str(REPO / "tests"))  # the browser tests' helpers: tests/browsing.py
    from browsing import launch_chromium, offline_context, serve

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
        result = subprocess.run([ncp, "--root", str(project), "check"], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode:
            sys.exit(f"ncp check failed:\n{result.stdout[-3000:]}")
    return statistics.median(times)


SEED = 14
EVENTS_PER_FILE = 500
LANGS = ("kk", "ru", "en")


LONG_TEXTS = ("summary", "note", "outcome_note")
"""Fields written as paragraphs; every other translated text is one line (a title, a name, a place)."""


def _localized_texts(value, found: list[tuple[str, dict]], key: str = "") -> None:
    """Every ``{kk, ru, en}`` mapping of strings in a parsed record with its field name, wherever it is nested."""
    if isinstance(value, dict):
        if set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values()):
            found.append((key, value))
            return
        for name, item in value.items():
            _localized_texts(item, found, name)
    elif isinstance(value, list):
        for item in value:
            _localized_texts(item, found, key)


def _text_pools(records: list[dict], glossary: str) -> dict[str, dict[str, list[str]]]:
    """Sentences and words of every language, taken from the repository's own records; no word of
    the glossary, so that words put side by side never make a deprecated term."""
    in_glossary = {w.lower()[:5] for w in re.findall(r"\w+", glossary)}  # a stem, roughly: terms are inflected
    texts: list[tuple[str, dict]] = []
    _localized_texts(records, texts)
    pools = {lang: {"sentences": [], "words": []} for lang in LANGS}
    for key, text in texts:
        for lang in LANGS:
            if key in LONG_TEXTS:
                pools[lang]["sentences"] += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text[lang]) if len(s) > 40]
            pools[lang]["words"] += [w for w in re.findall(r"\w{4,}", text[lang]) if w.lower()[:5] not in in_glossary]
    for pool in pools.values():
        pool["sentences"], pool["words"] = sorted(set(pool["sentences"])), sorted(set(pool["words"]))
    return pools


def _vary(record, rng, pools, n: int):
    """The record with every translated text rewritten: long texts re-composed from other records'
    sentences (a different number each time), short ones given words of their own, so that no two
    synthetic records are near-copies. The same draws are used for the three languages."""
    texts: list[tuple[str, dict]] = []
    _localized_texts(record, texts)
    seen = set()
    for key, text in texts:
        if id(text) in seen:  # one text reached twice through a YAML alias
            continue
        seen.add(id(text))
        if key in LONG_TEXTS:
            count = rng.randint(2, 14)
            picks = [rng.random() for _ in range(count)]
            paragraphs = rng.random() < 0.4
            for lang in LANGS:
                sentences = pools[lang]["sentences"]
                chosen = [sentences[int(p * len(sentences))] for p in picks]
                sep = "\n\n" if paragraphs else " "
                text[lang] = sep.join(chosen)
        else:
            picks = [rng.random() for _ in range(rng.randint(1, 3))]
            for lang in LANGS:
                words = pools[lang]["words"]
                extra = " ".join(words[int(p * len(words))] for p in picks)
                text[lang] = f"{text[lang]} ({extra}, {n})" if text[lang] else text[lang]
    return record


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _dump(path: Path, value) -> None:
    path.write_text(yaml.dump(value, allow_unicode=True, sort_keys=False, width=100,
                              Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper)), encoding="utf-8")


def synthetic_copy(count: int, tmp: Path, events: int = 0, source: Path = REPO) -> Path:
    """A copy of ``source`` with ``count`` more specific instances and ``events`` more events, made
    deterministically (seed ``SEED``) from the repository's records, every text varied (``_vary``)."""
    project = tmp / "project"
    def skipped(folder, names):
        """Not the built site (``site/`` at the top; ``ncp_site/site/`` is code), caches or tools, nor the
        code: ``python -m mkdocs`` puts the project folder first on the path, and each build must run the
        ``ncp_site`` of the environment that runs it (``--baseline`` runs another checkout's)."""
        skip = {".git", ".venv", "node_modules", "test-results", "__pycache__"}
        return [n for n in names if n in skip or (n in ("site", "ncp_site") and Path(folder) == Path(source))]

    shutil.copytree(source, project, ignore=skipped)
    (project / "ncp_site").mkdir()  # empty: mkdocs.yml watches it; the code comes from the environment
    rng = random.Random(SEED)
    cases = [_load(p) for p in sorted((source / "data" / "cases").glob("*.yml"))]
    years = [_load(p) for p in sorted((source / "data" / "events").glob("*.yml"))]
    templates = [e for year in years for e in year["events"]]
    pools = _text_pools(cases + templates, (source / "data" / "glossary.yml").read_text(encoding="utf-8"))
    if events:
        records = []
        for n in range(events):
            record = _vary(copy.deepcopy(templates[rng.randrange(len(templates))]), rng, pools, n)
            record["id"] = f"synthetic-{n:05d}"
            records.append(record)
        for start in range(0, events, EVENTS_PER_FILE):  # a source file may hold at most 10 MB
            year = 2099 - start // EVENTS_PER_FILE
            _dump(project / "data" / "events" / f"{year}.yml", {"events": records[start:start + EVENTS_PER_FILE]})
    for n in range(count):
        record = _vary(copy.deepcopy(cases[rng.randrange(len(cases))]), rng, pools, n)
        record["id"] = record["oecd_id"] = f"z{chr(ord('a') + n // 10000)}{n % 10000:04d}"  # as the OECD writes ids
        _dump(project / "data" / "cases" / f"{record['id']}.yml", record)
    return project


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    pages: int = 0
    size_mb: float = 0.0


BUILD_ENV = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants now, in KiB (Linux ``/proc``)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(p, 0) for p in tree)


def measured(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[Run, int, str]:
    """Wall time, CPU time (user + system) and peak resident memory of one command.

    The peak is the larger of ``os.wait4``'s (the largest single process of the tree) and the largest
    sum over the processes running at once, sampled every 0.2 s: a parallel build runs one
    process per language, and their memory adds up."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **BUILD_ENV, **(env or {})},
                                   stdout=subprocess.DEVNULL, stderr=err, text=True)
        peak_sum = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak_sum = max(peak_sum, _tree_rss_kib(process.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        peak = max(usage.ru_maxrss, peak_sum) / 1024
        return Run(wall, usage.ru_utime + usage.ru_stime, peak), process.returncode, err.read()


def measured_build(project: Path, site_dir: Path, env: dict | None = None, strict: bool = True,
                   python: str = sys.executable, parallel: bool = False, jobs: int | None = None) -> Run:
    """One build: ``mkdocs build`` (one process, the languages one after another) or, with
    ``parallel``, what ``scripts/build`` runs (one process per language, merged)."""
    if parallel:
        cmd = [python, "-m", "ncp_site.mkdocs.parallel", "--root", str(project), "--site-dir", str(site_dir)]
        cmd += ["--jobs", str(jobs)] if jobs else []
    else:
        cmd = [python, "-m", "mkdocs", "build", "-d", str(site_dir)] + (["--strict"] if strict else [])
    run, code, stderr = measured(cmd, project, env)
    if code:
        sys.exit(f"build of {project} failed:\n{stderr[-3000:]}")
    run.pages, size = site_size(site_dir)
    run.size_mb = size / 1e6
    shutil.rmtree(site_dir)
    return run


def _top_level_block(text: str, key: str) -> str:
    """One top-level block of a YAML file, as written (``markdown_extensions:`` and what is indented under it)."""
    match = re.search(rf"^{key}:\n(?:(?:[ #].*)?\n)*", text, re.MULTILINE)
    return match.group(0) if match else ""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain values; ``!ENV`` and ``!!python`` values come back as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def floor_project(project: Path, tmp: Path) -> Path:
    """The floor: plain MkDocs + Material (its search) + mkdocs-static-i18n, no ncp plugin and no macros,
    holding every page's final Markdown as the ncp build produced it (``NCP_DUMP_MARKDOWN``)."""
    floor = tmp / "floor"
    docs = floor / "docs"
    dump = tmp / "site-dump"
    measured_build(project, dump, env={"NCP_DUMP_MARKDOWN": str(docs)})
    for path in (project / "docs").rglob("*"):
        if path.is_file() and path.suffix != ".md":
            (docs / path.relative_to(project / "docs")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / path.relative_to(project / "docs"))
    languages = floor / "overrides" / "partials" / "languages"
    languages.mkdir(parents=True)
    shutil.copy2(project / "overrides" / "partials" / "languages" / "kk.html", languages)  # Material has no Kazakh
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    site = yaml.load(text, Loader=_AnyTagLoader)
    i18n = next(p["i18n"] for p in site["plugins"] if isinstance(p, dict) and "i18n" in p)
    config = {"site_name": site["site_name"], "site_url": "https://example.org/", "docs_dir": "docs",
              "use_directory_urls": True,
              "theme": {"name": "material", "custom_dir": "overrides", "language": "kk", "font": False,
                        "features": site["theme"].get("features", [])},
              "nav": site["nav"], "plugins": ["search", {"i18n": i18n}]}
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
                                      + _top_level_block(text, "markdown_extensions"), encoding="utf-8")
    return floor


def baseline_python(checkout: Path) -> str:
    """The other checkout's own environment: its ``ncp_site``, plugin entry point and dependencies.

    (``PYTHONPATH`` is not enough: this environment's editable install of ``ncp_site`` comes first.)
    Its code must accept this checkout's data and mkdocs.yml, so compare changes that keep both.
    """
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"--baseline {checkout}: no .venv there; run `source scripts/setup.sh` in that checkout first")
    return str(python)


def compare_with_floor(project: Path, runs: int, tmp: Path, baseline: Path | None = None) -> dict[str, Run]:
    """Median of ``runs`` builds of ``project`` (as ``scripts/build`` runs it: the languages in parallel
    processes; with ``--jobs 1``, a process per language one after another; ``mkdocs build``, one process)
    and of its floor, interleaved (ncp, ncp --jobs 1, ncp in one process, floor, ncp...);
    with ``baseline`` (another checkout's ``ncp_site``, e.g. a ``git worktree`` of main), that code too."""
    floor = floor_project(project, tmp)
    results: dict[str, list[Run]] = {"ncp-site": [], "ncp-site --jobs 1": [], "ncp-site, one process": [], "floor": []}
    if baseline is not None:
        results["baseline"] = []
    for i in range(runs):
        if baseline is not None:
            results["baseline"].append(measured_build(project, tmp / f"base{i}", python=baseline_python(baseline)))
        results["ncp-site"].append(measured_build(project, tmp / f"site{i}", parallel=True))
        results["ncp-site --jobs 1"].append(measured_build(project, tmp / f"jobs1-{i}", parallel=True, jobs=1))
        results["ncp-site, one process"].append(measured_build(project, tmp / f"one{i}"))
        results["floor"].append(measured_build(floor, tmp / f"floor{i}", strict=False))
    return {name: _median(values) for name, values in results.items()}


def _median(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak_mib")),
               pages=runs[-1].pages, size_mb=runs[-1].size_mb)


def print_table(label: str, results: dict[str, Run]) -> None:
    floor = results["floor"]
    print(f"\n{label}\n")
    print("| | wall s | CPU s | peak MiB | HTML pages | output MB | wall / floor |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r.wall:.1f} | {r.cpu:.1f} | {r.peak_mib:.0f} | {r.pages} | {r.size_mb:.1f} "
              f"| {r.wall / floor.wall:.2f} |")


def verdicts(measured_sizes: dict[int, dict[str, Run]], check: float | None, events: int) -> list[str]:
    """PASS/FAIL against issue 14's targets, for what this run measured."""
    lines = []

    def verdict(ok: bool, text: str) -> None:
        lines.append(f"{'PASS' if ok else 'FAIL'}  {text}")

    if 1000 in measured_sizes:
        r = measured_sizes[1000]
        verdict(r["ncp-site"].wall <= 0.5 * r["floor"].wall,
                f"build <= 0.5 x the floor at 1,000 cases + {events} events: "
                f"{r['ncp-site'].wall:.1f} s vs {r['floor'].wall:.1f} s ({r['ncp-site'].wall / r['floor'].wall:.2f})")
        for name in ("ncp-site", "ncp-site --jobs 1"):
            if name in r:
                verdict(r[name].peak_mib <= r["floor"].peak_mib,
                        f"peak memory at 1,000 cases <= the floor's ({name}): {r[name].peak_mib:.0f} vs "
                        f"{r['floor'].peak_mib:.0f} MiB")
    if 1000 in measured_sizes and 3000 in measured_sizes:
        ratio = measured_sizes[3000]["ncp-site"].wall / measured_sizes[1000]["ncp-site"].wall
        verdict(ratio <= 3.1, f"3,000 cases <= 3.1 x the 1,000-case build: {ratio:.2f}")
    if 10000 in measured_sizes:
        peak = measured_sizes[10000]["ncp-site"].peak_mib
        verdict(peak <= 1.5 * 1024, f"10,000 cases: peak memory <= 1.5 GB: {peak:.0f} MiB")
    if check is not None:
        verdict(check <= 2.0, f"ncp check <= 2 s at 1,000 cases + {events} events: {check:.2f} s")
    return lines


def floor_benchmark(counts: list[int], events: int, runs: int, ncp: str, baseline: Path | None = None) -> None:
    """Issue 14's benchmark: each synthetic size built against its floor, then ``ncp check``, then the verdicts."""
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; medians of {runs} runs")
    results, check = {}, None
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = synthetic_copy(count, Path(tmp), events)
            results[count] = compare_with_floor(project, runs, Path(tmp), baseline)
            print_table(f"{count} synthetic cases + {events} events (plus the repository's data)", results[count])
            if count == 1000:
                check = check_time(project, runs, ncp)
                print(f"\nncp check: median {check:.2f} s")
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("\n".join(verdicts(results, check, events)))


def served_edit(project: Path, serve_args: list[str], port: int = 8765) -> tuple[float, float]:
    """``mkdocs serve`` of ``project``: seconds until the first build is served, and from saving an edit of
    one case file (its English title) to the served case page showing it."""
    import urllib.error
    import urllib.request

    case = sorted((project / "data" / "cases").glob("*.yml"))[-1]
    record = _load(case)
    url = f"http://127.0.0.1:{port}/en/cases/{record['id']}/"

    def served(marker: str = "", limit: float = 3600) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if process.poll() is not None:
                sys.exit(f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    if marker in response.read().decode("utf-8", "replace"):
                        return time.perf_counter() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        sys.exit(f"{url}: not served within {limit} s")

    log = project.parent / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *serve_args],
                                   cwd=project, env={**os.environ, **BUILD_ENV, "NCP_SITE_URL": f"http://127.0.0.1:{port}/"},
                                   stdout=out, stderr=subprocess.STDOUT)
        try:
            first = served()
            time.sleep(2)  # the watcher settles
            marker = f"Edited title {time.time_ns()}"
            record["title"]["en"] = marker
            _dump(case, record)
            return first, served(marker)
        finally:
            process.terminate()
            process.wait(30)


def serve_benchmark(counts: list[int], events: int, serve_args: list[str]) -> None:
    """Issue 14's preview target: an edit of one case file visible under ``mkdocs serve`` in at most a
    third of the full build (``scripts/build``, measured in the same run)."""
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; mkdocs serve {' '.join(serve_args)}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = synthetic_copy(count, Path(tmp), events)
            full = measured_build(project, Path(tmp) / "full", parallel=True)
            first, edit = served_edit(project, serve_args)
            print(f"{count} cases + {events} events: full build {full.wall:.1f} s; mkdocs serve: first build served "
                  f"after {first:.1f} s, an edited case page after {edit:.1f} s "
                  f"({edit / full.wall:.2f} of the full build)")
            print(f"{'PASS' if edit <= full.wall / 3 else 'FAIL'}  an edit under mkdocs serve visible in <= 1/3 of "
                  f"the full build: {edit:.1f} s vs {full.wall:.1f} s")


def scale_benchmark(counts: list[int], events: int, jobs: int | None) -> None:
    """Issue 14's scale target: the build (``scripts/build``, ``--jobs``) of N synthetic cases, its peak memory."""
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; jobs {jobs or 'all languages'}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            run = measured_build(synthetic_copy(count, Path(tmp), events), Path(tmp) / "site", parallel=True, jobs=jobs)
            print(f"{count} cases + {events} events: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, peak {run.peak_mib:.0f} MiB, "
                  f"{run.pages} HTML pages, {run.size_mb:.1f} MB")
            if count >= 10000:
                print(f"{'PASS' if run.peak_mib <= 1.5 * 1024 else 'FAIL'}  {count} cases: peak memory <= 1.5 GB: "
                      f"{run.peak_mib:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", type=int, nargs="*", default=[], help="synthetic register sizes to measure")
    parser.add_argument("--events", type=int, default=0, help="synthetic events added to each synthetic copy")
    parser.add_argument("--check-only", action="store_true", help="time `ncp check` only, not the build")
    parser.add_argument("--project", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    parser.add_argument("--weight", action="store_true",
                        help="also weigh first views and first queries in chromium (needs the test extras)")
    parser.add_argument("--floor", action="store_true",
                        help="issue 14: build each synthetic size and, interleaved, plain MkDocs with the same Markdown")
    parser.add_argument("--baseline", type=Path,
                        help="with --floor: also build with this checkout's code (run in its own .venv)")
    parser.add_argument("--scale", action="store_true",
                        help="build each --cases size once as scripts/build does (with --jobs) and report its peak memory")
    parser.add_argument("--jobs", type=int, default=None, help="with --scale: languages built at a time")
    parser.add_argument("--serve-edit", action="store_true",
                        help="time an edit of one case file under `mkdocs serve` against the full build")
    parser.add_argument("--serve-args", default="", help="with --serve-edit: options for mkdocs serve (e.g. --dirty)")
    args = parser.parse_args()
    if args.scale:
        scale_benchmark(args.cases or [10000], args.events, args.jobs)
        return
    if args.serve_edit:
        serve_benchmark(args.cases or [1000], args.events, args.serve_args.split())
        return
    ncp = str(args.project / ".venv" / "bin" / "ncp") if (args.project / ".venv" / "bin" / "ncp").exists() else "ncp"
    if args.check_only:
        print(f"ncp check, repository data: median {check_time(args.project, args.runs, ncp):.2f} s ({args.runs} runs)")
        for count in args.cases:
            with tempfile.TemporaryDirectory() as tmp:
                copy_ = synthetic_copy(count, Path(tmp), args.events, args.project)
                print(f"ncp check, {count} extra cases + {args.events} events: "
                      f"median {check_time(copy_, args.runs, ncp):.2f} s ({args.runs} runs)")
        return
    if args.floor:
        floor_benchmark(args.cases or [1000], args.events, args.runs, ncp, args.baseline)
        return
    measure(args.project, args.runs, "repository site", args.weight)
    for count in args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            measure(synthetic_copy(count, Path(tmp), args.events, args.project), args.runs,
                    f"synthetic, {count} extra cases, {args.events} extra events", args.weight)


if __name__ == "__main__":
    main()
