"""The built site made publishable: its search index, the checks every file must pass, and its folder
replaced only once they passed. No MkDocs here: the plugin calls these once every language is written.

``mkdocs build`` writes the site into a work folder beside its own (``.ncp-build-*``, git-ignored) and
moves it into place once every check passed: a failed or stopped build (a never-publish name found,
SIGTERM, Ctrl-C) leaves the site folder as it was and removes the work folder.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import tempfile
from pathlib import Path

from ..checks import built_languages, published
from .search_index import SearchIndexError, build_search_index


class NotPublishable(RuntimeError):
    """The built site failed a check (or its index could not be made); the message lists why."""


def finish(site_dir: Path, project, mount: str) -> list[str]:
    """Index ``site_dir``, then check every file it holds; what was done, for the log. Raises ``NotPublishable``."""
    try:
        said = [build_search_index(site_dir, project.config.languages).summary()]
    except SearchIndexError as exc:
        raise NotPublishable(str(exc)) from None
    said += check(site_dir, project)  # after indexing: the search index is searched too
    errors = built_languages.language_errors(site_dir, project.config.languages, mount, project.config.root)
    if errors:
        raise NotPublishable("The built site's pages do not match their languages:\n" + "\n".join(map(str, errors[:20]))
                             + f"\n{len(errors)} problem(s) in the built site ({site_dir}); do not publish it.")
    return said


def check(site_dir: Path, project, since: float | None = None) -> list[str]:
    """Every file written (since ``since``, a time), searched for the never-publish names; raises ``NotPublishable``."""
    errors = published.site_errors(site_dir, project.never_publish, project.config.root, since)
    if errors:
        raise NotPublishable("The built site holds names that must never be published:\n"
                             + "\n".join(str(e) for e in errors)
                             + f"\n{len(errors)} problem(s) in the built site ({site_dir}); do not publish it.")
    if project.never_publish:
        return [f"searched the built site for {len(project.never_publish.names)} never-publish name(s): 0 found"]
    return []


class WorkFolder:
    """Where a build writes the site meanwhile (``site``), beside ``dest``, the folder it replaces at the end."""

    def __init__(self, dest: Path):
        self.dest = Path(dest).resolve()
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=".ncp-build-", dir=self.dest.parent))
        self.site = self.folder / "site"

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
