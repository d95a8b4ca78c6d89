#!/usr/bin/env python3
"""Measure every goal of issue 26 and print one table per goal, each with PASS or FAIL.

    python scripts/benchmark.py              # goals 1, 2, 4 and 5, medians of 3 runs (about an hour on 2 cores)
    python scripts/benchmark.py --quick      # the repository's size only, one run each (a few minutes)
    python scripts/benchmark.py --suite      # and goal 3: the whole test suite in a fresh clone (many minutes)
    python scripts/benchmark.py --goals 2 5  # some goals only
    python scripts/benchmark.py --machinery  # and builds with each piece of machinery switched off (issue 25)
    python scripts/benchmark.py --report FILE --json FILE   # also write the tables (Markdown) and the raw runs

Run it inside the project's environment (`source scripts/setup.sh`). Every command runs as its own
process, on a copy of the repository (or a synthetic copy, ``scripts/synthetic.py``), never on this
checkout's files. Each figure is the median of ``--runs`` runs with the spread [min-max]: wall time,
CPU time (user + system of the process and all its children: much less noisy than wall time on a
busy machine) and peak memory (the largest sum of the memory (proportional set size) of the processes running at
once). Compare figures measured in the same run on the same machine; the load average is printed.

Nothing the benchmark makes is deleted before the run ends (its temporary folder goes then). This
machine's ext4 has no journal, and without one the kernel reuses no inode for 60 s after its file was
deleted (5 min while the inode's table block is unwritten; ``recently_deleted`` in fs/ext4/ialloc.c):
each file made after a large deletion scans past the deleted ones. Deleting each site as soon as it
was measured made the next build's files cost a fifth of its CPU in the kernel (perf, 100 + 500:
``find_inode_bit`` -> ``recently_deleted``), so a figure depended on what was deleted just before it.

The tables of the last run, with why each failing goal fails and what would unlock it, are in
``PERFORMANCE.md``.

Older modes: ``--scale`` (one size built once, its peak memory), ``--weight`` (what a visitor
downloads, in chromium), ``--baseline DIR`` (goal 5's builds with another checkout's code too).
"""

from __future__ import annotations

import argparse
import ctypes
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import REPO, edit_title, synthetic_copy  # noqa: E402

BUILD_ENV = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}


def environment(extra: dict | None = None) -> dict:
    """The environment of a measured command: this one, with Python writing and reading its compiled modules
    (``__pycache__``) as on any machine, even where PYTHONDONTWRITEBYTECODE is set (it made each ``ncp`` run
    compile the package again: 0.1 s)."""
    env = {**os.environ, **BUILD_ENV, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
MACHINERY_OFF = Path(__file__).resolve().parent / "machinery_off"
"""``sitecustomize.py`` there switches off the pieces named in ``NCP_MACHINERY_OFF`` in every build process."""


def _switches() -> dict[str, str]:
    """The pieces ``machinery_off/sitecustomize.py`` can switch off, read from it (nothing switched here)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("machinery_off", MACHINERY_OFF / "sitecustomize.py")
    module = importlib.util.module_from_spec(spec)
    saved = os.environ.pop("NCP_MACHINERY_OFF", None)
    try:
        spec.loader.exec_module(module)
    finally:
        if saved is not None:
            os.environ["NCP_MACHINERY_OFF"] = saved
    return module.SWITCHES


MACHINERY = _switches()
SIZES = {"repository": (0, 0), "100 + 500": (100, 500), "1,000 + 1,000": (1000, 1000)}
"""Goal 5's sizes: synthetic cases + events added to the repository's data."""
CHECK_LARGE = (1000, 5000)
"""Goal 2's large size: 1,000 synthetic cases + 5,000 synthetic events."""
MACHINERY_SIZE = "100 + 500"


# -- measuring one command ---------------------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    code: int = 0
    pages: int = 0
    size_mb: float = 0.0


def _processes() -> dict[int, tuple[int, int, float]]:
    """Every process now: pid -> (parent pid, resident KiB, CPU seconds used by it and its waited-for children)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # after the command name, which may hold spaces
        ppid, utime, stime, cutime, cstime, rss_pages = (int(fields[1]), *map(int, fields[11:15]), int(fields[21]))
        found[int(entry.name)] = (ppid, rss_pages * os.sysconf("SC_PAGE_SIZE") // 1024,
                                  (utime + stime + cutime + cstime) / tick)
    return found


def _tree(pid: int, processes: dict) -> set[int]:
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [p for p, (pp, _, _) in processes.items() if pp == parent and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def tree_usage(pid: int) -> tuple[int, float]:
    """The memory of ``pid`` and its descendants now (KiB: the sum of their proportional set sizes, so that a
    forked child sharing its parent's pages is not counted as a second copy of them, and a child still in its
    parent's address space counted not at all), and the CPU seconds they have used (children that ended count in
    their parent's)."""
    processes = _processes()
    tree = [p for p in _tree(pid, processes) if p in processes]
    memory = sum(_pss(p, processes[p][1]) for p in tree if not _same_memory(p, processes[p][0]))
    return memory, sum(processes[p][2] for p in tree)


_KCMP, _KCMP_VM = 312, 1
"""Linux x86-64's ``kcmp`` system call and its ``KCMP_VM`` type: whether two processes share one address space."""


def _same_memory(pid: int, parent: int) -> bool:
    """Whether ``pid`` runs in its parent's address space: a child made by ``vfork`` (as Python's ``subprocess``
    starts a command) until it executes the command. Its proportional set size is then the parent's, whole: summed,
    a build of 82 MiB that started ``git`` counted 120 MiB for an instant (2 of 3 builds of the repository's size
    under load)."""
    try:
        return ctypes.CDLL(None, use_errno=True).syscall(_KCMP, pid, parent, _KCMP_VM, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _pss(pid: int, rss_kib: int) -> int:
    """A process's proportional set size (KiB), or its resident size where the kernel does not say it."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return rss_kib


def measured(cmd: list[str], cwd: Path, env: dict | None = None, output: Path | None = None) -> tuple[Run, str]:
    """Wall time, CPU time (user + system, of the process and all its children) and peak memory of one command.

    The peak is the larger of ``os.wait4``'s (the largest single process of the tree, resident) and the
    largest sum of proportional set sizes over the processes running at once, sampled every 0.2 s:
    processes running side by side (a build and the search index) add up, a fork's shared pages do not. ``output``: where the command's standard output goes."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err, \
            open(output or os.devnull, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=environment(env), stdout=out, stderr=err, text=True)
        peak_sum = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak_sum = max(peak_sum, tree_usage(process.pid)[0])
            elapsed = time.perf_counter() - start
            time.sleep(0.01 if elapsed < 0.5 else 0.05 if elapsed < 2 else 0.2)  # a check takes tenths of a second
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        peak = max(usage.ru_maxrss, peak_sum) / 1024
        return Run(wall, usage.ru_utime + usage.ru_stime, peak, process.returncode), err.read()


def site_size(site_dir: Path) -> tuple[int, int]:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


# -- tables --------------------------------------------------------------------------------------------------

def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _figure(values: list[float], digits: int) -> str:
    if not values:
        return "-"
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:,.{digits}f}"
    return f"{median:,.{digits}f} [{min(values):,.{digits}f}-{max(values):,.{digits}f}]"


@dataclass
class Row:
    name: str
    meaning: str
    runs: list[Run] = field(default_factory=list)
    target: str = ""
    ok: bool | None = None
    extra: str = ""

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


@dataclass
class Goal:
    number: str
    title: str
    command: str
    notes: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    verdicts: list[tuple[bool | None, str]] = field(default_factory=list)
    started: str = ""
    load_start: str = ""
    load_end: str = ""
    columns: tuple[str, ...] = ("wall", "cpu", "peak")

    def start(self) -> Goal:
        self.started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        self.load_start = _load()
        print(f"\n[{self.started}] goal {self.number}: {self.title} (load average {self.load_start})", file=sys.stderr)
        return self

    def row(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def verdict(self, ok: bool | None, text: str) -> None:
        self.verdicts.append((ok, text))

    def markdown(self) -> str:
        self.load_end = self.load_end or _load()
        overall = [ok for ok, _ in self.verdicts if ok is not None]
        state = "" if not overall else " -- PASS" if all(overall) else " -- FAIL"
        lines = [f"## Goal {self.number}: {self.title}{state}", "",
                 f"Command: {self.command}", "",
                 f"Measured {self.started} on {os.cpu_count()} CPUs; load average (1, 5, 15 min) {self.load_start} "
                 f"at the start, {self.load_end} at the end. Each figure: median [min-max] of the runs.", ""]
        lines += [f"- {note}" for note in self.notes] + ([""] if self.notes else [])
        lines += ["| row | what it means | runs | wall s | CPU s | peak MiB | target | |",
                  "|---|---|---|---|---|---|---|---|"]
        for row in self.rows:
            runs = row.runs
            wall = _figure([r.wall for r in runs], 2 if runs and max(r.wall for r in runs) < 10 else 1)
            cpu = _figure([r.cpu for r in runs], 2 if runs and max(r.cpu for r in runs) < 10 else 1)
            peak = _figure([r.peak_mib for r in runs], 0) if "peak" in self.columns and any(r.peak_mib for r in runs) else "-"
            verdict = "" if row.ok is None else "PASS" if row.ok else "FAIL"
            meaning = row.meaning + (f" ({row.extra})" if row.extra else "")
            lines.append(f"| {row.name} | {meaning} | {len(runs)} | {wall} | {cpu} | {peak} | {row.target or '-'} "
                         f"| {verdict} |")
        lines.append("")
        lines += [f"{'PASS' if ok else 'FAIL' if ok is not None else 'NOTE'}  {text}" for ok, text in self.verdicts]
        return "\n".join(lines) + "\n"


# -- goal 1: the preview -------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _settled(pid: int, quiet_for: float = 1.0, limit: float = 120) -> None:
    """Wait until the process tree has used almost no CPU for ``quiet_for`` seconds (the preview's search
    index, made in the background after a rebuild, is done), at most ``limit`` seconds."""
    start, last, since = time.perf_counter(), tree_usage(pid)[1], time.perf_counter()
    while time.perf_counter() - start < limit:
        time.sleep(0.25)
        used = tree_usage(pid)[1]
        if used - last > 0.05:
            last, since = used, time.perf_counter()
        elif time.perf_counter() - since >= quiet_for:
            return


def served_edits(project: Path, serve_args: list[str], saves: int) -> tuple[Run, list[Run]]:
    """``mkdocs serve`` of ``project``: the first build until the page answers, then ``saves`` saved edits of a
    case title, each from the save until the served page holds the new title (polled every 0.05 s)."""
    port = _free_port()
    page = edit_title(project, "Benchmark title 0")
    url = f"http://127.0.0.1:{port}/{page}"
    log = project.parent / f"serve-{port}.log"
    env = environment({"NCP_SITE_URL": f"http://127.0.0.1:{port}/"})
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *serve_args],
                                   cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)

        def shown(marker: str, limit: float = 1800) -> None:
            begun = time.perf_counter()
            while time.perf_counter() - begun < limit:
                if process.poll() is not None:
                    sys.exit(f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')[-3000:]}")
                body = _fetch(url)
                if body is not None and marker in body:
                    return
                time.sleep(0.05)
            sys.exit(f"{url}: {marker!r} not served within {limit} s\n{log.read_text(encoding='utf-8')[-3000:]}")

        try:
            shown("Benchmark title 0")
            first = Run(time.perf_counter() - start, tree_usage(process.pid)[1], tree_usage(process.pid)[0] / 1024)
            edits = []
            for n in range(1, saves + 1):
                _settled(process.pid)
                marker = f"Benchmark title {n} {time.time_ns()}"
                memory, cpu = tree_usage(process.pid)
                begun = time.perf_counter()
                edit_title(project, marker)
                shown(marker)
                wall = time.perf_counter() - begun
                memory_after, cpu_after = tree_usage(process.pid)
                edits.append(Run(wall, cpu_after - cpu, max(memory, memory_after) / 1024))
            return first, edits
        finally:
            process.terminate()
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def goal_preview(tmp: Path, runs: int, quick: bool) -> Goal:
    goal = Goal("1", "preview: a saved edit of a case title is in the browser within 1 s (the repository)",
                "`mkdocs serve --dirty` (the README's preview command) on a copy of the repository; "
                "`data/cases/kz0003.yml`'s English title edited and saved, as an editor saves it",
                columns=("wall", "cpu", "peak")).start()
    goal.notes = [
        "wall: from the save until the served page (`/en/cases/kz0003/`, fetched over HTTP every 0.05 s) holds the "
        "new title; the live-reload script reloads the open page at that moment (its reload itself, tens of "
        "milliseconds in a browser, is not counted)",
        "CPU: used by the `mkdocs serve` process and its children from the save until then; before each save the "
        "benchmark waits until the server is idle (the search index, made in the background, done)",
        "peak: the server's resident memory (sampled before and after the edit)"]
    project = synthetic_copy(0, tmp / "preview")
    first, edits = served_edits(project, ["--dirty"], max(runs, 3))
    row = goal.row(Row("`mkdocs serve --dirty`, an edit", "a saved edit until the page shows it", edits, "<= 1 s"))
    row.ok = row.median("wall") <= 1.0
    goal.row(Row("`mkdocs serve --dirty`, start", "from starting the server until the page answers", [first]))
    if not quick:
        plain_first, plain = served_edits(synthetic_copy(0, tmp / "preview-plain"), [], max(runs, 3))
        goal.row(Row("`mkdocs serve`, an edit", "the same without --dirty: every save rebuilds the whole site", plain))
    goal.verdict(row.ok, f"a saved edit in the browser within 1 s: median {row.median('wall'):.2f} s "
                         f"(CPU {row.median('cpu'):.2f} s) over {len(edits)} saves")
    return goal


# -- goal 2: ncp check ---------------------------------------------------------------------------------------

def _ncp() -> list[str]:
    return [sys.executable, "-m", "ncp_site.cli"]


WARM = {"NCP_WARM": "1", "CI": ""}
"""The environment of the ``ncp`` command as the Secretariat runs it: its warm process used (ncp_site/warm.py)."""


def _warm_ncp() -> list[str]:
    """The installed ``ncp`` command (the README's), which answers ``ncp check`` through the warm process."""
    return [str(Path(sys.executable).with_name("ncp"))]


def check_runs(project: Path, runs: int, state: str, warm: bool = False) -> list[Run]:
    """``ncp check`` on ``project``, ``runs`` times: ``cold`` (no cache), ``edited`` (the cache warm, one case
    file saved with a new title before each run) or ``unchanged`` (the cache warm, nothing changed).
    ``warm``: through the ``ncp`` command and its warm process, started (and waited for) first."""
    cache = project / ".cache"
    cmd, env = (_warm_ncp(), WARM) if warm else (_ncp(), {"NCP_WARM": "0"})
    if state != "cold":
        measured([*cmd, "--root", str(project), "check"], project, env)  # fills the cache (and starts the process)
    if warm:
        _wait_for_warm(project)
    results = []
    for n in range(runs):
        if state == "cold":
            shutil.rmtree(cache, ignore_errors=True)
        elif state == "edited":
            edit_title(project, f"Checked title {n} {time.time_ns()}")
        run, stderr = measured([*cmd, "--root", str(project), "check"], project, env)
        if run.code:
            sys.exit(f"ncp check failed on {project} ({state}):\n{stderr[-3000:]}")
        results.append(run)
    return results


def _wait_for_warm(project: Path, timeout: float = 300) -> None:
    from ncp_site.warm import socket_path

    sock = socket_path(project)
    deadline = time.monotonic() + timeout
    while sock is None or not sock.exists():
        if time.monotonic() > deadline:
            sys.exit(f"the warm process of {project} did not start in {timeout:.0f} s")
        time.sleep(0.1)
    time.sleep(1)  # the socket is bound after its first check; let the load of that check settle


def _stop_warm(project: Path) -> None:
    """Stop the project's warm process (it stops when its socket goes) and wait until it has."""
    from ncp_site.warm import stop

    stop(project)
    subprocess.run(["pkill", "-f", f"ncp_site.warm --serve {project.resolve()}"], check=False)


def goal_check(tmp: Path, runs: int, quick: bool) -> Goal:
    goal = Goal("2", "`ncp check` at most 0.3 s on the repository and 2 s at 1,000 cases + 5,000 events",
                "`ncp --root COPY check` (the installed `ncp` command, as the README runs it; its first check "
                "leaves a warm process behind, ncp_site/warm.py), and the same as a new process each time "
                "(`python -m ncp_site.cli`, `NCP_WARM=0`), on a copy of the repository and on a synthetic copy "
                "with 1,000 more cases and 5,000 more events (`scripts/synthetic.py`)").start()
    goal.notes = [
        "cold: no cache (`.cache/` removed before each run: a fresh clone, CI), a new process",
        "one file edited: the cache warm, one case file saved with a new title before each run (the "
        "Secretariat's loop: edit, check)",
        "warm process: `ncp check` answered by the warm process; its CPU column is the calling command's "
        "alone (the check runs in a child of the warm process); the target applies to this row",
        "new process: `python -m ncp_site.cli check` with `NCP_WARM=0` (CI, the tests)",
        "unchanged: the cache warm, nothing changed since the last run",
        "imports: `python -c 'import ncp_site.cli'`, the floor under every new process"]
    imports = [measured([sys.executable, "-c", "import ncp_site.cli"], REPO)[0] for _ in range(max(runs, 3))]
    goal.row(Row("imports", "Python starting and importing the command", imports))
    sizes = [("repository", (0, 0), 0.3)] + ([] if quick else [("1,000 + 5,000", CHECK_LARGE, 2.0)])
    for label, (cases, events), limit in sizes:
        project = synthetic_copy(cases, tmp / f"check-{cases}", events)
        try:
            goal.row(Row(f"{label}, cold", "no cache, a new process", check_runs(project, runs, "cold")))
            for warm, how in ((True, "warm process"), (False, "new process")):
                for state, meaning in (("edited", "one file edited, the cache warm"),
                                       ("unchanged", "nothing changed, the cache warm")):
                    row = goal.row(Row(f"{label}, {state}, {how}", f"{meaning}, {how}",
                                       check_runs(project, runs, state, warm)))
                    if warm and state == "edited":
                        row.target, row.ok = f"<= {limit} s", row.median("wall") <= limit
                        goal.verdict(row.ok, f"ncp check at {label} (one file edited): {row.median('wall'):.2f} s "
                                             f"wall (target {limit} s)")
        finally:
            _stop_warm(project)
    return goal


# -- goal 3: the test suite ----------------------------------------------------------------------------------

def fresh_clone(tmp: Path, name: str) -> Path:
    """A ``git clone`` of this checkout's HEAD (what is committed: a fresh clone has nothing else)."""
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
    if dirty.strip():
        print(f"note: uncommitted changes in {REPO} are not in the clone (it holds HEAD)", file=sys.stderr)
    clone = tmp / name
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    return clone


def _tail(path: Path, pattern: str) -> str:
    lines = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if re.search(pattern, line)]
    return lines[-1].strip("= ") if lines else ""


def goal_suite(tmp: Path) -> Goal:
    goal = Goal("3", "the test suite runs in at most 6 min in a fresh clone",
                "`git clone` of HEAD, then `NCP_EXTRAS=test source scripts/setup.sh` (the environment, from the "
                "package registries), then `bash scripts/test`").start()
    goal.notes = ["setup: the virtual environment and the package with its test extras (pip, network-bound; pip's "
                  "download cache is used as on any machine that installed before)",
                  "the suite: `bash scripts/test` once the environment exists (npm install of the checkers, then pytest); "
                  "the target applies to this row"]
    clone = fresh_clone(tmp, "suite")
    setup, _ = measured(["bash", "-c", "NCP_EXTRAS=test source scripts/setup.sh"], clone)
    goal.row(Row("setup", "the environment for the tests", [setup]))
    log = tmp / "suite.log"
    run, _ = measured(["bash", "scripts/test", "-q", "-p", "no:cacheprovider"], clone, output=log)
    row = goal.row(Row("`bash scripts/test`", "every test", [run], "<= 360 s", run.wall <= 360,
                       _tail(log, r"passed|failed|error")))
    goal.verdict(row.ok, f"the test suite in a fresh clone: {run.wall / 60:.1f} min ({run.cpu / 60:.1f} min CPU), "
                         f"setup {setup.wall / 60:.1f} min more; exit status {run.code}: {row.extra}")
    return goal


# -- goal 4: a data-only publish -----------------------------------------------------------------------------

def goal_publish(tmp: Path) -> Goal:
    goal = Goal("4", "a data-only commit is published in at most 3 min",
                "in a fresh `git clone` of HEAD, the steps of `.github/workflows/publish.yml` for a commit that "
                "touches only `data/` or `docs/`: `ncp check --release`; `bash scripts/build`; "
                "`NCP_TEST_SITE=site bash scripts/test -m published` (the built-site checks of that site)").start()
    goal.notes = ["setup and npm ci: the clone's environment (`scripts/setup.sh` from the lock, the checkers from "
                  "package-lock.json), as the workflow's setup steps; not counted in the target",
                  "`ncp check --release`: run with an empty never-publish list (`NCP_NEVER_PUBLISH` names a file "
                  "with no names), as the workflow writes it from its secret",
                  "the target applies to the sum of the three steps"]
    clone = fresh_clone(tmp, "publish")
    setup, _ = measured(["bash", "-c", "NCP_EXTRAS=test source scripts/setup.sh"], clone)
    goal.row(Row("setup", "the clone's virtual environment with the test extras; not counted", [setup]))
    npm, _ = measured(["npm", "ci", "--no-audit", "--no-fund", "--silent"], clone)
    goal.row(Row("npm ci", "the checkers (vnu-jar, linkinator, axe-core); not counted", [npm]))
    names = tmp / "never-publish.txt"
    names.write_text("", encoding="utf-8")
    env = {"NCP_NEVER_PUBLISH": str(names)}
    steps = []
    release, _ = measured(["bash", "-c", "source scripts/setup.sh && ncp check --release"], clone, env=env)
    steps.append(goal.row(Row("`ncp check --release`", "every check, and what publishing needs", [release],
                              extra=f"exit status {release.code}" + (
                                  ": the repository's data lacks what publishing needs" if release.code else ""))))
    build, stderr = measured(["bash", "scripts/build"], clone, env=env)
    if build.code:
        sys.exit(f"the build failed:\n{stderr[-3000:]}")
    steps.append(goal.row(Row("`bash scripts/build`", "the whole site (`mkdocs build --strict`, then the search "
                                                      "index in a process of its own)", [build])))
    log = tmp / "published.log"
    checks, _ = measured(["bash", "scripts/test", "-m", "published", "-q", "-p", "no:cacheprovider"], clone,
                         env={**env, "NCP_TEST_SITE": "site"}, output=log)  # the site just built, as the workflow
    steps.append(goal.row(Row("`bash scripts/test -m published`", "the built-site checks", [checks],
                              extra=_tail(log, r"passed|failed|error"))))
    total = Run(sum(r.runs[0].wall for r in steps), sum(r.runs[0].cpu for r in steps),
                max(r.runs[0].peak_mib for r in steps))
    row = goal.row(Row("all three", "`ncp check --release` + build + checks", [total], "<= 180 s", total.wall <= 180))
    goal.verdict(row.ok, f"a data-only publish: {total.wall:.0f} s ({total.cpu:.0f} s CPU); exit statuses "
                         f"{release.code}, {build.code}, {checks.code}")
    return goal


# -- goal 5: the build against the floor ---------------------------------------------------------------------

def measured_build(project: Path, site_dir: Path, env: dict | None = None, strict: bool = True,
                   python: str = sys.executable, index_after: bool = False) -> Run:
    """One build: ``mkdocs build`` (one process, the languages one after another); with ``index_after``, as
    ``scripts/build`` runs it: the search index made once that process has ended (``NCP_INDEX_AFTER``)."""
    cmd = [python, "-m", "mkdocs", "build", "-d", str(site_dir)] + (["--strict"] if strict else [])
    if index_after:
        handover = site_dir.parent / f".{site_dir.name}-handover"
        cmd = ["bash", "-c", 'NCP_INDEX_AFTER="$1" "${@:2}" && "$2" -m ncp_site.site.publishing "$1"', "build",
               str(handover), *cmd]
    run, stderr = measured(cmd, project, env)
    if run.code:
        sys.exit(f"build of {project} failed:\n{stderr[-3000:]}")
    run.pages, size = site_size(site_dir)
    run.size_mb = size / 1e6
    return run  # the site stays until the run ends (the module's docstring says why)


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
    measured_build(project, tmp / "site-dump", env={"NCP_DUMP_MARKDOWN": str(docs)})
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


VARIANTS = {
    "`scripts/build`": "the build as documented (`mkdocs build --strict`: one process, the languages one after "
                       "another, mkdocs-static-i18n; then the search index in a process of its own, "
                       "`NCP_INDEX_AFTER`); the target applies to it",
    "floor": "plain MkDocs + Material + mkdocs-static-i18n building the same final Markdown, no plugin, no macros",
}


def _off_env(names: list[str]) -> dict:
    return {"NCP_MACHINERY_OFF": ",".join(names),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(MACHINERY_OFF), os.environ.get("PYTHONPATH")]))}


def compare_with_floor(project: Path, runs: int, tmp: Path, baseline: Path | None = None,
                       machinery: bool = False) -> dict[str, list[Run]]:
    """``runs`` builds of ``project`` in each variant (``VARIANTS``) and of its floor, interleaved (one of each,
    then again), so that a change in the machine's load touches every variant alike."""
    floor = floor_project(project, tmp)
    results: dict[str, list[Run]] = {name: [] for name in VARIANTS}
    if baseline is not None:
        results["baseline"] = []
    switches = list(MACHINERY) if machinery else []
    for name in switches:
        results[f"`scripts/build`, {name} off"] = []
    for i in range(runs):
        if baseline is not None:
            results["baseline"].append(measured_build(project, tmp / f"base{i}", python=baseline_python(baseline),
                                                         index_after=True))
        results["`scripts/build`"].append(measured_build(project, tmp / f"site{i}", index_after=True))
        results["floor"].append(measured_build(floor, tmp / f"floor{i}", strict=False))
        for name in switches:
            results[f"`scripts/build`, {name} off"].append(
                measured_build(project, tmp / f"off-{name}-{i}", env=_off_env([name])))
    return results


def goal_floor(tmp: Path, runs: int, quick: bool, baseline: Path | None, machinery: bool,
               only: list[str] | None = None) -> list[Goal]:
    goal = Goal("5", "the build costs no more than the floor, in time and peak memory, at three sizes",
                "each size built by `scripts/build` (`mkdocs build --strict`) and its floor, interleaved, "
                "`SOURCE_DATE_EPOCH=1700000000`").start()
    goal.notes = [f"{name}: {meaning}" for name, meaning in VARIANTS.items()]
    goal.notes.append("sizes: the repository's data; with 100 cases + 500 events added; with 1,000 cases + "
                      "1,000 events added (`scripts/synthetic.py`); the floor's Markdown is dumped by one more build "
                      "(`NCP_DUMP_MARKDOWN`), not timed")
    goal.notes.append("what it means: the HTML pages and output of the build, and its medians over the floor's")
    extra_goal = None
    if machinery:
        extra_goal = Goal("5b", f"what each piece of machinery gains ({MACHINERY_SIZE}, issue 25 item 4)",
                          "`scripts/build` with one piece switched off (`scripts/machinery_off/`, "
                          "`NCP_MACHINERY_OFF`), interleaved with goal 5's builds of the same size")
        extra_goal.started, extra_goal.load_start = goal.started, goal.load_start
        extra_goal.notes = [f"{name}: {meaning}" for name, meaning in MACHINERY.items()]
    sizes = {"repository": SIZES["repository"]} if quick else SIZES
    if only:
        sizes = {label: SIZES[label] for label in only}
    for label, (cases, events) in sizes.items():
        work = tmp / f"floor-{cases}"
        work.mkdir()
        project = synthetic_copy(cases, work, events)
        results = compare_with_floor(project, runs, work, baseline, machinery and label == MACHINERY_SIZE)
        medians = {name: {a: statistics.median(getattr(r, a) for r in rs) for a in ("wall", "cpu", "peak_mib")}
                   for name, rs in results.items()}
        for name, rs in results.items():
            ratio = ", ".join(f"{what} {medians[name][a] / medians['floor'][a]:.2f}"
                              for what, a in (("wall", "wall"), ("CPU", "cpu"), ("peak", "peak_mib")))
            row = Row(f"{label}: {name}", f"{rs[-1].pages:,} pages, {rs[-1].size_mb:.1f} MB; / floor: {ratio}", rs)
            if name.startswith("`scripts/build`,") and extra_goal is not None:
                base = medians["`scripts/build`"]
                row.meaning = MACHINERY[name.split(", ")[1].removesuffix(" off")] + " switched off"
                row.extra = (f"CPU {medians[name]['cpu'] - base['cpu']:+.1f} s, peak "
                             f"{medians[name]['peak_mib'] - base['peak_mib']:+.0f} MiB against `scripts/build`")
                extra_goal.row(row)
                continue
            if name == "`scripts/build`":
                row.target = "<= floor"
                row.ok = medians[name]["wall"] <= medians["floor"]["wall"] and \
                    medians[name]["peak_mib"] <= medians["floor"]["peak_mib"]
            goal.row(row)
        if extra_goal is not None and label == MACHINERY_SIZE:
            extra_goal.rows.insert(0, next(r for r in goal.rows if r.name == f"{label}: `scripts/build`"))
        for name in ("`scripts/build`",):
            m, f = medians[name], medians["floor"]
            goal.verdict(m["wall"] <= f["wall"] and m["peak_mib"] <= f["peak_mib"],
                         f"{label}, {name}: {m['wall']:.1f} s vs the floor's {f['wall']:.1f} s "
                         f"({m['wall'] / f['wall']:.2f}), peak {m['peak_mib']:.0f} vs {f['peak_mib']:.0f} MiB "
                         f"({m['peak_mib'] / f['peak_mib']:.2f}), CPU {m['cpu']:.1f} vs {f['cpu']:.1f} s")
        print("\n".join(line for line in goal.markdown().splitlines() if line.startswith(f"| {label}:")),
              file=sys.stderr, flush=True)  # each size as soon as it is measured: the larger ones take long
    goal.load_end = _load()
    if extra_goal is not None:
        extra_goal.load_end = goal.load_end
        return [goal, extra_goal]
    return [goal]


# -- older modes ---------------------------------------------------------------------------------------------

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


def weight_benchmark(counts: list[int], events: int) -> None:
    """What a visitor downloads: the repository's site (and synthetic sizes), built once each, weighed in chromium."""
    for count in [0, *counts]:
        with tempfile.TemporaryDirectory() as tmp:
            project = synthetic_copy(count, Path(tmp), events if count else 0)
            site = Path(tmp) / "site"
            run, stderr = measured([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project)
            if run.code:
                sys.exit(f"build failed:\n{stderr[-3000:]}")
            weigh(site, "repository site" if not count else f"{count} extra cases, {events} extra events")


def scale_benchmark(counts: list[int], events: int) -> None:
    """The build (``scripts/build``) of N synthetic cases once, its peak memory (issue 14: 10,000
    cases within 1.5 GB)."""
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
          f"load average {_load()}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            run = measured_build(synthetic_copy(count, Path(tmp), events), Path(tmp) / "site")
            print(f"{count} cases + {events} events: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, peak {run.peak_mib:.0f} MiB, "
                  f"{run.pages} HTML pages, {run.size_mb:.1f} MB")
            if count >= 10000:
                print(f"{'PASS' if run.peak_mib <= 1.5 * 1024 else 'FAIL'}  {count} cases: peak memory <= 1.5 GB: "
                      f"{run.peak_mib:.0f} MiB")


# -- the command ---------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--goals", nargs="*", default=None, choices=["1", "2", "3", "4", "5"],
                        help="the goals to measure (default: 1 2 4 5, and 3 with --suite)")
    parser.add_argument("--quick", action="store_true",
                        help="the repository's size only, one run each; no plain `mkdocs serve`, no data-only publish")
    parser.add_argument("--suite", action="store_true", help="also goal 3: the whole test suite in a fresh clone")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3; 1 with --quick)")
    parser.add_argument("--sizes", nargs="*", choices=list(SIZES), default=None,
                        help="goal 5: only these sizes (default: all three; the repository's alone with --quick)")
    parser.add_argument("--machinery", action="store_true",
                        help=f"goal 5 at {MACHINERY_SIZE}: also `mkdocs build` with each piece switched off: "
                             + ", ".join(MACHINERY))
    parser.add_argument("--baseline", type=Path, help="goal 5: also build with this checkout's code (in its own .venv), as `scripts/build` does")
    parser.add_argument("--report", type=Path, help="also write the tables (Markdown) to this file")
    parser.add_argument("--json", type=Path, help="also write every run's figures (JSON) to this file")
    parser.add_argument("--scale", action="store_true",
                        help="older mode: build each --cases size once as scripts/build does, its peak memory")
    parser.add_argument("--weight", action="store_true",
                        help="older mode: weigh first views and first queries in chromium (needs the test extras)")
    parser.add_argument("--cases", type=int, nargs="*", default=[], help="with --scale or --weight: synthetic sizes")
    parser.add_argument("--events", type=int, default=0, help="with --scale or --weight: synthetic events added")
    args = parser.parse_args()
    if args.scale:
        scale_benchmark(args.cases or [10000], args.events)
        return
    if args.weight:
        weight_benchmark(args.cases, args.events)
        return
    goals = args.goals or ["1", "2", "4", "5"] + (["3"] if args.suite else [])
    if args.quick and args.goals is None:
        goals = ["1", "2", "5"] + (["3"] if args.suite else [])
    runs = args.runs or (1 if args.quick else 3)
    head = (f"# ncp-site benchmark (issue 26)\n\n`python scripts/benchmark.py {' '.join(sys.argv[1:])}`, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, Python "
            f"{sys.version.split()[0]}, load average {_load()}\n")
    print(head)
    done: list[Goal] = []
    with tempfile.TemporaryDirectory(prefix="ncp-benchmark-") as tmp:
        for number in sorted(goals):
            work = Path(tmp) / f"goal{number}"
            work.mkdir()
            if number == "1":
                measured_goals = [goal_preview(work, runs, args.quick)]
            elif number == "2":
                measured_goals = [goal_check(work, runs, args.quick)]
            elif number == "3":
                measured_goals = [goal_suite(work)]
            elif number == "4":
                measured_goals = [goal_publish(work)]
            else:
                measured_goals = goal_floor(work, runs, args.quick, args.baseline, args.machinery, args.sizes)
            for goal in measured_goals:
                print(goal.markdown(), flush=True)
                done.append(goal)
    summary = "\n".join(f"{'PASS' if ok else 'FAIL' if ok is not None else 'NOTE'}  goal {g.number}: {text}"
                        for g in done for ok, text in g.verdicts)
    print("## Summary\n\n" + summary)
    if args.report:
        args.report.write_text(head + "\n" + "\n".join(g.markdown() for g in done) + "\n## Summary\n\n" + summary + "\n",
                               encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps([{**{k: v for k, v in asdict(g).items() if k != "rows"},
                                          "rows": [asdict(r) for r in g.rows]} for g in done], indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
