"""The preview (``mkdocs serve``, ``./ncp preview``): what the plugin does only there.

It never hangs on an error: MkDocs' server answers no page request after a failed rebuild until one
succeeds, and its live reload is an inline script, which the pages' Content-Security-Policy refuses.
Here a failed rebuild counts as done, the browsers reload and see the last good site with the errors
on every page (``site/preview.py``), and the live reload is a same-origin script. Each page starts with a
line naming the file it is made from. Under ``--dirty`` a rebuild writes only what changed
(``site/partial.py``) and the search index is made in the background. Tested by tests/mkdocs/test_serve*.py
and tests/browser/test_preview.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..core.errors import display_path
from ..project import Project
from ..site import preview as site_preview
from ..site.partial import PartialRebuilds
from ..site.publishing import NotPublishable, check
from . import bridge

log = get_plugin_logger(__name__)


class Preview:
    def __init__(self, dirty: bool) -> None:
        self.partial = PartialRebuilds() if dirty else None
        self.project: Project = None  # type: ignore[assignment]  # the plugin's, set at every load
        self.failure: site_preview.BuildFailure | None = None  # why the last rebuild failed
        self.wording = None  # data/ui.yml of the last load that read it: the error panel speaks it
        self.macro_reads: dict[str, set[str]] = {}  # a hand-written page's src_uri -> the kinds its macros read
        self._page_sources: tuple = (None, {})  # (the Project, its generated pages' sources)
        self._checked_names = None  # the never-publish names the last search of the built site looked for
        bridge.quiet_normal_events()

    def loaded(self, project) -> None:
        self.project = project
        self.wording = project.data.ui or self.wording

    def serve(self, server, site_dir: Path) -> None:
        served = lambda content, root, epoch: site_preview.served_bytes(  # noqa: E731
            content, root, epoch, self.failure, self.wording, self.project.config.languages)
        if not bridge.adapt_server(server, self._keeping_last_good, served):
            log.warning("this MkDocs server is unknown to the preview: its live reload may be refused by the "
                        "pages' Content-Security-Policy, and pages may not show the errors")
        bridge.native_observer(server)
        self.write_files(site_dir)
        server.watch(str(self.project.config.data_dir))  # whatever mkdocs.yml says

    write_files = staticmethod(site_preview.write_preview_files)

    def _keeping_last_good(self, builder):
        def build(*args, **kwargs):
            reported = site_preview.Reported()
            engine_log = bridge.engine_logger()
            engine_log.addHandler(reported)
            try:
                with bridge.cleaning_restored():
                    builder(*args, **kwargs)
            except (Exception, SystemExit) as exc:
                if self.partial is not None:
                    self.partial.forget()  # what this build wrote is unknown: the next one rebuilds every page
                redact = self.project.never_publish.redact if self.project is not None else str
                self.failure = site_preview.BuildFailure.of(exc, reported.messages, redact)
                if not isinstance(exc, (SystemExit, PluginError)) and not self.failure.errors:
                    log.error("the rebuild raised an exception", exc_info=exc)
                log.error("The site was not rebuilt: the preview shows the last good version, "
                          "with the errors on every page, until the next good rebuild.")
            else:
                self.failure = None
            finally:
                engine_log.removeHandler(reported)
        return build

    def call(self, page, name: str, macro):
        """A macro's output for a hand-written page, noting the data it read (named on the page: ``edit_line``)."""
        with self.project.reading() as read:
            shown = macro()
        self.macro_reads.setdefault(page.file.src_uri, set()).update(read, [name])
        return shown

    def edit_line(self, page, lang: str) -> str:
        """The "edit: data/cases/kz0002.yml" line: the file (and line) a page is made from."""
        project = self.project
        if page.file.generated_by is None and page.file.abs_src_path is not None:
            read = self.macro_reads.pop(page.file.src_uri, set())
            if self.partial is not None:
                self.partial.read(project, page.file.src_uri, lang, read, page.title, page.meta)
            own = display_path(Path(page.file.abs_src_path), project.config.root)
            return site_preview.edit_line((own, *site_preview.data_read(project, read)), lang, self.wording)
        if self._page_sources[0] is not project:
            self._page_sources = (project, site_preview.page_sources(project))
        uri = page.file.src_uri.removeprefix(project.config.languages.prefix(lang))
        return site_preview.edit_line(self._page_sources[1].get(uri), lang, self.wording)

    def built(self, site_dir: Path) -> None:
        """Every language is written: under ``--dirty``, the never-publish search of what this rebuild wrote, then
        the search index in the background."""
        assert self.partial is not None  # under --dirty only
        for line in self.partial.built():
            log.info(line)
        names = getattr(self.project.never_publish, "names", None)
        since = self.partial.since if names == self._checked_names else None
        self._checked_names = names
        try:
            for line in check(site_dir, self.project, since):
                log.info(line)
        except NotPublishable as exc:
            raise PluginError(str(exc)) from None
        self.partial.index(lambda stop: site_preview.index_again(site_dir, self.project, stop, log.info, log.error))

    def stop(self) -> None:
        """The server stops (MkDocs removes the site folder next): the index being made in it stops first."""
        if self.partial is not None:
            self.partial.stop_indexing()

