"""Contacts: one file, checked field by field; shown on the contacts page with only what it holds."""

from __future__ import annotations

from html import unescape

import pytest
from builders import collect, dedent, load_kind, make_project, problem_at
from conftest import REPO

from ncp_site.kinds.contacts import pages

VALID = dedent("""
    secretariat:
      kk: ҰБО хатшылығы
      ru: Секретариат НКП
      en: NCP Secretariat
    email: ncp@example.kz
    call_centre: "+7 7172 99 99 12"
    telegram:
      url: https://t.me/example_bot
      languages: [en]
    links:
      ru: https://example.kz/ru/
    sources:
      - title:
          kk: Дереккөз
          ru: Источник
          en: The source
        url: https://example.kz/source
""")


def project(tmp_path, text: str = VALID):
    make_project(tmp_path)
    path = tmp_path / "data" / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path):
    project(tmp_path)
    contacts, errors = load_kind(tmp_path, "contacts")
    assert errors == []
    assert contacts.email == "ncp@example.kz" and contacts.tel(contacts.call_centre) == "+77172999912"


BROKEN = [
    ("not an e-mail address", "email: ncp@example.kz", "email: ncp-at-example.kz", "email:", "email", None,
     "should match pattern"),
    ("not a phone number", 'call_centre: "+7 7172 99 99 12"', 'call_centre: "7172-99-99"', "call_centre:", "call_centre",
     None, "should match pattern"),
    ("not a web address", "ru: https://example.kz/ru/", "ru: example.kz/ru/", "links:", "links", None,
     "is not a web address"),
    ("missing language", "  en: NCP Secretariat\n", "", "secretariat:", "secretariat", "en", "text is missing"),
    ("no way to reach the NCP", 'email: ncp@example.kz\ncall_centre: "+7 7172 99 99 12"\n', "", "secretariat:",
     "(file)", None, "gives no way to reach the NCP"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "contacts.yml", text, fragment, field, lang)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_contacts_page_shows_what_the_file_holds_and_nothing_else(tmp_path, lang):
    project(tmp_path)
    site, errors = collect(tmp_path)
    assert errors == []
    html = unescape(pages.render_contacts(site.contacts, site.words, lang))  # data text is escaped for Markdown too
    assert '<a href="mailto:ncp@example.kz">ncp@example.kz</a>' in html
    assert '<a href="tel:+77172999912">+7 7172 99 99 12</a>' in html
    assert '<a href="https://t.me/example_bot">t.me/example_bot</a>' in html
    assert site.words.ui("contacts.address", lang) not in html  # no address in the file, none on the page
    assert site.words.ui("contacts.office_hours", lang) not in html
    assert site.contacts.secretariat[lang] in html
    assert '<p class="ncp-sources">' in html and 'href="https://example.kz/source"' in html, "its source, cited"


def test_the_real_contacts_hold_a_way_to_reach_the_ncp():
    contacts, errors = load_kind(REPO, "contacts")
    assert errors == []
    assert contacts.call_centre or contacts.email or contacts.phone
