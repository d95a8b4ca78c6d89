"""The Secretariat's messages in kk, ru and en: the catalogs hold every message of the code, each translated
into Kazakh (in Cyrillic) and Russian with the same placeholders and the glossary's terms, and a message is
rendered in the language chosen by ``--lang``, ``NCP_LANG`` or the locale."""

from __future__ import annotations

import pickle
import re
import string

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from builders import KAZAKHSTAN, REPO, load_kind

from ncp_site.checks import terminology
from ncp_site.core import messages
from ncp_site.core.errors import DataError
from ncp_site.core.messages import _, _n, chosen, listing, speaking

PACKAGE = REPO / "ncp_site"
TRANSLATED = ("kk", "ru")


def catalog(lang: str | None = None):
    path = messages.LOCALE_DIR / ("ncp.pot" if lang is None else f"{lang}/LC_MESSAGES/ncp.po")
    with path.open("rb") as po:
        return read_po(po, locale=lang)


def key(message_id) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


@pytest.fixture(scope="module")
def catalogs():
    return {lang: {key(m.id): m for m in catalog(lang) if m.id} for lang in TRANSLATED}


def test_every_message_in_the_code_is_in_the_catalogs(catalogs):
    """A message added to the code without `pybabel extract` and `pybabel update` would be shown in English."""
    keywords = {**DEFAULT_KEYWORDS, "_n": (1, 2)}
    written = {key(found[2]) for found in extract_from_dir(str(PACKAGE), [("**.py", "python")], keywords)}
    assert written, "no message found: the extraction itself is broken"
    template = {key(m.id) for m in catalog() if m.id}
    assert sorted(written - template) == [], "run `pybabel extract` then `pybabel update` (see pyproject.toml)"
    for lang in TRANSLATED:
        assert sorted(written - set(catalogs[lang])) == [], f"run `pybabel update`: {lang} lacks these messages"


def _translations(catalogs):
    for lang in TRANSLATED:
        for msgid, entry in catalogs[lang].items():
            yield lang, msgid, entry


def test_every_message_has_its_kazakh_and_russian_translation(catalogs):
    missing = [(lang, msgid) for lang, msgid, entry in _translations(catalogs)
               if entry.fuzzy or not all(entry.string if isinstance(entry.string, tuple) else [entry.string])]
    assert missing == []


def _placeholders(text: str) -> list[str]:
    return sorted(f"{name}:{spec}" for _literal, name, spec, _conversion in string.Formatter().parse(text)
                  if name is not None)


def test_placeholders_are_the_same_in_every_language(catalogs):
    differ = []
    for lang, msgid, entry in _translations(catalogs):
        english = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        wanted = {tuple(_placeholders(text)) for text in english}
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        differ += [(lang, msgid, form) for form in forms if tuple(_placeholders(form)) not in wanted]
    assert differ == []


def _english_words(text: str) -> list[str]:
    """English words of a text, leaving out placeholders, quoted or back-quoted code and field names (``key:``)."""
    text = re.sub(r"\{[^{}]*\}|`[^`]*`|'[^']*'|\"[^\"]*\"|\b[\w.]+:", " ", text)
    return re.findall(r"\b[a-z]{4,}\b", text)


def test_kazakh_is_in_cyrillic_and_nothing_is_left_in_english(catalogs):
    untranslated = []
    for lang, msgid, entry in _translations(catalogs):
        for form in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            cyrillic = re.search("[а-яёәғқңөұүһі]", form.lower())
            if not cyrillic and _english_words(msgid):
                untranslated.append((lang, form))
            if lang == "kk" and re.search("[ёщъ]", form.lower()) is None and re.search(r"\b(и|или|для|нет|это)\b", form):
                untranslated.append((lang, form))  # Russian words where Kazakh belongs
    assert untranslated == []


def test_the_translations_use_the_glossarys_terms(catalogs):
    glossary, errors = load_kind(REPO, "glossary")
    assert not errors
    matcher = terminology.Matcher(glossary, KAZAKHSTAN)
    deprecated = [(lang, form, [hit.found for hit in found]) for lang, _msgid, entry in _translations(catalogs)
                  for form in (entry.string if isinstance(entry.string, tuple) else (entry.string,))
                  if (found := matcher.find(form, lang))]
    assert deprecated == []


def test_a_message_is_rendered_in_the_language_active_when_it_is_shown():
    problem = _("{value} is not a real date", value="'2022-02-30'")
    assert str(problem) == "'2022-02-30' is not a real date"
    with speaking("kk"):
        assert str(problem) == "'2022-02-30' — шын күн емес"
    with speaking("ru"):
        assert str(problem) == "'2022-02-30' — несуществующая дата"
    assert problem.render("kk") == "'2022-02-30' — шын күн емес"
    assert str(problem) == "'2022-02-30' is not a real date", "the language is restored after the block"


@pytest.mark.parametrize(("n", "russian"), [(1, "1 файл"), (3, "3 файла"), (5, "5 файлов"), (21, "21 файл"),
                                            (1234, "1 234 файла"), (1011, "1 011 файлов")])
def test_plurals_follow_each_languages_rule(n, russian):
    files = _n("{n:,} file", "{n:,} files", n)
    assert files.render("ru") == russian
    assert files.render("en") == (f"{n:,} file" if n == 1 else f"{n:,} files")


def test_nested_values_and_language_names_are_rendered_in_the_same_language():
    error = DataError("docs/about/index.kk.md", 1, "page",
                      _("has no {language} version", language=messages.LanguageName("ru")),
                      _("create {path} (every page is published in {languages} together)", path="docs/about/index.ru.md",
                        languages=listing(["kk", "ru", "en"])), "ru")
    assert str(error) == ("docs/about/index.kk.md:1: page (ru): has no Russian version -- create docs/about/index.ru.md "
                          "(every page is published in kk, ru and en together)")
    kazakh = error.render("kk")
    assert kazakh.startswith("docs/about/index.kk.md:1: page (ru): "), "path, line, field and language stay searchable"
    assert "орыс тілі нұсқасы жоқ" in kazakh and "kk, ru" in kazakh
    assert "kk, ru и en" in error.render("ru")


def test_messages_are_values_the_same_in_every_language():
    """Errors are collected in sets, sorted and pickled (the parallel build): by msgid and values, not by text."""
    one, same = _("{id} is listed twice", id="'x'"), _("{id} is listed twice", id="'x'")
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert pickle.loads(pickle.dumps(one)) == one
    with speaking("kk"):
        ordered = sorted([_("is missing"), _("does not exist")])
    assert ordered == sorted([_("does not exist"), _("is missing")])


@pytest.mark.parametrize(("option", "environ", "expected"), [
    ("ru", {"NCP_LANG": "kk", "LANG": "en_US.UTF-8"}, "ru"),
    (None, {"NCP_LANG": "kk", "LANG": "ru_RU.UTF-8"}, "kk"),
    (None, {"NCP_LANG": "de", "LANG": "ru_RU.UTF-8"}, "ru"),
    (None, {"LANG": "kk_KZ.UTF-8"}, "kk"),
    (None, {"LC_ALL": "ru_KZ.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {}, "en"),
])
def test_the_language_is_the_option_else_ncp_lang_else_the_locale_else_english(option, environ, expected):
    assert chosen(option, environ) == expected
