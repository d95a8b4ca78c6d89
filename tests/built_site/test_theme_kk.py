"""Kazakh UI strings for Material (overrides/partials/languages/kk.html) stay in step with Material's en.html."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest

REPO = Path(__file__).resolve().parents[2]
KK_FILE = REPO / "overrides" / "partials" / "languages" / "kk.html"
EN_FILE = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"

# One `"key": "value",` entry of the dict literal inside the `t(key)` macro (value may hold \" escapes)
ENTRY = re.compile(r'^\s*"(?P<key>[^"]+)"\s*:\s*"(?P<value>(?:[^"\\]|\\.)*)"\s*,?\s*$')
TECHNICAL = {"language", "direction"}
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"


def parse(path: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if match:
            key = match["key"]
            assert key not in entries, f"{path}: key {key!r} is defined twice"
            entries[key] = match["value"]
    assert entries, f"{path}: no \"key\": \"value\" entries found"
    return entries


def is_technical(key: str) -> bool:
    return key in TECHNICAL or key.startswith("search.config.")


@pytest.fixture(scope="module")
def en() -> dict[str, str]:
    return parse(EN_FILE)


@pytest.fixture(scope="module")
def kk() -> dict[str, str]:
    return parse(KK_FILE)


@pytest.fixture(scope="module")
def kk_macro():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(KK_FILE.parent)))
    return env.get_template(KK_FILE.name).module


def test_kk_defines_exactly_the_keys_of_en(en, kk):
    missing = sorted(en.keys() - kk.keys())
    extra = sorted(kk.keys() - en.keys())
    assert not missing and not extra, (
        f"{KK_FILE.relative_to(REPO)} is out of step with Material's {EN_FILE}: "
        f"missing keys {missing}, extra keys {extra}")


def test_technical_keys(kk):
    assert kk.get("language") == "kk"
    assert kk.get("direction") == "ltr"
    assert kk.get("search.config.lang") == "ru", "lunr has no Kazakh; Russian handles Cyrillic"


def test_search_separator_splits_whitespace_and_hyphens_but_not_kazakh_letters(kk_macro):
    # The value as Jinja renders it (escapes resolved) is what lunr gets as a JS RegExp
    separator = re.compile(str(kk_macro.t("search.config.separator")))
    assert re.split(separator, "Ұлттық байланыс-пункті\tжәне\u00a0OECD") == [
        "Ұлттық", "байланыс", "пункті", "және", "OECD"]
    for letter in KAZAKH_LETTERS + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя":
        assert not separator.search(letter), f"separator splits on the letter {letter!r}"


def test_translatable_values_are_non_empty_and_cyrillic(en, kk):
    empty, not_cyrillic = [], []
    for key, value in kk.items():
        if is_technical(key) or key not in en:
            continue
        if not value.strip():
            empty.append(key)
        elif LATIN.search(en[key]) and not CYRILLIC.search(value):
            not_cyrillic.append(f"{key}={value!r}")
    assert not empty, f"empty translations: {empty}"
    assert not not_cyrillic, f"values not in Cyrillic: {not_cyrillic}"


def test_count_placeholders_are_kept(en, kk):
    lost = [key for key, value in en.items() if "#" in value and "#" not in kk.get(key, "#")]
    assert not lost, f"'#' placeholder missing in: {lost}"


def test_macro_renders_the_parsed_values(kk, kk_macro):
    for key, value in kk.items():
        if "\\" not in value:
            assert str(kk_macro.t(key)) == value, key
    assert str(kk_macro.t("toc")) == "Мазмұны"


def test_landmarks_name_the_parts_of_the_page_not_a_print_running_head(kk):
    """Material labels the header and footer landmarks; «колонтитул» is a printed page's running head."""
    assert (kk["header"], kk["footer"]) == ("Беттің жоғарғы бөлігі", "Беттің төменгі бөлігі")
    assert not [key for key, value in kk.items() if "колонтитул" in value.lower()]
