"""``mkdocs serve`` while the site cannot be rebuilt: every request is answered, with the last good page and the
errors on it, in the page's language; the next good rebuild takes them away. (In a browser: tests/browser/test_preview.py.)"""

from __future__ import annotations

import re

import yaml
from builders import REPO
from conftest import LANG_PREFIX
from markupsafe import escape
from builders import buildable
from serving import (
    BAD_STATUS,
    CASE,
    break_case,
    case_file,
    preview_project,
    repair_case,
    serving,
)

from ncp_site.core.messages import _

PANEL = 'class="ncp-preview-errors"'
UI = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))
PAGES = {"kk": ["", f"cases/{CASE}/"], "ru": ["ru/", f"ru/cases/{CASE}/"], "en": ["en/", f"en/cases/{CASE}/"]}


def _epoch(page: str) -> int:
    """The site version a served page knows (its live-reload script's; MkDocs' own inline one before this preview)."""
    return int(re.search(r'(?:data-epoch="|livereload\()(\d+)', page).group(1))


def test_no_request_hangs_and_every_page_lists_the_errors_until_they_are_fixed(tmp_path):
    root = preview_project(tmp_path / "project")
    with serving(root, tmp_path / "serve.log") as served:
        status, page = served.get("ru/")
        assert status == 200 and PANEL not in page
        good_epoch = _epoch(page)

        line = break_case(root)
        served.wait_for("the error panel", lambda: PANEL in served.get("ru/")[1])
        problem = _("{value} is not allowed", value=f"'{BAD_STATUS.split(': ')[1]}'")
        located = {lang: str(escape(f"data/cases/{CASE}.yml:{line}: status: {problem.render(lang)} -- "))
                   for lang in PAGES}
        assert "рұқсат етілмейді" in located["kk"] and "не допускается" in located["ru"]
        for lang, paths in PAGES.items():
            for path in paths:
                status, page = served.get(path)
                assert status == 200, path
                assert located[lang] in page, f"/{path}: the located error is not listed in {lang}\n{served.output()}"
                assert UI["preview.errors"][lang] in page and UI["preview.hint"][lang] in page, path
                assert "<b>closed</b>" not in page, f"/{path}: data shown as markup"
        status, page = served.get("no-such-page/")
        assert status == 404 and located["kk"] in page, "a missing page shows the errors too"
        assert int(served.get(f"livereload/{good_epoch}/1")[1]) > good_epoch, "open pages are told to reload"

        repair_case(root)
        served.wait_for("the page without errors", lambda: PANEL not in served.get("ru/")[1])
        for paths in PAGES.values():
            for path in paths:
                status, page = served.get(path)
                assert status == 200 and PANEL not in page and "ncp-preview.js" in page, path
    assert "Traceback" not in served.output()


def test_a_failure_that_is_not_in_the_data_is_shown_with_what_mkdocs_reported(tmp_path):
    """A link to a missing page fails the strict build after some languages were written: still answered, still shown."""
    root = preview_project(tmp_path / "project")
    page_file = root / "docs" / "index.en.md"
    with serving(root, tmp_path / "serve.log") as served:
        good = page_file.read_text(encoding="utf-8")
        page_file.write_text(good + "\n[Nowhere](nowhere.md)\n", encoding="utf-8")
        served.wait_for("the error panel", lambda: PANEL in served.get("en/")[1])
        for path in ("", "ru/", "en/"):
            status, page = served.get(path)
            assert status == 200 and "nowhere.md" in page, f"/{path}: MkDocs' warning is not shown\n{served.output()}"
        assert UI["preview.failed"]["kk"] in served.get("")[1]

        page_file.write_text(good, encoding="utf-8")
        served.wait_for("the page without errors", lambda: PANEL not in served.get("en/")[1])
        assert served.get(f"en/cases/{CASE}/")[0] == 200
        case_file(root).unlink()  # the next good rebuild starts from an empty site again, as before the failure
        served.wait_for("the removed case's page gone", lambda: served.get(f"en/cases/{CASE}/")[0] == 404)
    assert "Traceback" not in served.output()


def test_the_published_site_has_nothing_of_the_preview(site):
    from ncp_site.site import preview

    assert not (site.root / preview.SCRIPT).exists() and not (site.root / preview.STYLESHEET).exists()
    for lang in PAGES:
        for path in site.pages(lang):
            assert "ncp-preview" not in (site.root / LANG_PREFIX[lang] / path).read_text(encoding="utf-8"), path


def test_each_page_names_the_file_it_is_made_from_and_normal_events_log_no_warning(tmp_path):
    """From a page to its file: in the preview only (the built site has none: tests/built_site/test_site.py)."""
    root = buildable(preview_project(tmp_path / "project"),
                     {"register/index.md": {lang: '# Register\n\n{{ cases_register("ongoing") }}\n' for lang in PAGES}})
    with serving(root, tmp_path / "serve.log", "--dirty") as served:
        for lang, (home, case) in PAGES.items():
            edit = f'<p class="ncp-preview-edit" data-pagefind-ignore><small>{UI["preview.edit"][lang]} '
            status, page = served.get(case)
            assert status == 200 and f"{edit}<code>data/cases/{CASE}.yml</code></small></p>" in page, case
            status, page = served.get(home)
            assert status == 200 and f"{edit}<code>docs/index.{lang}.md</code></small></p>" in page, home
            status, page = served.get(f"{home}register/")  # a page listing data names its file and the data
            line = re.search(r'<p class="ncp-preview-edit".*?</p>', page).group()
            assert status == 200 and line.startswith(f"{edit}<code>docs/register/index.{lang}.md</code>, "), line
            assert "<code>data/cases/</code>" in line and "glossary" not in line, line  # every page reads the glossary
        assert served.get("ru")[0] == 200  # answered with a redirect to ru/ first
        assert served.get("no-such-page/")[0] == 404
    log = served.output()
    assert '"GET /ru HTTP/1.1" code 302' not in log and "stale files" not in log and "'dirty' build" not in log
    assert '"GET /no-such-page/ HTTP/1.1" code 404' in log  # a missing page is still worth a warning
