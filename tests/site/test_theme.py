"""The theme's own pieces that do not need a browser: a heading inside a summary loses its permalink
(a link inside the control that opens the section), everything else keeps its links; the NCP's mark and
the theme's words come in the page's language."""

from __future__ import annotations

from builders import LANGS, load

from ncp_site.site.theme import mark, theme_words, without_links_in_summaries


def test_a_heading_that_opens_a_section_keeps_its_anchor_not_its_permalink():
    html = ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>\n'
            '<details class="ncp-section">\n<summary>\n<h3 id="b">B<a class="headerlink" href="#b">¶</a></h3>\n</summary>\n'
            '<p><a href="../x/">x</a></p>\n</details>')
    out = without_links_in_summaries(html)
    assert '<h3 id="b">B</h3>' in out
    assert '<a class="headerlink" href="#a" title="Permanent link">¶</a>' in out and '<a href="../x/">x</a>' in out
    assert without_links_in_summaries("<p>no summary</p>") == "<p>no summary</p>"


def test_the_text_mark_and_the_theme_words_are_in_the_pages_language(tmp_path):
    from conftest import REPO

    project = load(REPO)
    marks = {lang: mark(project, lang) for lang in LANGS}
    assert all(m["emblem"] is None for m in marks.values()), "no emblem until the Secretariat supplies one"
    assert len({m["abbreviation"] for m in marks.values()}) == 3, marks
    for lang in LANGS:
        assert marks[lang]["abbreviation"] == project.words.glossary.entry("national_contact_point", lang).abbreviation
        words = theme_words(project, lang)
        assert words["printed"] == project.words.ui("theme.printed", lang) and words["emblem"]
