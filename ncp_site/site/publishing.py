"""The built site made publishable: its search index, the checks every file must pass, and its folder
replaced only once they passed. No MkDocs here: the plugin calls these once every language is written.

``mkdocs build`` writes the site into a work folder beside its own (``.ncp-build-*``, git-ignored) and
moves it into place once every check passed: a failed or stopped build (a never-publish name found,
SIGTERM, Ctrl-C) leaves the site folder as it was and removes the work folder.

``scripts/build`` runs the search index after the build's process has ended (``INDEX_AFTER``): the build
checks its pages and hands the work folder over to ``python -m ncp_site.site.publishing FILE``
(``index_after``), which indexes it, checks the index and moves the site into place.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from ..checks import built_languages, never_publish, published
from ..core.config import load_config
from ..core.languages import Languages
from .search_index import BUNDLE, SearchIndexError, build_search_index

INDEX_AFTER = "NCP_INDEX_AFTER"
"""A file, set by ``scripts/build``: ``mkdocs build`` leaves the search index and the move into place to
``index_after``, run once its process has ended, so that Pagefind's memory does not add to the build's. At
100 cases + 500 events the two at once peaked at 252 MiB, the build alone at 151 MiB, Pagefind alone at 100 MiB.
Without it, ``mkdocs build`` does everything itself."""


class NotPublishable(RuntimeError):
    """The built site failed a check (or its index could not be made); the message lists why."""


def finish(site_dir: Path, project, mount: str, work: WorkFolder | None = None, after: str | None = None) -> list[str]:
    """Index ``site_dir``, then check every file it holds, then move the ``work`` folder into place; what was done, for
    the log. Raises ``NotPublishable``. With ``after`` (``INDEX_AFTER``), the pages are checked and the rest is left
    to ``index_after``."""
    said = [] if after and work is not None else _indexed(site_dir, project.config.languages)
    said += check(site_dir, project)  # after indexing: the search index is searched too
    errors = built_languages.language_errors(site_dir, project.config.languages, mount, project.config.root)
    if errors:
        raise NotPublishable("The built site's pages do not match their languages:\n" + "\n".join(map(str, errors[:20]))
                             + f"\n{len(errors)} problem(s) in the built site ({site_dir}); do not publish it.")
    if after and work is not None:
        Path(after).write_text(json.dumps({"folder": str(work.folder), "dest": str(work.dest),
                                           "root": str(project.config.root)}), encoding="utf-8")
        said.append(f"the search index is made next, once this process has ended ({INDEX_AFTER})")
    elif work is not None:
        work.publish()
    return said


def index_after(handover: Path) -> list[str]:
    """The search index of the site a build handed over (``INDEX_AFTER``), the never-publish search of it, then the
    site moved into place; what was done. Raises ``NotPublishable`` (the work folder removed, the site kept)."""
    text = Path(handover).read_text(encoding="utf-8")
    if not text:
        raise NotPublishable(f"the build handed no site over in {handover} ({INDEX_AFTER}): nothing was published")
    state = json.loads(text)
    work = WorkFolder.existing(Path(state["folder"]), Path(state["dest"]))
    try:
        config = load_config(Path(state["root"]))
        names, errors = never_publish.from_environment(os.environ)
        if errors:
            raise NotPublishable("\n".join(map(str, errors)))
        said = _indexed(work.site, config.languages) + _checked(work.site / BUNDLE, names, config.root)
    except BaseException:
        work.discard()
        raise
    work.publish()
    return said


def _indexed(site_dir: Path, languages: Languages) -> list[str]:
    try:
        return [build_search_index(site_dir, languages).summary()]
    except SearchIndexError as exc:
        raise NotPublishable(str(exc)) from None


def check(site_dir: Path, project, since: float | None = None) -> list[str]:
    """Every file written (since ``since``, a time), searched for the never-publish names; raises ``NotPublishable``."""
    return _checked(site_dir, project.never_publish, project.config.root, since)


def _checked(site_dir: Path, names: never_publish.NeverPublish, root: Path, since: float | None = None) -> list[str]:
    errors = published.site_errors(site_dir, names, root, since)
    if errors:
        raise NotPublishable("The built site holds names that must never be published:\n"
                             + "\n".join(str(e) for e in errors)
                             + f"\n{len(errors)} problem(s) in the built site ({site_dir}); do not publish it.")
    if names:
        return [f"searched the built site for {len(names.names)} never-publish name(s): 0 found"]
    return []


class WorkFolder:
    """Where a build writes the site meanwhile (``site``), beside ``dest``, the folder it replaces at the end."""

    def __init__(self, dest: Path):
        self.dest = Path(dest).resolve()
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".ncp-build-", dir=self.dest.parent))
        self.site = self.folder / "site"

    @classmethod
    def existing(cls, folder: Path, dest: Path) -> WorkFolder:
        """The work folder a build handed over (``index_after``)."""
        work = cls.__new__(cls)
        work.folder, work.dest, work.site = Path(folder), Path(dest), Path(folder) / "site"
        return work

    def publish(self) -> None:
        """The work becomes ``dest`` by renames (the old site is removed only once the new one is in place)."""
        old = self.folder / "old"
        with _signals_held():  # a stop between the renames would lose the old site with the work folder
            if self.dest.exists():
                self.dest.rename(old)
            try:
                self.site.rename(self.dest)
            except OSError:
                if old.exists():
                    old.rename(self.dest)
                raise
        self.discard()

    def discard(self) -> None:
        """What the build wrote is removed: it may hold a never-publish name."""
        shutil.rmtree(self.folder, ignore_errors=True)


class Stopped(SystemExit):
    """SIGTERM or SIGINT (Ctrl-C) arrived: the build unwinds (its work folder removed) and exits 128 + the signal."""


def stop_on_signals(say) -> None:
    """SIGTERM and Ctrl-C end a build as an error would: ``say`` tells why, in one line, and no traceback follows."""
    def stop(signum, frame):
        for stopping in (signal.SIGTERM, signal.SIGINT):  # a second signal must not cut the cleanup short
            signal.signal(stopping, signal.SIG_IGN)
        say(f"The build was stopped ({signal.Signals(signum).name}); the site was left as it was.")
        raise Stopped(128 + signum)

    for stopping in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stopping, stop)


@contextlib.contextmanager
def _signals_held():
    """SIGTERM and SIGINT wait until a step that must not be cut in two is done."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def main(argv: list[str]) -> int:
    """``python -m ncp_site.site.publishing FILE``: ``index_after`` as the second step of ``scripts/build``."""
    stop_on_signals(lambda line: print(line, file=sys.stderr))
    try:
        for line in index_after(Path(argv[0])):
            print(f"INFO    -  {line}", file=sys.stderr)
    except NotPublishable as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
