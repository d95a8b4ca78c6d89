"""``mkdocs serve --dirty``: an edit of one record rebuilds the pages that show it, not every generated page."""

from __future__ import annotations

import re

import yaml
from builders import buildable, case_record, make_project, organisations_data, write_yaml
from conftest import REPO
from serving import serving

REGISTER = {"cases/index.md": {lang: "# Cases\n\n{{ cases_register('ongoing') }}\n" for lang in ("kk", "ru", "en")},
            "about/index.md": {lang: f"# About ({lang})\n\nNo macro here.\n" for lang in ("kk", "ru", "en")}}


def events_of(root) -> list:
    return [e for path in (root / "data" / "events").glob("*.yml")
            for e in yaml.safe_load(path.read_text(encoding="utf-8"))["events"]]


def _page(served, path: str) -> str:
    """The page as written, without what the preview adds to each response (its live reload's counters)."""
    return re.sub(r'data-epoch="\d+" data-request-id="\d+"', "", served.get(path)[1])


def _rebuilt(served, lang: str) -> list[tuple[int, int]]:
    """(pages rebuilt, generated pages) of each build so far, as the plugin reported them."""
    return [(int(n), int(total)) for n, total in re.findall(rf"{lang}: (\d+) of (\d+) generated pages rebuilt",
                                                            served.log.read_text(encoding="utf-8"))]


def _rendered(served, lang: str) -> list[tuple[int, int]]:
    """(pages made from one record rendered, such pages) of each build so far."""
    return [(int(n), int(total)) for n, total in re.findall(rf"{lang}: .*; (\d+) of (\d+) pages made from one record",
                                                            served.log.read_text(encoding="utf-8"))]


def test_an_edited_case_is_rebuilt_with_the_pages_that_list_it_and_no_other(tmp_path):
    root = buildable(make_project(tmp_path / "p", [case_record("kz0101"), case_record("kz0102")]), REGISTER)
    events = sorted((REPO / "data" / "events").glob("*.yml"))[-1]
    data = yaml.safe_load(events.read_text(encoding="utf-8"))
    for event in data["events"]:
        event.pop("sources", None)  # they cite the peer review, which this project does not hold
    write_yaml(root / "data" / "events" / events.name, data)
    named = yaml.safe_load((REPO / "data" / "organisations.yml").read_text(encoding="utf-8"))["organisations"]
    write_yaml(root / "data" / "organisations.yml", organisations_data(named))  # the events name some
    with serving(root, tmp_path / "serve.log", "--dirty") as served:
        first = _rebuilt(served, "en")
        assert first and first[-1][0] == first[-1][1], "the first build writes every page"
        untouched = _page(served, "en/cases/kz0102/")

        path = root / "data" / "cases" / "kz0101.yml"
        text = path.read_text(encoding="utf-8")
        title = re.search(r"(?m)^  en: (.+)$", text).group(1)
        path.write_text(text.replace(f"  en: {title}", "  en: An edited title", 1), encoding="utf-8")
        served.wait_for("the edited case page", lambda: "An edited title" in served.get("en/cases/kz0101/")[1])
        served.wait_for("the end of the rebuild", lambda: len(_rebuilt(served, "en")) == 2)

        changed, total = _rebuilt(served, "en")[-1]
        assert 1 <= changed < total, served.output()
        rendered, records = _rendered(served, "en")[-1]
        assert (rendered, records - rendered) == (1, 1 + len(events_of(root))), \
            "the edited case's page alone is rendered: not the other case's, nor the events' (they read no case)"
        kept, files = map(int, re.findall(r"en: .*; (\d+) of (\d+) other files kept", served.log.read_text(encoding="utf-8"))[-1])
        assert 0 < kept < files, "the events' calendars and feeds are kept, the open data of the cases is made again"
        assert "An edited title" in served.get("en/cases/")[1], "the register (a hand-written page) shows the edit"
        assert re.findall(r"en: .*; (\d+) of (\d+) hand-written pages read again", served.log.read_text(encoding="utf-8"))[-1] \
            == ("1", "3"), "the register alone is read again: the home and about pages' macros read no case"
        assert "About (en)" in served.get("en/cases/kz0101/")[1], "a page not read keeps its title in the navigation"
        assert _page(served, "en/cases/kz0102/") == untouched
        assert _rebuilt(served, "ru")[-1][0] < total
        served.wait_for("the search index, made again in the background",
                        lambda: "made again in" in served.log.read_text(encoding="utf-8"))
        entry = served.get("pagefind/pagefind-entry.json")
        assert entry[0] == 200 and '"en"' in entry[1]

        page = root / "docs" / "index.en.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
        served.wait_for("the next rebuild", lambda: len(_rebuilt(served, "en")) == 3)
        changed, total = _rebuilt(served, "en")[-1]
        assert changed == total, "a change in docs/ (it may change the navigation) rebuilds every page"
    assert "Traceback" not in served.output()
    assert "dirty' build" not in served.output()
