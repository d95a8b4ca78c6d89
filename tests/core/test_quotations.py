"""What the terminology lint does not read as the site's own wording, found in one pass over any text."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from ncp_site.core.quotations import historical_quotes, split_quotations


def test_quotations_comments_macro_calls_addresses_and_link_destinations_are_blanked_keeping_lines():
    text = ('Old name: <q class="historical">Национальный\nконтактный центр</q>.\n'
            "<!-- note -->{{ term('x') }} {% raw %} {# c #} see https://example.org/a and [the page](https://x.org \"t\").")
    prose, quotes = split_quotations(text)
    assert quotes == [(10, "Национальный контактный центр")]
    assert prose.count("\n") == text.count("\n") and len(prose) == len(text)
    assert prose.split() == ["Old", "name:", ".", "see", "and", "[the", "page", "."]


def test_an_opening_without_its_closing_leaves_the_rest_as_prose():
    prose, quotes = split_quotations('<q class="historical">never closed {{ nor this and https://a.b/c')
    assert quotes == []
    assert prose.split() == ['<q', 'class="historical">never', 'closed', '{{', 'nor', 'this', 'and']


@pytest.mark.parametrize("text", ["[a](" * 12_000, '[a]("' * 10_000, "{{" * 25_000, "<!--" * 12_000,
                                  '<q class="historical">' * 2_000, '](x "' * 10_000])
def test_a_text_of_openings_without_closings_is_prose(text):
    """Each of these made the lint search again from every opening (13 s for the first): now one pass."""
    assert split_quotations(text) == (text, [])


def test_escaped_historical_markers_become_quotations_again():
    escaped = Markup('a &lt;q class=&#34;historical&#34;&gt;Old&lt;/q&gt; b &lt;q class="historical"&gt;Older&lt;/q&gt;')
    assert historical_quotes(escaped) == 'a <q class="historical">Old</q> b <q class="historical">Older</q>'
    assert historical_quotes(Markup("&lt;q class=&#34;historical&#34;&gt;" * 3)) == "&lt;q class=&#34;historical&#34;&gt;" * 3
