"""The submission page in a real browser: the form flags what is missing, hands the text to the e-mail
program as a mailto: link, sends no request; without JavaScript the page still gives the contacts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from builders import load_kind
from conftest import PROJECT

from ncp_site.screenshots import offline_context

from .conftest import LANGS, lang_path, settled
from .test_accessibility import axe_violations

FIRST = "#ncp-f-submitter-name"


def required_fields(page) -> list[str]:
    return page.eval_on_selector_all("#ncp-submission [data-ncp-field][required]", "els => els.map(e => e.id)")


def fill_all(page) -> dict[str, str]:
    values = {}
    for field_id in required_fields(page):
        kind = page.get_attribute(f"#{field_id}", "type")
        value = {"email": "person@example.kz", "tel": "+7 700 000 00 00"}.get(kind, f"Answer for {field_id} — ақпарат")
        page.fill(f"#{field_id}", value)
        values[field_id] = value
    return values


@pytest.fixture
def recorded(visit):
    """Open the submission page; every request made after it loaded is recorded (but the browser's own
    request for the tab's icon, which it makes whenever it likes)."""
    def open_page(lang: str):
        page = visit(lang_path(lang, "submit/"))
        page.wait_for_load_state("networkidle")
        icon = page.eval_on_selector('link[rel="icon"]', "link => link.href")
        requests: list[str] = []
        page.on("request", lambda request: request.url != icon and requests.append(request.url))
        return page, requests
    return open_page


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_field_is_flagged_next_to_it_and_focused(recorded, lang):
    page, requests = recorded(lang)
    assert page.is_visible("#ncp-compose"), "the script shows the button"
    fill_all(page)
    page.fill(FIRST, "")
    page.click("#ncp-compose")
    assert page.get_attribute(FIRST, "aria-invalid") == "true"
    assert "ncp-f-submitter-name-error" in page.get_attribute(FIRST, "aria-describedby").split()
    assert page.is_visible("#ncp-f-submitter-name-error")
    assert page.text_content("#ncp-f-submitter-name-error").strip()
    assert page.evaluate("document.activeElement.id") == FIRST.lstrip("#")
    assert page.is_hidden("#ncp-result")
    others = [f for f in required_fields(page) if f != FIRST.lstrip("#")]
    assert all(page.get_attribute(f"#{f}", "aria-invalid") is None for f in others)
    assert axe_violations(page) == []  # the error state is accessible too
    page.fill(FIRST, "A. Person")
    assert page.get_attribute(FIRST, "aria-invalid") is None, "fixing the field clears its error"
    assert requests == []


def test_an_e_mail_address_that_is_not_one_is_flagged(recorded):
    page, _ = recorded("en")
    fill_all(page)
    page.fill("#ncp-f-submitter-email", "not an address")
    page.click("#ncp-compose")
    assert page.get_attribute("#ncp-f-submitter-email", "aria-invalid") == "true"
    assert "e-mail address" in page.text_content("#ncp-f-submitter-email-error")


@pytest.mark.parametrize("lang", LANGS)
def test_a_complete_form_becomes_a_mailto_link_carrying_every_field_and_nothing_is_sent(recorded, lang):
    contacts, _ = load_kind(PROJECT, "contacts")
    page, requests = recorded(lang)
    values = fill_all(page)
    page.check("#ncp-f-identity-confidential")
    page.click("#ncp-compose")
    assert page.is_visible("#ncp-result")
    href = page.get_attribute("#ncp-mailto", "href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == (contacts.email or "")
    query = parse_qs(parts.query)
    body = query["body"][0]
    assert query["subject"][0]
    for field_id, value in values.items():
        label = page.text_content(f'label[for="{field_id}"] .ncp-label-text').strip()
        assert f"{label}:\r\n{value}" in body, field_id
    assert page.input_value("#ncp-text") == body.replace("\r\n", "\n")  # a textarea keeps \n only
    assert page.evaluate("document.activeElement.id") == "ncp-result"
    settled(page)
    assert requests == [], f"the form made requests: {requests}"


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_page_gives_the_contacts_and_a_printable_form(chromium, served_url, lang):
    contacts, _ = load_kind(PROJECT, "contacts")
    context = offline_context(chromium, served_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_url + lang_path(lang, "submit/"))
        article = page.text_content("article")
        reachable = [contacts.email, contacts.call_centre, contacts.phone]
        assert any(value and value in article for value in reachable), "no address on the page"
        assert page.is_visible(FIRST) and page.is_visible("#ncp-f-circumstances")
        assert page.is_hidden("#ncp-compose"), "without the script there is no button that would do nothing"
    finally:
        context.close()
