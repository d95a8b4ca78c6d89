"""Links that leave the site open no window back into it and send no referrer (ncp_site/site/html_safety.py)."""

from __future__ import annotations

import pytest

from ncp_site.site.html_safety import external_links, is_external

SITE = "https://ncp-kazakhstan.github.io/ncp-site/"
REL = 'rel="noopener noreferrer"'


@pytest.mark.parametrize("href", [
    "https://mneguidelines.oecd.org/", "http://example.com/a?b=1&amp;c=2", "HTTPS://Example.COM",
    "//example.com/x", "https://ncp-kazakhstan.github.io:8443/ncp-site/", "https://github.io/",
])
def test_links_to_other_hosts_get_noopener_noreferrer(href):
    assert external_links(f'<p><a href="{href}">x</a></p>', SITE) == f'<p><a href="{href}" {REL}>x</a></p>'


@pytest.mark.parametrize("href", [
    "https://ncp-kazakhstan.github.io/ncp-site/en/", "https://NCP-Kazakhstan.github.io:443/other/",
    "../cases/", "cases/kz0001/", "/ncp-site/ru/", "#top", "mailto:ncp@example.kz", "tel:+77172000000",
    "javascript:void(0)", "data:text/plain,x",
])
def test_links_within_the_site_and_other_schemes_are_unchanged(href):
    html = f'<a href="{href}" class="x">y</a>'
    assert external_links(html, SITE) == html


def test_other_attributes_and_an_existing_rel_are_kept():
    html = ('<a class="md-button" href="https://example.com/" target="_blank" rel="nofollow noopener">'
            'Ex</a> <a title=\'a > b\' href=\'https://example.org\'>O</a> <a href=https://example.net data-x>N</a>')
    assert external_links(html, SITE) == (
        '<a class="md-button" href="https://example.com/" target="_blank" rel="nofollow noopener noreferrer">Ex</a> '
        '<a title=\'a > b\' href=\'https://example.org\' rel="noopener noreferrer">O</a> '
        '<a href=https://example.net data-x rel="noopener noreferrer">N</a>')


def test_rel_already_complete_in_any_case_is_not_repeated():
    html = '<a REL="NoOpener noreferrer" HREF="https://example.com/">x</a>'
    assert external_links(html, SITE) == html


def test_tags_that_are_not_links_or_have_no_href_are_unchanged():
    html = ('<abbr title="https://example.com">OECD</abbr><a id="top"></a><area href="https://example.com">'
            '<link rel="alternate" href="https://example.com/ru/"><code>&lt;a href="https://example.com"&gt;</code>')
    assert external_links(html, SITE) == html


def test_self_closing_and_multiline_tags():
    assert external_links('<a\n  href="https://example.com"\n/>', SITE) == f'<a\n  href="https://example.com" {REL}/>'


def test_without_a_site_url_every_absolute_link_is_external():
    assert is_external("http://localhost/en/", None)
    assert not is_external("http://localhost/en/", "http://localhost/")
    assert external_links('<a href="http://localhost/">h</a>', None) == f'<a href="http://localhost/" {REL}>h</a>'


def test_a_malformed_url_counts_as_external():
    assert is_external("https://example.com:notaport/", SITE)


def test_every_link_leaving_the_built_site_has_noopener_noreferrer(site):
    """Page content (the plugin) and the theme's own links (overrides/partials/copyright.html)."""
    from ncp_site.site.html_safety import _A_TAG, _attributes

    site_url = "http://localhost/"  # tests/conftest.py builds with NCP_SITE_URL=http://localhost/
    missing, external = [], 0
    for page in sorted(site.root.rglob("*.html")):
        for tag in _A_TAG.findall(page.read_text(encoding="utf-8")):
            attrs = {m.group(1).lower(): (m.group(2) or "").strip("\"'") for m in _attributes(tag)}
            if not is_external(attrs.get("href", ""), site_url):
                continue
            external += 1
            if not {"noopener", "noreferrer"} <= set(attrs.get("rel", "").lower().split()):
                missing.append(f"{page.relative_to(site.root)}: {tag}")
    assert external > 0, "premise: the site links to other sites"
    assert not missing, "\n".join(missing[:20])
