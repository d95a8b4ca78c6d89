"""The visitors' terms page is short enough to read on a phone: at most 25,000 px tall at 390 px wide
(the full glossary it replaced in public was 146,000-163,000 px; it stays under translators/)."""

from __future__ import annotations

import pytest

from browsing import offline_context

from .conftest import LANGS, lang_path

PHONE = {"width": 390, "height": 844}
MOST = 25_000


@pytest.mark.parametrize("lang", LANGS)
def test_the_terms_page_is_at_most_25000_px_tall_on_a_phone(chromium, served_url, lang):
    context = offline_context(chromium, served_url, viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(served_url + lang_path(lang, "terms/"))
        terms = tab.evaluate("() => document.querySelectorAll('.ncp-terms [id]').length")
        height = tab.evaluate("() => document.documentElement.scrollHeight")
        tab.goto(served_url + lang_path(lang, "translators/glossary/"))
        glossary = tab.evaluate("() => document.documentElement.scrollHeight")
    finally:
        context.close()
    assert terms > 100, "premise: the terms page lists the glossary's terms"
    assert height <= MOST, f"{lang}: the terms page is {height} px tall at 390 px"
    assert glossary > 2 * MOST, "premise: the translators' glossary is the long page this one replaces"
