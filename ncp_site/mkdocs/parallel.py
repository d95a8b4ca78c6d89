"""The languages built at once: one ``mkdocs build`` process per language, merged into one ``site/``.

mkdocs-static-i18n (1.3) builds the languages one after another inside one process, so a
three-language build uses one core. Here each language is a process of its own
(``NCP_BUILD_LANGUAGE`` tells the ``ncp`` plugin which language it builds; ``plugin._build_only``),
each writing to its own folder; the folders are then merged, the sitemap joined, and the search
index and the never-publish search run once over the whole site, as the one-process build does at
its end. The result is the same site byte for byte (tests/mkdocs/test_parallel.py).

The site folder is replaced only when everything succeeded: a failed or stopped build (SIGTERM,
Ctrl-C) leaves it as it was and removes its work folder (``.ncp-build-*`` beside the site folder).
This process does not load the data itself (each language's build validates it and stops with the
same report as ``ncp check``): at 10,000 cases a Project held here for the whole build would add
800 MB to the peak.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..checks import never_publish, published
from ..core.config import SiteConfig
from ..site.search_index import SearchIndexError, build_search_index

ONLY_LANGUAGE = "NCP_BUILD_LANGUAGE"
"""Set for each process of a parallel build: the one language it builds."""

SITEMAP = "sitemap.xml"
_URLSET_END = "\n</urlset>"


class BuildFailed(RuntimeError):
    """A language's build, the merge, the search index or the never-publish search failed; the site was kept."""


class Stopped(BaseException):
    """SIGTERM or SIGINT (Ctrl-C) arrived: the build unwinds (its language builds killed, its work folder
    removed) and the site is left as it was."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _stop(signum, frame):
    """The first stop signal ends the build; further ones must not cut its cleanup short."""
    for stopping in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stopping, signal.SIG_IGN)
    raise Stopped(signum)


@dataclass(frozen=True)
class Part:
    lang: str
    folder: Path
    seconds: float
    output: str


def build(config: SiteConfig, site_dir: Path, *, jobs: int | None = None, say: Callable[[str], None] = print,
          names: never_publish.NeverPublish | None = None) -> None:
    """Build every language of the site at ``config.root`` into ``site_dir`` in parallel processes;
    raises ``BuildFailed``. ``names``: the never-publish list the whole site is searched for."""
    languages = config.languages
    root = config.root
    names = names if names is not None else never_publish.NeverPublish({})
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".ncp-build-", dir=site_dir.parent))
    try:
        parts = _build_languages(root, list(languages), work, jobs or len(languages), say)
        started = time.monotonic()
        merged = merge([p.folder for p in parts], work / "site")
        say(f"merged in {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        say(f"{_index(merged, languages)} ({time.monotonic() - started:.1f} s)")
        started = time.monotonic()
        errors = published.site_errors(merged, names, root)
        if names:
            say(f"searched for the never-publish names in {time.monotonic() - started:.1f} s")
        if errors:
            raise BuildFailed("The built site holds names that must never be published:\n"
                              + "\n".join(str(e) for e in errors)
                              + f"\n{len(errors)} problem(s); the site was not written.")
        replace_site(site_dir, merged, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _build_languages(root: Path, languages: list[str], work: Path, jobs: int, say) -> list[Part]:
    """One ``mkdocs build`` per language, at most ``jobs`` at a time; their output is shown in language order."""
    waiting = list(languages)
    running: dict[str, tuple[subprocess.Popen, float, object]] = {}
    done: dict[str, Part] = {}
    with contextlib.ExitStack() as logs:
        try:
            while waiting or running:
                while waiting and len(running) < jobs:
                    lang = waiting.pop(0)
                    log = logs.enter_context(tempfile.TemporaryFile(dir=work))
                    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                               str(root / "mkdocs.yml"), "--site-dir", str(work / lang)]
                    env = {**os.environ, ONLY_LANGUAGE: lang}
                    with _signals_held():  # a process started is a process the cleanup below knows of
                        running[lang] = (subprocess.Popen(command, cwd=root, env=env, stdout=log,
                                                          stderr=subprocess.STDOUT, preexec_fn=_unblocked),
                                         time.monotonic(), log)
                for lang, (process, started, log) in list(running.items()):
                    if process.poll() is None:
                        continue
                    del running[lang]
                    log.seek(0)
                    output = log.read().decode("utf-8", "replace")
                    if process.returncode:
                        raise BuildFailed(f"{_reported(output)}\nThe '{lang}' build failed (exit status "
                                          f"{process.returncode}); the site was not written.")
                    done[lang] = Part(lang, work / lang, time.monotonic() - started, output)
                time.sleep(0.05)
        finally:
            for process, _, _ in running.values():
                process.kill()
                process.wait()
    parts = [done[lang] for lang in languages]
    for part in parts:
        for line in part.output.splitlines():
            say(f"[{part.lang}] {line}")
    say("languages built in " + ", ".join(f"{p.lang} {p.seconds:.1f} s" for p in parts))
    return parts


def _reported(output: str) -> str:
    """What a failed language build said: its data errors alone when the data is what failed (as
    ``ncp check`` lists them), else all it printed."""
    lines = output.rstrip().splitlines()
    start = next((i for i, line in enumerate(lines) if "The data has errors:" in line), None)
    if start is None:
        return output.rstrip()
    end = next((i for i in range(start, len(lines)) if "error(s) in the data" in lines[i]), len(lines) - 1)
    return "\n".join([lines[start][lines[start].index("The data has errors:"):], *lines[start + 1:end + 1]])


def merge(parts: list[Path], dest: Path) -> Path:
    """One site from the languages' folders (the default language's first): every file moved into
    ``dest``; a file two builds both wrote must be the same (the theme's assets), the sitemap excepted,
    which is joined."""
    parts = [Path(p) for p in parts]
    parts[0].rename(dest)
    sitemaps = [_read_sitemap(parts[0], dest)]
    for part in parts[1:]:
        sitemaps.append(_read_sitemap(part, part))
        for path in sorted(p for p in part.rglob("*") if p.is_file()):
            relative = path.relative_to(part)
            if relative.as_posix() in (SITEMAP, SITEMAP + ".gz"):
                continue
            target = dest / relative
            if target.exists():
                if target.read_bytes() != path.read_bytes():
                    raise BuildFailed(f"{relative}: two language builds wrote different files at the same place "
                                      "-- a generated file must live under its language's folder")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
        shutil.rmtree(part)
    if any(s is not None for s in sitemaps):
        _write_sitemap(dest, [s for s in sitemaps if s is not None])
    return dest


@dataclass(frozen=True)
class _Sitemap:
    head: str
    urls: str
    mtime: int


def _read_sitemap(part: Path, folder: Path) -> _Sitemap | None:
    path = folder / SITEMAP
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    match = re.match(r"(.*?<urlset[^>]*>)(.*)" + re.escape(_URLSET_END) + r"\s*\Z", text, re.DOTALL)
    if match is None:
        raise BuildFailed(f"{part.name}/{SITEMAP}: not the sitemap mkdocs-static-i18n writes; cannot join it")
    gz = (folder / (SITEMAP + ".gz")).read_bytes()
    return _Sitemap(match.group(1), match.group(2), int.from_bytes(gz[4:8], "little"))


def _write_sitemap(dest: Path, sitemaps: list[_Sitemap]) -> None:
    """The sitemap the one-process build writes last: every language's pages, in language order.

    MkDocs writes ``sitemap.xml.gz`` with the newest page's date as the gzip time; every part has the same."""
    if len({s.head for s in sitemaps}) != 1:
        raise BuildFailed(f"{SITEMAP}: the languages' sitemaps start differently; cannot join them")
    text = sitemaps[0].head + "".join(s.urls for s in sitemaps) + _URLSET_END
    (dest / SITEMAP).write_bytes(text.encode("utf-8"))
    mtime = max(s.mtime for s in sitemaps)
    with open(dest / (SITEMAP + ".gz"), "wb") as raw, \
            gzip.GzipFile(fileobj=raw, filename=str(dest / (SITEMAP + ".gz")), mode="wb", mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))


def _index(site: Path, languages) -> str:
    try:
        return build_search_index(site, languages).summary()
    except SearchIndexError as exc:
        raise BuildFailed(str(exc)) from None


def replace_site(site_dir: Path, merged: Path, work: Path) -> None:
    """``merged`` becomes ``site_dir`` by renames (the old site is removed only once the new one is in place)."""
    old = work / "old"
    with _signals_held():  # a stop between the renames would lose the old site with the work folder
        if site_dir.exists():
            site_dir.rename(old)
        try:
            merged.rename(site_dir)
        except OSError:
            if old.exists():
                old.rename(site_dir)
            raise


def _unblocked() -> None:
    """In a language build's process: the signals held while it was started are not held there."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})


@contextlib.contextmanager
def _signals_held():
    """SIGTERM and SIGINT wait until a step that must not be cut in two is done."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def main(argv: list[str] | None = None) -> int:
    """``python -m ncp_site.mkdocs.parallel``: what ``scripts/build`` runs."""
    import argparse

    from ..core.config import load_config
    from ..core.errors import DataErrors

    parser = argparse.ArgumentParser(prog="python -m ncp_site.mkdocs.parallel", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the folder of mkdocs.yml (default: here)")
    parser.add_argument("-d", "--site-dir", type=Path, default=None, help="where the site goes (default: site/)")
    parser.add_argument("-j", "--jobs", type=int, default=None,
                        help="languages built at a time (default: all of them; 1 builds one after another)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        config = load_config(root)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    names, errors = never_publish.from_environment(os.environ)
    if errors:
        print(DataErrors(errors).report(), file=sys.stderr)
        return 1
    site_dir = args.site_dir or root / "site"
    started = time.monotonic()
    for stopping in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stopping, _stop)
    try:
        build(config, site_dir, jobs=args.jobs, say=lambda line: print(names.redact(line)), names=names)
    except BuildFailed as exc:
        print(names.redact(str(exc)), file=sys.stderr)
        return 1
    except Stopped as exc:
        print(f"The build was stopped ({exc}); the site was left as it was.", file=sys.stderr)
        return 128 + exc.signum
    print(f"Site built in {site_dir} in {time.monotonic() - started:.1f} s "
          f"({', '.join(config.languages)}, one process each).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
