"""Every page of the built site, in every language, carries the NCP's contacts from data/contacts.yml."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from builders import config, load_kind
from conftest import BUILD_EPOCH, LANG_PREFIX

from ncp_site.project import Project

LANGS = ("kk", "ru", "en")


def footer_of(page_html: str) -> str:
    start = page_html.index('<div class="ncp-footer')
    return html_lib.unescape(page_html[start:page_html.index("</footer>", start)])  # data text is escaped for Markdown too


@pytest.fixture(scope="module")
def contacts(project_root):
    contacts, errors = load_kind(project_root, "contacts")
    assert errors == [] and contacts is not None
    return contacts


def expected(contacts, lang: str) -> list[str]:
    """What the footer must show: every channel the data file gives, in the page's language."""
    shown = [html_lib.escape(contacts.secretariat[lang], quote=False)]
    for number in (contacts.call_centre, contacts.phone):
        if number:
            shown.append(f'<a href="tel:{contacts.tel(number)}">{number}</a>')
    if contacts.email:
        shown.append(f'<a href="mailto:{contacts.email}">{contacts.email}</a>')
    if contacts.telegram:
        shown.append(f'href="{contacts.telegram.url}"')
    return shown


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_the_contacts_in_its_footer(site, contacts, lang):
    pages = sorted(site.pages(lang))
    assert len(pages) > 10
    for page in pages:
        text = (site.root / LANG_PREFIX[lang] / page).read_text(encoding="utf-8")
        footer = footer_of(text)
        page_lang = "kk" if page == "404.html" else lang
        for fragment in expected(contacts, page_lang):
            assert fragment in footer, f"{lang}/{page}: {fragment} is not in the footer"


@pytest.mark.parametrize("lang", LANGS)
def test_footer_links_lead_to_pages_of_the_same_language(site, lang):
    for page in ("", "cases/", "contacts/"):
        footer = footer_of(site.html(lang, page))
        assert 'open-data/#feeds"' in footer, (lang, page)
        for target in ("contacts/", "submit/", "accessibility/", "privacy/", "open-data/"):
            hrefs = [h for h in footer.split('href="')[1:] if h.split('"')[0].endswith(target)]
            assert hrefs, (lang, page, target)
            href = hrefs[0].split('"')[0]
            resolved = (site.root / LANG_PREFIX[lang] / page / href / "index.html").resolve()
            assert resolved == site.path(lang, target).resolve(), (lang, page, href)


@pytest.mark.parametrize("lang", LANGS)
def test_every_footer_gives_the_data_s_date_and_no_made_with(site, project_root, lang):
    """The date is the newest one written in the data up to the build date (Project.data_as_of)."""
    project = Project.load(config(project_root), dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date())
    as_of = project.data_as_of
    assert as_of is not None and as_of <= project.today
    for page in sorted(site.pages(lang)):
        text = (site.root / LANG_PREFIX[lang] / page).read_text(encoding="utf-8")
        assert f'<time datetime="{as_of}">' in footer_of(text), f"{lang}/{page}"
        assert "Made with" not in text and "squidfunk" not in text, f"{lang}/{page}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_column_and_row_header_of_a_generated_table_starts_with_a_capital(site, lang):
    """Glossary labels are lower case ("submission"); a header opens with a capital in every language."""
    headers = 0
    for page in sorted(site.pages(lang)):
        text = (site.root / LANG_PREFIX[lang] / page).read_text(encoding="utf-8")
        for table in re.findall(r'<table class="ncp-[^"]*".*?</table>', text, re.DOTALL):
            for cell in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.DOTALL):
                words = re.sub(r"<[^>]+>", "", html_lib.unescape(cell)).strip()
                first = next((c for c in words if c.isalpha()), "")
                headers += 1
                assert not first.islower(), f"{lang}/{page}: header {words!r}"
    assert headers > 50
