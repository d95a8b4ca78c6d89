"""The events list stays short: one line per event, the older years on their own pages (issue 12)."""

from __future__ import annotations

import pytest

from .conftest import LANGS, lang_path

MAX_HEIGHT = 4000  # px at 1280 px wide, on the repository's data


@pytest.mark.parametrize("lang", LANGS)
def test_the_events_list_is_under_4000_px_tall_at_1280_px(visit, lang):
    page = visit(lang_path(lang, "events/"))
    page.set_viewport_size({"width": 1280, "height": 900})
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_HEIGHT, f"{lang}: the events page is {height} px tall"
    first = page.locator("table.ncp-events a").first
    with page.expect_navigation():
        first.click()
    assert page.locator("article .ncp-event-facts").count() == 1, "an event's title leads to its page"
