"""Contacts: one file, checked field by field; shown on the contacts page with only what it holds."""

from __future__ import annotations

import re
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
     "'ncp-at-example.kz' is not written as this field is -- write an e-mail address, e.g. ncp@example.kz"),
    ("not a phone number", 'call_centre: "+7 7172 99 99 12"', 'call_centre: "7172-99-99"', "call_centre:", "call_centre",
     None, "is not written as this field is -- write +, the country code and the number"),
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
    html = unescape(pages.render_contacts(site.data.contacts, site.words, lang))  # data text is escaped for Markdown too
    assert '<a href="mailto:ncp@example.kz">ncp@example.kz</a>' in html
    assert '<a href="tel:+77172999912">+7 7172 99 99 12</a>' in html
    assert '<a href="https://t.me/example_bot">t.me/example_bot</a>' in html
    assert site.words.ui("contacts.address", lang) not in html  # no address in the file, none on the page
    assert site.words.ui("contacts.office_hours", lang) not in html
    assert site.data.contacts.secretariat[lang] in html
    assert '<p class="ncp-sources">' in html and 'href="https://example.kz/source"' in html, "its source, cited"


def test_the_real_contacts_hold_a_way_to_reach_the_ncp():
    contacts, errors = load_kind(REPO, "contacts")
    assert errors == []
    assert contacts.call_centre or contacts.email or contacts.phone


@pytest.mark.parametrize("lang, names", [("kk", "ағылшын тілі"), ("ru", "английский"), ("en", None)])
def test_the_bot_s_language_is_named_in_the_page_s_language_where_it_is_another(tmp_path, lang, names):
    project(tmp_path)
    site, _ = collect(tmp_path)
    html = unescape(pages.render_contacts(site.data.contacts, site.words, lang))
    bot = html[html.index("t.me/example_bot</a>"):html.index("</dd>", html.index("t.me/example_bot</a>"))]
    assert (site.words.ui("contacts.answers_in", lang).replace("{languages}", names) in bot) if names else bot == "t.me/example_bot</a>"
    assert "English" not in bot or lang == "en"


def release_check(root, capsys, *extra) -> tuple[int, str]:
    from ncp_site import cli
    code = cli.main(["--root", str(root), "check", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_release_needs_the_email_and_the_address_and_names_exactly_what_is_missing(tmp_path, capsys):
    text = VALID.replace("email: ncp@example.kz\n", "email: null\n")
    path = project(tmp_path, text)
    assert release_check(tmp_path, capsys)[0] == 0, "without --release the check passes"
    code, out = release_check(tmp_path, capsys, "--release")
    problems = {line.split(": ")[1]: line for line in out.splitlines()
                if line.startswith("data/contacts.yml:") and ": warning: " not in line}
    assert code == 1 and sorted(problems) == ["address", "email"]
    lines = text.splitlines()
    assert problems["email"].startswith(f"data/contacts.yml:{lines.index('email: null') + 1}: email: is empty")
    assert problems["address"].startswith("data/contacts.yml:1: address: is empty"), "not written: the file's first line"
    assert all(" -- fill in " in p for p in problems.values())

    path.write_text(text.replace("email: null\n", "email: ncp@example.kz\naddress:\n  kk: Астана\n  ru: Астана\n"
                                                  "  en: Astana\n"), encoding="utf-8")
    assert release_check(tmp_path, capsys, "--release")[0] == 0


def test_a_release_lists_the_phone_office_hours_and_emblem_still_missing_as_warnings(tmp_path, capsys):
    """Only the Secretariat can give them too, but a visitor reaches the NCP without them: listed, not blocking."""
    project(tmp_path, VALID.replace("email: ncp@example.kz\n", "email: ncp@example.kz\naddress: {kk: Астана, ru: Астана, en: Astana}\n"))
    code, out = release_check(tmp_path, capsys, "--release", "--verbose")
    warned = {line.split(": ")[1] for line in out.splitlines() if ": warning: " in line}
    assert code == 0 and {"phone", "office_hours", "plugins.ncp.emblem"} <= warned, out
    assert all(f"{field}: warning: is empty" in out for field in ("phone", "office_hours"))
    _, plain = release_check(tmp_path, capsys, "--verbose")
    assert ": warning: " not in plain or "phone: warning" not in plain, "without --release nothing is asked for"

    filled = VALID.replace("email: ncp@example.kz\n", "email: ncp@example.kz\naddress: {kk: Астана, ru: Астана, en: Astana}\nphone: \"+7 7172 00 00 00\"\n"
                           "office_hours: {kk: Дс-Жм 9-18, ru: Пн-Пт 9-18, en: Mon-Fri 9-18}\n")
    project(tmp_path, filled)
    (tmp_path / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "assets" / "emblem.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"(?m)^      # emblem: .*$", "      emblem: assets/emblem.svg", config),
                                         encoding="utf-8")
    code, out = release_check(tmp_path, capsys, "--release", "--verbose")
    assert code == 0 and not any(f"{field}: warning" in out for field in ("phone", "office_hours", "emblem")), out


def test_a_release_of_the_repository_lists_exactly_the_contact_fields_the_secretariat_must_fill_in(capsys):
    """The sources give no e-mail or address: the publishing workflow's check fails on those, and only on those."""
    contacts, _ = load_kind(REPO, "contacts")
    missing = sorted(name for name in ("email", "address") if not getattr(contacts, name))
    code, out = release_check(REPO, capsys, "--release")
    errors = [line for line in out.splitlines() if re.match(r"[\w/.-]+:\d+: ", line) and ": warning:" not in line]
    assert sorted(e.split(": ")[1] for e in errors) == missing
    assert all(e.startswith("data/contacts.yml:") for e in errors)
    assert code == (1 if missing else 0)
    assert release_check(REPO, capsys)[0] == 0
