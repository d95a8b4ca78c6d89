"""The submission page in a real browser, as GOV.UK does forms: one error summary at the top lists every
missing field with a link to it, in the page's language, and each field says what is wrong; the telephone
is optional; the confidentiality choice comes early, each answer saying what it means; a complete form
gives the completed submission as a file to download and a page to print (and, once the NCP's e-mail is
set, a mailto: link), names the office and the call centre, says what happens next and sends no
request; without JavaScript the page still gives the contacts."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from builders import load_kind

from browsing import offline_context

from .conftest import LANGS, lang_path, settled
from .test_accessibility import axe_violations

FIRST = "#ncp-f-submitter-name"


def required_fields(page) -> list[str]:
    return page.eval_on_selector_all("#ncp-submission [data-ncp-field][required]", "els => els.map(e => e.id)")


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_form_gets_one_error_summary_linking_every_missing_field(recorded, lang, project_root):
    ui, _ = load_kind(project_root, "ui")
    page, requests = recorded(lang)
    title = page.title()
    page.click("#ncp-compose")
    summary = page.locator("#ncp-error-summary")
    assert summary.is_visible() and page.evaluate("document.activeElement.id") == "ncp-error-summary"
    assert summary.locator("h2").inner_text().strip() == ui("submit.problems", lang)
    assert page.title() == ui("submit.error_prefix", lang) + title
    missing = required_fields(page) + choices(page)
    links = summary.locator("a")
    assert links.count() == len(missing) > 1, "one line per missing field, no more"
    labels = [page.locator(f'label[for="{f}"] .ncp-label-text, #{f} legend .ncp-label-text').first.inner_text().strip()
              for f in missing]
    assert sorted(links.all_inner_texts()) == sorted(labels), "each line names its field, in the page's language"
    assert page.locator(".ncp-error:not([hidden])").count() == len(missing)
    links.first.click()
    first = links.first.get_attribute("href").lstrip("#")
    assert page.evaluate("document.activeElement.id") == first, "the link takes the visitor to the field"
    assert axe_violations(page) == []
    assert requests == []


def test_the_telephone_is_optional_and_the_confidentiality_choice_comes_early(recorded):
    page, _ = recorded("en")
    assert page.get_attribute("#ncp-f-submitter-phone", "required") is None
    order = page.eval_on_selector_all("#ncp-submission [data-ncp-field]", "els => els.map(e => e.id)")
    choice = choices(page)
    assert choice and order.index(choice[0]) <= 3, f"the confidentiality choice is among the first fields: {order}"
    answers = page.locator(f"#{choice[0]} input[type=radio]")
    assert answers.count() >= 2
    for i in range(answers.count()):
        box = answers.nth(i).bounding_box()
        assert box["width"] >= 20 and box["height"] >= 20, "a target a thumb can hit"
    assert page.locator(f"#{choice[0]} .ncp-choice .ncp-hint").count() >= 1, "what an answer means"


def choices(page) -> list[str]:
    """Each choice (radios) of the form, by its fieldset's id."""
    return page.eval_on_selector_all("#ncp-submission fieldset[data-ncp-choice]", "els => els.map(e => e.id)")


def fill_all(page) -> dict[str, str]:
    values = {}
    for choice in choices(page):
        page.check(f"#{choice} input[type=radio] >> nth=0")
    for field_id in required_fields(page):
        if page.get_attribute(f"#{field_id}", "type") == "radio":
            continue
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
    assert page.evaluate("document.activeElement.id") == "ncp-error-summary", "the summary takes the focus"
    page.locator(f"#ncp-error-summary a[href='{FIRST}']").click()
    assert page.evaluate("document.activeElement.id") == FIRST.lstrip("#"), "its link leads to the field"
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
def test_a_complete_form_becomes_a_file_a_printout_and_with_an_address_an_email_and_nothing_is_sent(recorded, lang,
                                                                                                    project_root):
    contacts, _ = load_kind(project_root, "contacts")
    page, requests = recorded(lang)
    values = fill_all(page)
    page.check("#ncp-f-identity-confidential input[type=radio] >> nth=-1")
    page.click("#ncp-compose")
    assert page.is_visible("#ncp-result")
    body = page.input_value("#ncp-text")
    for field_id, value in values.items():
        label = page.text_content(f'label[for="{field_id}"] .ncp-label-text').strip()
        assert f"{label}:\n{value}" in body, field_id
    if contacts.email:
        parts = urlsplit(page.get_attribute("#ncp-mailto", "href"))
        assert parts.scheme == "mailto" and parts.path == contacts.email
        query = parse_qs(parts.query)
        assert query["subject"][0] and query["body"][0].replace("\r\n", "\n") == body
    else:
        assert page.locator("#ncp-mailto").count() == 0 and "mailto:" not in page.inner_html("#ncp-result")
        shown = page.text_content("#ncp-result")
        assert contacts.secretariat[lang] in shown and contacts.call_centre in shown, "the office and the call centre"
    assert page.evaluate("document.activeElement.id") == "ncp-result"
    answer = page.locator('label[for="' + page.locator("#ncp-f-identity-confidential input:checked").get_attribute("id") + '"]')
    assert answer.inner_text().strip() in body, "the chosen answer is in the submission"
    assert page.locator("#ncp-result .ncp-next-steps li").count() >= 2, "the result says what happens next"
    assert page.is_hidden("#ncp-error-summary")
    with page.expect_download() as download:
        page.click("#ncp-download")
    saved = download.value
    assert saved.suggested_filename.endswith(".txt")
    text = Path(saved.path()).read_bytes().decode("utf-8-sig")
    subject = page.get_attribute("#ncp-submission", "data-ncp-subject")
    assert text.startswith(subject) and body.replace("\n", "\r\n") in text
    settled(page)
    assert [r for r in requests if not r.startswith("blob:")] == [], f"the form made requests: {requests}"


@pytest.mark.parametrize("lang", LANGS)
def test_printing_the_submission_prints_the_completed_text_alone(recorded, lang):
    page, _ = recorded(lang)
    values = fill_all(page)
    page.click("#ncp-compose")
    page.evaluate("() => { window.print = () => document.documentElement.dataset.printed = 'yes'; }")
    page.click("#ncp-print")
    assert page.evaluate("() => document.documentElement.dataset.printed") == "yes"
    assert page.evaluate("() => document.documentElement.classList.contains('ncp-printing-submission')")
    page.emulate_media(media="print")
    assert page.is_visible("#ncp-print-text") and all(v in page.inner_text("#ncp-print-text") for v in values.values())
    for hidden in ("#ncp-submission", "#ncp-text", "#ncp-download", "h1", ".md-header", ".ncp-footer"):
        assert page.is_hidden(hidden), hidden
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.is_visible("#ncp-submission"), "after printing the page is whole again"
    page.emulate_media(media="screen")
    assert page.is_hidden("#ncp-print-text")


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_page_gives_the_contacts_and_a_printable_form(chromium, served_url, lang, project_root):
    contacts, _ = load_kind(project_root, "contacts")
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
