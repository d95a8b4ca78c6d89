"""Languages come from the configuration: a ru-default, ru + en project builds and keeps its parity rule."""

import json
import re

import pytest
import yaml
from builders import REPO, buildable, case_record, glossary_data, organisations_data, write_yaml
from conftest import run_mkdocs_build

LANGS = ("ru", "en")


def _ru_en_project(root):
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    i18n_languages = ("      languages:\n        - locale: ru\n          name: Русский\n          default: true\n"
                      "          build: true\n        - locale: en\n          name: English\n          build: true\n")
    config = re.sub(r"(?ms)^      languages:\n.*?(?=^  - macros:)", i18n_languages, config)
    config = config.replace("theme:\n  name: material\n", "theme:\n  name: material\n").replace("language: kk", "language: ru")
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_yaml(root / "data" / "glossary.yml", glossary_data(langs=LANGS))
    ui = yaml.safe_load((REPO / "data" / "ui.yml").read_text(encoding="utf-8"))
    write_yaml(root / "data" / "ui.yml", {key: {lang: text[lang] for lang in LANGS} for key, text in ui.items()})
    write_yaml(root / "data" / "organisations.yml", organisations_data(langs=LANGS))
    write_yaml(root / "data" / "cases" / "ru0001.yml",
               case_record("ru0001", langs=LANGS, host_country="RU", lead_ncp="KZ"))
    return buildable(root, {"cases/index.md": {lang: "# Cases\n\n{{ cases_register('ongoing') }}\n" for lang in LANGS}})


@pytest.fixture(scope="module")
def ru_en(tmp_path_factory):
    root = _ru_en_project(tmp_path_factory.mktemp("ru-en") / "p")
    for lang in LANGS:
        (root / "docs" / f"index.{lang}.md").write_text(f"# Home ({lang})\n", encoding="utf-8")
    return root


def test_a_ru_and_en_project_checks_and_builds(ru_en, tmp_path):
    from ncp_site import cli

    assert cli.main(["--root", str(ru_en), "check"]) == 0
    result = run_mkdocs_build(ru_en, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert '<html lang="ru"' in (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert (site / "cases" / "ru0001" / "index.html").is_file() and (site / "en" / "cases" / "ru0001" / "index.html").is_file()
    assert not (site / "ru").exists() and not (site / "kk").exists()
    # the search index is built once every language is written: both are in it
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "ru"]


def test_its_parity_rule_asks_for_its_own_languages(ru_en, capsys):
    from ncp_site import cli

    (ru_en / "docs" / "about").mkdir()
    (ru_en / "docs" / "about" / "index.ru.md").write_text("# О нас\n", encoding="utf-8")
    try:
        assert cli.main(["--root", str(ru_en), "check"]) == 1
        out = capsys.readouterr().out
        assert "docs/about/index.ru.md:1: page (en): has no English version -- create docs/about/index.en.md" in out
        assert "Kazakh" not in out
    finally:
        (ru_en / "docs" / "about" / "index.ru.md").unlink()
        (ru_en / "docs" / "about").rmdir()
