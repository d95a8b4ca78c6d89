#!/usr/bin/env python3
"""Measure the full build: wall time (median of N runs), data loads per build, output size.

    python scripts/benchmark.py                 # the repository's site, 3 runs
    python scripts/benchmark.py --cases 1000    # plus a synthetic copy with 1,000 specific instances

Run inside the project's environment (`source scripts/setup.sh`). Figures depend on the machine:
quote medians, and compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import copy
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


def measure(project: Path, runs: int, label: str) -> None:
    times, loads = [], set()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            out = Path(tmp) / f"site{i}"
            elapsed, count, _ = build(project, out)
            times.append(elapsed)
            loads.add(count)
        pages, size = site_size(out)
        case_pages = sorted((out / "cases").glob("*/index.html"))
        weight = statistics.median(p.stat().st_size for p in case_pages) if case_pages else 0
    print(f"{label}: {pages} HTML pages, {size / 1e6:.1f} MB; build median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {runs} runs); data loaded {sorted(loads)} time(s) "
          f"per build; median case page {weight / 1e3:.1f} KB")


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
    shutil.copytree(source, project, ignore=shutil.ignore_patterns(".git", "site", ".venv", "node_modules",
                                                                   "test-results", "__pycache__"))
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
    measure(REPO, args.runs, "repository site")
    for count in args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            measure(synthetic_copy(count, Path(tmp), args.events), args.runs,
                    f"synthetic, {count} extra cases, {args.events} extra events")


if __name__ == "__main__":
    main()
