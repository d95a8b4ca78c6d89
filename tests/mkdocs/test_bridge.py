"""Contract tests of ``ncp_site/mkdocs/bridge.py``: each use of another package's internals, checked against the
installed package. A failure names the bridge function to update for the new upstream release."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_macros.plugin import MacrosPlugin
from mkdocs_static_i18n import plugin as i18n_plugin
from mkdocs_static_i18n.suffix import create_i18n_file

from ncp_site.mkdocs import bridge


def upstream(changed: bool, function: str, what: str) -> None:
    assert not changed, f"{what}: update ncp_site/mkdocs/bridge.py ({function}) for the installed release"


# --- mkdocs-static-i18n ------------------------------------------------------------------------------

def test_static_i18n_keeps_the_language_it_builds_and_its_building_flag_and_files_per_language():
    i18n = i18n_plugin.I18n()
    for name, value in (("current_language", None), ("building", False), ("i18n_files_per_language", {})):
        upstream(getattr(i18n, name, "missing") != value, "language_being_built, last_build, add_language_versions",
                 f"static-i18n's I18n().{name} is no longer {value!r}")
    body = inspect.getsource(i18n_plugin.I18n.on_post_build)
    upstream("self.building = True" not in body or "build(config" not in body, "last_build",
             "static-i18n no longer builds the other languages from its on_post_build with 'building' set")


@pytest.mark.parametrize("event", ["on_files", "on_nav", "on_post_build"])
def test_ours_run_after_static_i18n(event):
    priority = getattr(getattr(i18n_plugin.I18n, event), "mkdocs_priority", 0)
    upstream(priority != bridge.I18N_PRIORITY, "I18N_PRIORITY",
             f"static-i18n's {event} runs at priority {priority}, not {bridge.I18N_PRIORITY}")


def test_static_i18n_marks_each_file_with_these_attributes(tmp_path):
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path), "site_dir": str(tmp_path / "site")})
    (tmp_path / "index.ru.md").write_text("# x", encoding="utf-8")
    file = create_i18n_file(File("index.ru.md", str(tmp_path), str(tmp_path / "site"), True), "ru", "kk",
                            ["kk", "ru"], config)
    found = {name: getattr(file, name, "missing") for name in ("locale", "localization", "locale_alternate_of")}
    upstream(found != dict.fromkeys(found, "ru") or file.alternates != {"ru": file}, "add_language_versions",
             f"static-i18n marks a file differently: {found}")


def test_static_i18n_replaces_clean_directory_while_it_builds_the_other_languages_and_cleaning_restored_undoes_it():
    upstream("utils.clean_directory = " not in inspect.getsource(i18n_plugin.I18n.on_post_build), "cleaning_restored",
             "static-i18n no longer replaces mkdocs.utils.clean_directory")
    original = mkdocs_utils.clean_directory
    with pytest.raises(RuntimeError), bridge.cleaning_restored():
        mkdocs_utils.clean_directory = lambda folder: folder
        raise RuntimeError("a language build failed")
    assert mkdocs_utils.clean_directory is original


# --- MkDocs 1.6.1 and ProperDocs ---------------------------------------------------------------------

def test_the_engine_logs_under_its_own_name():
    upstream(bridge.engine_logger().name not in ("mkdocs", "properdocs") or mkdocs_build.log.name
             != f"{bridge.engine_logger().name}.commands.build", "engine_logger",
             f"the build logs under {mkdocs_build.log.name!r}")


def loaded_config(folder: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(folder), "site_dir": str(folder / "site")})
    config.validate()
    return config


def test_a_dirty_build_asks_each_file_whether_it_was_modified(tmp_path):
    upstream("page.file.is_modified()" not in inspect.getsource(mkdocs_build), "set_modified",
             "MkDocs' --dirty build no longer asks File.is_modified()")
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), True)
    bridge.set_modified(file, False)
    assert file.is_modified() is False


def test_the_theme_is_listed_once_while_its_key_is_the_same(tmp_path):
    source = inspect.getsource(Files.add_files_from_theme)
    upstream("env.list_templates(filter_func=filter)" not in source, "theme_listed_once",
             "MkDocs no longer lists the theme's files through the environment's list_templates")
    kept = source[source.index("def filter"):source.index("for path in")]
    upstream(re.findall(r"config\.[\w.]+", kept) != ["config.theme.static_templates"], "theme_listed_once",
             "MkDocs' filter of the theme's files depends on more than theme.static_templates")
    config, listings, walks = loaded_config(tmp_path / "docs"), {}, []
    bridge.theme_listed_once(config, listings, "layout")
    bridge.theme_listed_once(config, listings, "layout")  # every language's on_config: once is enough

    def files() -> list[str]:
        env = config.theme.get_env()
        walk = env.loader.list_templates
        env.loader.list_templates = lambda: walks.append(1) or walk()
        found = Files([])
        found.add_files_from_theme(env, config)
        return sorted(f.src_uri for f in found)

    first = files()
    assert "css/base.css" in first and files() == first and len(walks) == 1
    config.theme.static_templates.add("css/base.css")
    assert "css/base.css" not in files() and len(walks) == 2, "another filter lists again"


def test_links_are_checked_against_present_anchor_ids(tmp_path):
    config = loaded_config(tmp_path)
    page = Page("A", File("a.md", str(tmp_path), str(tmp_path / "site"), True), config)
    upstream(not hasattr(page, "present_anchor_ids") or "present_anchor_ids" not in inspect.getsource(Page.validate_anchor_links),
             "add_anchors", "MkDocs' Page no longer checks anchors against present_anchor_ids")
    bridge.add_anchors(page, {"held"})
    assert page.present_anchor_ids == {"held"}


def test_a_pages_html_is_read_only_by_its_own_template_so_it_can_be_released_once_written(tmp_path):
    build = inspect.getsource(mkdocs_build.build)
    upstream(not build.index("copy_static_files") < build.index("_build_page(") < build.index("validate_anchor_links")
             < build.index("on_post_build"), "release_content, release_written_files",
             "MkDocs no longer writes the static files, then the pages, then checks anchors, then ends the build")
    upstream(".content" in inspect.getsource(Page.validate_anchor_links), "release_content",
             "MkDocs' anchor check reads the pages' HTML")
    page_build = inspect.getsource(mkdocs_build._build_page)
    upstream("page.content" in page_build[page_build.index("template.render("):] or "on_post_page" not in page_build,
             "release_content", "MkDocs reads a page's HTML after its template is rendered")
    config = loaded_config(tmp_path)
    page = Page("A", File("a.md", str(tmp_path), str(tmp_path / "site"), True), config)
    page.content = "<p>written</p>"
    bridge.release_content(page)
    assert page.content is None


def test_files_made_in_memory_are_emptied_once_written_and_no_other(tmp_path):
    config = loaded_config(tmp_path)
    (tmp_path / "kept.txt").write_text("on disk", encoding="utf-8")
    config.plugins._current_plugin = "ncp"  # as during a plugin's event, where File.generated is called
    made = File.generated(config, "data/made.json", content="{}")
    from_disk = File.generated(config, "kept.txt", abs_src_path=str(tmp_path / "kept.txt"))
    page = File.generated(config, "page.md", content="# Page")
    files = Files([made, from_disk, page, File("a.md", str(tmp_path), str(tmp_path / "site"), True)])
    made.copy_file()
    upstream(Path(made.abs_dest_path).read_text(encoding="utf-8") != "{}", "release_written_files",
             "MkDocs no longer writes a file made in memory from its content")
    bridge.release_written_files(files)
    assert made.content_bytes == b"" and Path(made.abs_dest_path).read_text(encoding="utf-8") == "{}"
    assert from_disk.content_string == "on disk" and page.content_string == "# Page"


def test_a_page_not_read_shows_the_title_it_is_given_and_a_read_page_its_own(tmp_path):
    config = loaded_config(tmp_path)
    page = Page(None, File("a.md", str(tmp_path), str(tmp_path / "site"), True), config)
    other = Page(None, File("b.md", str(tmp_path), str(tmp_path / "site"), True), config)
    upstream(page.title is not None, "keep_unread", "MkDocs' Page gives a title to a page it did not read")
    last = SimpleNamespace(title="Kept", meta={"hide": ["toc"]})
    bridge.keep_unread(Files([page.file, other.file]), {"a.md": last}.get)
    assert other.title is None and other.meta == {}, "a page that is read again keeps nothing"
    upstream(page.title != "Kept", "keep_unread", "MkDocs' Page.title can no longer be set on a page")
    assert page.meta == {"hide": ["toc"]}
    (tmp_path / "a.md").write_text("# Own\n", encoding="utf-8")
    read = Page(None, File("a.md", str(tmp_path), str(tmp_path / "site"), True), config)
    read.read_source(config)
    assert read.title == "Own"


LOGGED = {"commands.build": (mkdocs_build, None),
          "livereload": (inspect.getmodule(LiveReloadServer), ('f\'"{self.requestline}" code {code}\'', '"GET /a HTTP/1.1" code 304'))}
"""Where each quieted message is written, and (for a formatted one) its template and a message it makes."""


@pytest.mark.parametrize(("name", "pattern", "why"), bridge.NORMAL_IN_PREVIEW)
def test_the_normal_messages_of_the_preview_are_still_logged_so(name, pattern, why):
    module, formatted = LOGGED[name]
    source = inspect.getsource(module)
    if formatted is None:
        upstream(not pattern.search(source), "NORMAL_IN_PREVIEW", f"MkDocs' {name} no longer logs {pattern.pattern!r}")
    else:
        template, example = formatted
        upstream(template not in source, "NORMAL_IN_PREVIEW", f"MkDocs' {name} no longer logs {template}")
        assert pattern.search(example)


def test_the_live_reload_server_is_the_one_the_preview_adapts(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/x/")
    try:
        pages = []
        assert bridge.adapt_server(server, lambda build: build, lambda content, root, epoch: pages.append(root) or content), \
            "update ncp_site/mkdocs/bridge.py (adapt_server): the server lacks an attribute it replaces"
        upstream(server._inject_js_into_html(b"<html>", 1) != b"<html>" or pages != ["/x/"], "adapt_server",
                 "the server's page hook is not called as before")
    finally:
        server.server_close()


def test_the_servers_watches_move_to_the_native_observer_which_rebuilds_on_a_write_not_on_a_read(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "a.md"
    page.write_text("# A\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        upstream(type(server.observer).__name__ != "PollingObserver", "native_observer", "MkDocs no longer polls")
        server.watch(str(tmp_path / "docs"))
        server.watch(str(tmp_path / "docs"))
        assert bridge.native_observer(server), "update ncp_site/mkdocs/bridge.py (native_observer): the server changed"
        assert type(server.observer).__name__ != "PollingObserver"
        assert server._watched_paths == {str(tmp_path / "docs"): 2}
        server.observer.start()

        def rebuild_wanted(within: float) -> bool:
            deadline = time.monotonic() + within
            while time.monotonic() < deadline and not server._want_rebuild:
                time.sleep(0.02)
            return server._want_rebuild

        page.read_text(encoding="utf-8")
        assert not rebuild_wanted(0.5), "a build reads every page: reading is no change"
        page.write_text("# B\n", encoding="utf-8")
        upstream(not rebuild_wanted(5), "native_observer", "MkDocs' handler no longer asks for a rebuild")
    finally:
        if server.observer.is_alive():
            server.observer.stop()
            server.observer.join()
        server.server_close()


# --- mkdocs-macros-plugin 1.5.0 ----------------------------------------------------------------------

def test_the_macros_ask_git_once_per_process(monkeypatch):
    from mkdocs_macros import context

    upstream("get_git_info()" not in inspect.getsource(context.define_env), "git_asked_once",
             "mkdocs-macros no longer asks git through context.get_git_info in define_env")
    asked = []
    monkeypatch.setattr(context, "get_git_info", lambda: asked.append(1) or {"status": False})
    bridge.git_asked_once()
    bridge.git_asked_once()
    assert context.get_git_info() == context.get_git_info() == {"status": False} and asked == [1]


BUILD_CONFIG_LOADED = """
import sys
from mkdocs.config import load_config
load_config("mkdocs.yml")  # every plugin made, in the file's order, as a build does
assert "mkdocs_macros.util" in sys.modules, "mkdocs-macros' util was not imported"
print(sorted(name for name in ("urllib3", "ssl", "charset_normalizer", "watchdog") if name in sys.modules))
from mkdocs_macros import util
print(util.requests.get.__module__, util.requests.exceptions.RequestException.__name__)
"""


def test_the_macros_import_requests_only_once_they_use_it():
    """A build's process, its configuration loaded, holds mkdocs-macros without requests (urllib3, ssl) or
    watchdog; requests is imported when mkdocs-macros first uses it."""
    done = subprocess.run([sys.executable, "-c", BUILD_CONFIG_LOADED], cwd=Path(__file__).parents[2],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    loaded, used = done.stdout.splitlines()
    upstream(loaded != "[]", "requests_imported_on_use",
             f"loading the build's configuration imported {loaded}: mkdocs-macros uses requests as it is imported, "
             "or a plugin before ours imports it")
    assert used == "requests.api RequestException"


def test_the_macros_environment_is_made_a_sandbox():
    upstream("self._env = Environment(" not in inspect.getsource(MacrosPlugin), "sandboxed",
             "mkdocs-macros keeps its Jinja environment elsewhere than _env")
    plugin = MacrosPlugin()
    plugin._env = jinja2.Environment(trim_blocks=True)
    plugin._env.globals["macro"] = lambda: "x"
    bridge.sandboxed(plugin)
    assert isinstance(plugin._env, SandboxedEnvironment) and plugin._env.trim_blocks
    assert plugin._env.from_string("{{ macro() }}").render() == "x"
    with pytest.raises(jinja2.exceptions.SecurityError):
        plugin._env.from_string("{{ cycler.__init__.__globals__ }}").render()

