"""The preview's error panel and served pages, without a server (the server: tests/mkdocs/test_serve.py)."""

from __future__ import annotations

import html
import re

import pytest
from builders import KAZAKHSTAN, REPO, load_kind

from ncp_site.core.errors import DataError, DataErrors
from ncp_site.core.messages import _
from ncp_site.site import preview

ERROR = DataError("data/cases/kz0101.yml", 32, "status", "'<b>closed</b>' is not allowed", "use one of: concluded")
PAGE = '<!doctype html>\n<html lang="ru" class="no-js">\n<head></head>\n<body dir="ltr" data-x="a>b">\n<h1>Page</h1>\n</body>\n</html>\n'


@pytest.fixture(scope="module")
def ui():
    ui, errors = load_kind(REPO, "ui")
    assert not errors
    return ui


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_panel_lists_each_error_as_ncp_check_prints_it_in_the_page_language(ui, lang):
    panel = preview.error_panel(preview.BuildFailure(errors=(ERROR,)), lang, ui)
    assert "data/cases/kz0101.yml:32: status: &#39;&lt;b&gt;closed&lt;/b&gt;&#39; is not allowed -- use one of: concluded" in panel
    assert "<b>" not in panel
    assert ui("preview.errors", lang) in panel and ui("preview.hint", lang) in panel
    assert 'lang="en"' not in panel.split('<ul class="ncp-preview-errors__list"')[1].split(">")[0]
    assert 'role="alert"' in panel


TRANSLATED = DataError("data/cases/kz0101.yml", 32, "status_as_of", _("{value} is not a real date", value="'2022-02-30'"),
                       _("write an existing date as YYYY-MM-DD, e.g. 2022-02-15"))


@pytest.mark.parametrize(("lang", "words"), [("kk", "'2022-02-30' — шын күн емес -- бар күнді YYYY-MM-DD"),
                                             ("ru", "'2022-02-30' — несуществующая дата -- напишите существующую"),
                                             ("en", "'2022-02-30' is not a real date -- write an existing date")])
def test_the_panel_speaks_each_pages_language(ui, lang, words):
    """One failed rebuild, one list of errors: each page shows it in its own language, the place unchanged."""
    failure = preview.BuildFailure(errors=(TRANSLATED,))
    panel = html.unescape(preview.error_panel(failure, lang, ui))
    assert f"data/cases/kz0101.yml:32: status_as_of: {words}" in panel


def test_the_panel_redacts_each_line_in_every_language(ui):
    failure = preview.BuildFailure(errors=(TRANSLATED,), redact=lambda line: line.replace("2022-02-30", "REDACTED"))
    for lang in ("kk", "ru", "en"):
        panel = html.unescape(preview.error_panel(failure, lang, ui))
        assert "2022-02-30" not in panel and "'REDACTED'" in panel


def test_wording_missing_from_the_interface_file_is_english_and_marked_so(ui):
    partial = type(ui)({key: text for key, text in ui.strings.items() if key != "preview.hint"}, ui.path)
    panel = preview.error_panel(preview.BuildFailure(errors=(ERROR,)), "kk", partial)
    assert ui("preview.errors", "kk") in panel
    assert '<span lang="en">This is the last version of the site that was built.' in panel
    assert '<span lang="en">The site was not updated' in preview.error_panel(preview.BuildFailure(errors=(ERROR,)), "ru", None)


def test_a_failure_that_is_not_in_the_data_shows_what_the_build_reported(ui):
    failure = preview.BuildFailure.of(SystemExit("Aborted with 1 warnings in strict mode!"),
                                      ["Doc file 'index.md' contains a link 'nowhere.md', but the target is not found"])
    panel = preview.error_panel(failure, "en", ui)
    assert ui("preview.failed", "en") in panel
    shown = html.unescape(panel)  # data text is escaped for HTML and Markdown alike
    assert "contains a link 'nowhere.md'" in shown and "Aborted with 1 warnings in strict mode!" in shown
    assert preview.BuildFailure.of(KeyError("x"), []).lines() == ["KeyError: 'x'"]


def test_data_errors_are_found_behind_the_exceptions_mkdocs_wraps_them_in():
    """The plugin raises a PluginError from the DataErrors; MkDocs' build raises Abort while handling it."""
    with pytest.raises(SystemExit) as aborted:
        try:
            raise RuntimeError("The data has errors") from DataErrors([ERROR])
        except RuntimeError:
            raise SystemExit("Aborted with a BuildError!")  # as MkDocs does
    assert preview.BuildFailure.of(aborted.value, ["The data has errors"]).errors == (ERROR,)


def test_a_served_page_gets_the_panel_first_in_its_body_and_the_reload_script_last():
    served = preview.served_page(PAGE, root="/", epoch=12, request_id=34, panel="<div>PANEL</div>")
    assert '<body dir="ltr" data-x="a>b"><div>PANEL</div>\n<h1>Page</h1>' in served
    assert ('<script src="/assets/javascripts/ncp-preview.js" data-epoch="12" data-request-id="34"></script>\n</body>'
            in served)
    assert re.findall(r"<script[^>]*>([^<]*)</script>", served) == [""], "no inline script (the pages' CSP refuses them)"
    assert preview.served_page(PAGE, root="/", epoch=None, request_id=1, panel=None) == PAGE


def test_the_page_language_is_read_from_the_page():
    assert preview.page_language(PAGE, KAZAKHSTAN) == "ru"
    assert preview.page_language("<html><body></body></html>", KAZAKHSTAN) == "kk"
    assert preview.page_language('<html lang="de">', KAZAKHSTAN) == "kk"


def test_the_preview_files_are_the_script_and_stylesheet_the_pages_link():
    files = {f.path: f.content for f in preview.preview_files()}
    assert set(files) == {preview.SCRIPT, preview.STYLESHEET}
    assert "/livereload/" in files[preview.SCRIPT] and ".ncp-preview-errors" in files[preview.STYLESHEET]
