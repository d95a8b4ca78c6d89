"""The footer fragment is drawn from data/contacts.yml: change the file, the footer changes."""

from __future__ import annotations

from html import unescape

from builders import collect, dedent, make_project

from ncp_site.site import theme

CONTACTS = dedent("""
    secretariat: {kk: Хатшылық, ru: Секретариат, en: Secretariat}
    email: ncp@example.kz
    call_centre: "+7 7172 11 22 33"
    sources:
      - title: {kk: Дереккөз, ru: Источник, en: The source}
""")


def test_footer_shows_the_contacts_of_the_data_file(tmp_path):
    make_project(tmp_path)
    path = tmp_path / "data" / "contacts.yml"
    path.write_text(CONTACTS, encoding="utf-8")
    site, errors = collect(tmp_path)
    assert errors == []
    html = unescape(theme.footer(site, "ru", "../../"))  # data text is escaped for HTML and Markdown alike
    assert "Секретариат" in html
    assert '<a href="tel:+77172112233">+7 7172 11 22 33</a>' in html
    assert '<a href="mailto:ncp@example.kz">ncp@example.kz</a>' in html
    assert '<a href="../../ru/contacts/">' in html

    path.write_text(CONTACTS.replace("+7 7172 11 22 33", "+7 7172 44 55 66"), encoding="utf-8")
    changed, _ = collect(tmp_path)
    html = unescape(theme.footer(changed, "ru", "../../"))
    assert "+7 7172 44 55 66" in html and "+7 7172 11 22 33" not in html


def test_without_contacts_the_footer_still_links_the_contacts_page(tmp_path):
    make_project(tmp_path)
    site, _ = collect(tmp_path)
    html = theme.footer(site, "en", "")
    assert "ncp-footer__contacts" not in html
    assert '<a href="en/contacts/">' in html


def test_material_s_empty_tabindex_on_section_titles_is_dropped():
    html = ('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
            '<label class="md-nav__link md-nav__link--active" for="__toc" tabindex="0">')
    assert theme.without_empty_tabindex(html) == (
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
        '<label class="md-nav__link md-nav__link--active" for="__toc" tabindex="0">')
