"""The never-publish list: robust matching, every hit located in the data, the pages and the built site,
and the name itself never printed by ``ncp check`` or the build."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from builders import buildable, case_record, dedent, line_of, make_project
from conftest import ENGINES, run_mkdocs_build

from ncp_site import cli
from ncp_site.checks.never_publish import ENVIRONMENT, NeverPublish, fold, read_list
from ncp_site.checks.published import site_errors

NAME = "Айгерім Сәрсенова"
"""The name planted in the tests (invented); ``SPELLINGS`` are forms of it a visitor would read as the same."""
SPELLINGS = [NAME, NAME.upper(), "айгерім   сәрсенова", "Айгерім\nСәрсенова", "Ай\u200bгерім Сәр\u00adсенова",
             "Айгерім\u00a0Сәрсенова", "Аи\u0306герім Сәрсенова"]  # the last: й as и + combining breve
LIST = dedent(f"""
    # names the site must never show (one per line)

    {NAME}
    Ана   # a short name: never matched inside another word
""")


def names(text: str = LIST) -> NeverPublish:
    return NeverPublish({fold(line.split("#")[0]).strip(): n for n, line in enumerate(text.splitlines(), 1)
                         if fold(line.split("#")[0]).strip()})


def write_list(tmp_path: Path, text: str = LIST) -> Path:
    path = tmp_path / "outside-the-repository" / "never-publish.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- matching -------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_name_matches_whatever_its_case_spaces_and_invisible_characters(spelling):
    found = names().find(f"Өтінім берген: {spelling}, 2022 ж.")
    assert [hit.entry for hit in found] == [3]


def test_compatibility_forms_and_decomposed_letters_match():
    listed = names("Zoë Ångström\n")
    assert listed.find("ＺＯË ÅNGSTRÖM")  # fullwidth letters (NFKC)
    assert listed.find("Zoe\u0308 A\u030angstro\u0308m")  # letters written with combining marks


@pytest.mark.parametrize("text", ["Банана", "Ананас", "Анар", "анаграмма", "Ана2"])
def test_a_short_name_never_matches_inside_another_word(text):
    assert names().find(text) == []


@pytest.mark.parametrize("text", ["Ана", "сұхбат: АНА, 2023", "Ана-бала", "(ана)"])
def test_a_short_name_matches_as_a_word(text):
    assert [hit.entry for hit in names().find(text)] == [4]


def test_a_hit_is_located_in_the_text_as_written():
    text = "line one\nline two: Ай\u200bгерім\n  СӘРСЕНОВА here\n"
    (hit,) = names().find(text)
    assert text[hit.start:hit.end] == "Ай\u200bгерім\n  СӘРСЕНОВА"
    assert names().redact(text) == "line one\nline two: [never-publish entry 3] here\n"


def test_the_list_file_keeps_comments_out_and_numbers_entries_by_line(tmp_path):
    listed, errors = read_list(write_list(tmp_path))
    assert errors == []
    assert listed.names == {fold(NAME): 3, "ана": 4}
    missing, errors = read_list(tmp_path / "nowhere.txt")
    assert not missing and "does not exist" in str(errors[0]) and ENVIRONMENT in str(errors[0])


SPELLED = dedent("""
    Иван Петров
    Айгерім Сәрсенова
    Ivan Petrov
    Ерлан Сәрсенов
    Ана
    Zoë Ångström
""")
"""Invented names, each at its line (entry): Russian, Kazakh, Latin, a short one-word name."""


def entries(text: str) -> list[int]:
    return sorted({hit.entry for hit in names(SPELLED).find(text)})


@pytest.mark.parametrize("text", ["Жалоба Ивана Петрова", "встреча с Иваном Петровым", "письмо Ивану Петрову",
                                  "об Иване Петрове", "ИВАНА ПЕТРОВА"])
def test_a_name_matches_in_its_russian_case_forms(text):
    assert entries(text) == [1]


@pytest.mark.parametrize("text, entry", [("Айгерім Сәрсенованың өтініші", 2), ("Айгерім Сәрсеноваға хат", 2),
                                         ("Айгерімнің Сәрсенованың", 2), ("Ерлан Сәрсеновке жауап", 4),
                                         ("Ерлан Сәрсеновтің шағымы", 4), ("Ерлан Сәрсеновтерге", 4)])
def test_a_name_matches_with_kazakh_suffixes(text, entry):
    assert entries(text) == [entry]


@pytest.mark.parametrize("text, entry", [("Петров Иван", 1), ("Петров, Иван", 1), ("ПЕТРОВ И.", 1), ("И. Петров", 1),
                                         ("Петрова И. и др.", 1), ("Petrov, Ivan", 3), ("Petrov I.", 3),
                                         ("Ivan Petrov's statement", 3), ("Сәрсенова Айгерім", 2)])
def test_the_words_of_a_name_match_in_any_order_and_as_initials(text, entry):
    assert entries(text) == [entry]


@pytest.mark.parametrize("text", [
    "Иван Сидоров и Пётр Петров",  # the words, but not next to each other
    "Петров Петров", "Ивановская Петровка", "Иванов Петр",  # one word twice; other words that start alike
    "И. П. Сидоров", "Петров и Иванов",  # initials only; "и" is a word, not an initial, without its full stop
    "анаға", "Ананың үйі", "Анар", "Банана",  # a short one-word name takes no endings
    "Ivan Petrovich", "Zoe Angstromova",
])
def test_other_words_and_other_names_do_not_match(text):
    assert entries(text) == []


@pytest.mark.parametrize("text, listed", [("Оның атауы да жаңарды", "Жанар"), ("анаға", "Ана"), ("Сәулесі", "Сәуле")])
def test_a_one_word_entry_of_five_letters_or_fewer_takes_no_endings(text, listed):
    assert names(listed + "\n").find(text) == []
    assert names(listed + "\n").find(f"({listed.upper()})") != []


def test_a_one_word_entry_of_six_letters_or_more_takes_its_endings():
    assert [hit.entry for hit in names("Сәрсенова\n").find("Сәрсенованың өтініші, Сәрсеновой")] == [1, 1]


@pytest.mark.parametrize("text, entry", [
    ("Iv\u0430n Petr\u03bfv", 3),  # a Cyrillic а and a Greek ο in a Latin name
    ("\u0399van Petrov", 3),  # a Greek capital iota
    ("Petr0v, Ivan", 3),  # a zero for the o
    ("\u0410йг\u0435рім С\u04d9рс\u0435нова".replace("\u0410", "A").replace("\u0435", "e"), 2),  # Latin A and e in Kazakh
    ("Иван Петрoв", 1),  # a Latin o in a Cyrillic name
    ("Zoe Angstrom", 6), ("ZOË ÅNGSTRÖM", 6),  # accents
])
def test_look_alike_letters_from_other_scripts_match(text, entry):
    assert entries(text) == [entry]
    (hit,) = names(SPELLED).find(f"Өтінім берген: {text}.")
    assert f"Өтінім берген: {text}."[hit.start:hit.end] == text.removesuffix("'s")


def test_a_transliteration_is_another_spelling_not_a_look_alike():
    """The skeletons of Cyrillic letters are not the Latin letters a transliteration uses."""
    listed = names("Иван Петров\n")
    assert listed.find("Ivan Petrov") == [] and listed.find("Nbah Netpob") == []


@pytest.mark.parametrize("text, entry", [
    ("/cases/ivan-petrov/", 3), ("files/Ivan_Petrov_2022.pdf", 3), ("ivan.petrov@example.org", 3),
    ("?q=Ivan+Petrov", 3), ("Ivan%20Petrov", 3), ("<a id=\"petrov-ivan\">", 3),
    ("/cases/%D0%98%D0%B2%D0%B0%D0%BD-%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2/", 1),  # UTF-8, percent-encoded
    ("&#1048;ван &#x41F;етров", 1), ("&Iota;van Petrov", 3),  # HTML character references
    ("\\u0418\\u0432\\u0430\\u043d \\u041f\\u0435\\u0442\\u0440\\u043e\\u0432\\u0430", 1),  # JSON escapes
])
def test_encoded_forms_and_slugs_match(text, entry):
    assert entries(text) == [entry]


def test_an_encoded_name_is_redacted_whole():
    address = "see https://example.org/%D0%98%D0%B2%D0%B0%D0%BD%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2.pdf now"
    assert names(SPELLED).redact(address) == "see https://example.org/[never-publish entry 1].pdf now"
    assert names(SPELLED).redact("files/Ivan_Petrov.pdf") == "files/[never-publish entry 3].pdf"


# --- ncp check ------------------------------------------------------------------------------

EVENTS = dedent(f"""
    events:
      - id: 2022-09-meeting
        title:
          kk: Кездесу
          ru: Встреча
          en: Meeting with {NAME}
        start: 2022-09-08
        format: online
        ncp_role: organised
        stakeholder_groups: [business]
""")


def planted_project(tmp_path: Path) -> Path:
    """A small project with the name in a case's summary (en), a case's title (ru), an event and a page."""
    case = case_record("kz0101", summary__en=f"The submitter, {NAME.upper()}, met the enterprise.",
                       title__ru="Айгерім  Сәрсенова против Example LLP")
    root = make_project(tmp_path / "project", [case])
    (root / "data" / "events").mkdir()
    (root / "data" / "events" / "2022.yml").write_text(EVENTS, encoding="utf-8")
    (root / "data" / "cases" / "kz0101.yml").write_text(
        (root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8") + f"# asked by &#1040; {NAME}\n",
        encoding="utf-8")
    (root / "docs" / "index.en.md").write_text("# Home\n\nThanks to &#1040;йгерім Сәрсенова.\n", encoding="utf-8")
    return root


def test_ncp_check_reports_every_hit_by_file_line_field_and_language_never_the_name(tmp_path, capsys, monkeypatch):
    root = planted_project(tmp_path)
    monkeypatch.setenv(ENVIRONMENT, str(write_list(tmp_path)))
    status = cli.main(["--root", str(root), "check"])
    out, err = capsys.readouterr()
    assert status == 1
    case_text = (root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8")
    event_text = (root / "data" / "events" / "2022.yml").read_text(encoding="utf-8")
    problem = "a name on the never-publish list (entry 3) -- remove it"
    for expected in (
        f"data/cases/kz0101.yml:{line_of(case_text, 'The submitter')}: summary (en): {problem}",
        f"data/cases/kz0101.yml:{line_of(case_text, 'против')}: title (ru): {problem}",
        f"data/cases/kz0101.yml:{line_of(case_text, '# asked by')}: (comment): {problem}",
        f"data/events/2022.yml:{line_of(event_text, 'en: Meeting')}: events[0].title (en): {problem}",
        f"docs/index.en.md:3: page (en): {problem}",
    ):
        assert expected in out, out
    assert_name_absent(out + err)


def test_ncp_check_finds_inflected_look_alike_and_encoded_names_and_file_names(tmp_path, capsys, monkeypatch):
    case = case_record("kz0101", summary__ru="Жалоба Ивана Петрова рассмотрена.",
                       title__en="Petrov, Iv\u0430n v. Example LLP", title__kk="Айгерім Сәрсенованың өтініші")
    root = make_project(tmp_path / "project", [case])
    (root / "docs" / "files").mkdir()
    (root / "docs" / "files" / "Ivan_Petrov.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "docs" / "index.en.md").write_text(
        "# Home\n\n[A letter](files/Ivan_Petrov.pdf)\n\n"
        "[A map](https://example.org/%D0%98%D0%B2%D0%B0%D0%BD%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2)\n",
        encoding="utf-8")
    monkeypatch.setenv(ENVIRONMENT, str(write_list(tmp_path, SPELLED)))
    status = cli.main(["--root", str(root), "check"])
    out, err = capsys.readouterr()
    assert status == 1
    case_text = (root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8")
    problem = "a name on the never-publish list (entry {}) -- remove it"
    for expected in (
        f"data/cases/kz0101.yml:{line_of(case_text, 'Жалоба')}: summary (ru): {problem.format(1)}",
        f"data/cases/kz0101.yml:{line_of(case_text, 'Petrov, Iv')}: title (en): {problem.format(3)}",
        f"data/cases/kz0101.yml:{line_of(case_text, 'Айгерім')}: title (kk): {problem.format(2)}",
        f"docs/index.en.md:3: page (en): {problem.format(3)}",
        f"docs/index.en.md:5: page (en): {problem.format(1)}",
        f"docs/files/[never-publish entry 3].pdf:1: (file name): {problem.format(3)}",
    ):
        assert expected in out, out
    assert names(SPELLED).find(out + err) == [], "no listed name is printed, in any spelling"


def test_without_the_variable_nothing_is_matched(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert cli.main(["--root", str(planted_project(tmp_path)), "check"]) == 0, capsys.readouterr().out


def test_a_list_that_cannot_be_read_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "missing.txt"))
    assert cli.main(["--root", str(make_project(tmp_path / "p", [case_record()])), "check"]) == 1
    assert f"{ENVIRONMENT} ({tmp_path / 'missing.txt'}):1: (environment): names a file that does not exist" in capsys.readouterr().out


def assert_name_absent(output: str) -> None:
    folded = fold(output)
    for word in NAME.split():
        assert fold(word) not in folded, "the name must never be printed"


# --- the built site -------------------------------------------------------------------------

def run_build(how: str, root, site_dir, env: dict):
    """``mkdocs build`` (what ``scripts/build`` runs) or ProperDocs' build (the MkDocs 1.x fork, whose loggers
    are called ``properdocs``)."""
    return run_mkdocs_build(root, site_dir, env=env, engine=how)


BUILDS = pytest.mark.parametrize("how", ENGINES)


@BUILDS
def test_the_build_stops_on_a_name_in_the_data_without_printing_it(tmp_path, how):
    root = buildable(planted_project(tmp_path), {})
    result = run_build(how, root, tmp_path / "site", env={ENVIRONMENT: str(write_list(tmp_path))})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/cases/kz0101.yml" in output and "data/events/2022.yml" in output
    assert "(entry 3)" in output
    assert_name_absent(output)


@BUILDS
def test_the_build_scans_every_file_it_wrote_and_its_log_never_shows_a_name_in_any_spelling(tmp_path, how):
    """A name the sources do not hold (the site's name in mkdocs.yml), inflected and with a look-alike letter,
    is found in the output; mkdocs-static-i18n logs it, redacted whatever the engine calls its loggers
    (``mkdocs``, ``properdocs``)."""
    root = buildable(make_project(tmp_path / "project", [case_record()]), {})
    spelling = "A" + "йгерім Сәрсенованың сайты"  # a Latin A; the Kazakh genitive -ның
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("          name: English\n",
                                                    f"          name: English\n          site_name: {spelling}\n"),
                                     encoding="utf-8")
    result = run_build(how, root, tmp_path / "site", env={ENVIRONMENT: str(write_list(tmp_path))})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert not (tmp_path / "site").exists(), "no site is written"
    assert "en/index.html:" in output and ": <title>: a name on the never-publish list (entry 3)" in output, output
    assert "en/cases/kz0101/index.html:" in output
    assert_name_absent(output)
    assert names().find(output) == [], "no listed name is printed, in any spelling"


SPELLED_EVENTS = dedent("""
    events:
      - id: 2022-09-zoe-angstrom-meeting
        title:
          kk: Кездесу
          ru: Встреча
          en: Working meeting on the grievance mechanisms of the extractive sector with Iv\u0430n Petr\u03bfv
        start: 2022-09-08
        format: online
        ncp_role: organised
        stakeholder_groups: [business]
""")


def test_every_output_is_searched_for_every_spelling(tmp_path, monkeypatch):
    """Built without the list (nothing stops the build), then searched with it: inflected, reordered,
    look-alike and slug spellings are found in every kind of file they reached, and in folder names."""
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    case = case_record("kz0101", title__ru="Жалоба Ивана Петрова", title__kk="Айгерім Сәрсенованың өтініші",
                       title__en="Petrov, Iv\u0430n v. Example LLP")
    root = buildable(make_project(tmp_path / "project", [case]), {})
    (root / "data" / "events").mkdir()
    (root / "data" / "events" / "2022.yml").write_text(SPELLED_EVENTS, encoding="utf-8")
    result = run_mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    found: dict[int, set[tuple[str, str]]] = {}
    for error in site_errors(tmp_path / "site", names(SPELLED), tmp_path):
        entry = int(str(error.problem).rsplit("entry ", 1)[1].rstrip(")"))
        found.setdefault(entry, set()).add((error.path.removeprefix("site/"), error.field))
    assert sorted(found) == [1, 2, 3, 6], found
    russian, kazakh, look_alike, slug = (found[n] for n in (1, 2, 3, 6))
    event = "events/2022-09-[never-publish entry 6]-meeting"  # a path that holds a name is shown without it
    for files, expected in (
        (russian, {("ru/cases/kz0101/index.html", "<title>"), ("ru/cases/kz0101/index.html", "page"),
                   ("data/cases.json", "specific_instances[0].title.ru"), ("data/cases.csv", "(text)"),
                   ("ru/feeds/cases.xml", "<title>")}),
        (kazakh, {("cases/kz0101/index.html", "<title>"), ("data/cases.json", "specific_instances[0].title.kk"),
                  ("feeds/cases.xml", "<title>")}),
        (look_alike, {("en/cases/kz0101/index.html", "<title>"), (f"en/{event}/index.html", "<title>"),
                      ("en/events/years/2022/index.html", "page"), ("en/events.ics", "SUMMARY"),
                      (f"en/{event}.ics", "SUMMARY"), ("en/feeds/events.xml", "<title>"),
                      ("data/events.json", "events[0].title.en"), ("data/events.csv", "(text)")}),
        (slug, {(event, "(file name)"), (f"{event}.ics", "(file name)"), (f"{event}.ics", "UID"),
                ("sitemap.xml", "page"), ("sitemap.xml.gz", "page"), ("data/events.json", "events[0].id")}),
    ):
        assert expected <= files, (expected - files, files)
    for entry, language in ((1, "ru"), (2, "kk"), (3, "en")):
        assert any(path.startswith(f"pagefind/fragment/{language}_") for path, _ in found[entry]), found[entry]


def test_names_only_escaped_in_an_output_are_found(tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "events").mkdir()
    html_name = "".join(f"&#{ord(c)};" for c in NAME[:4]) + NAME[4:]
    (site / "index.html").write_text(f"<html><head><title>{html_name}</title></head>\n<body>\n"
                                     f"<p>Ай<b>герім</b> Сәрсенова</p>\n<p title=\"{html_name}\">x</p></body></html>",
                                     encoding="utf-8")
    (site / "search" / "search_index.json").write_text(
        json.dumps({"docs": [{"location": "x/", "title": "Home", "text": f"<p>{NAME}</p>"},
                             {"location": "y/", "title": "Ай<b>герім</b> Сәрсенова", "text": "Айгерім<br>Сәрсенова"}]}),
        encoding="ascii")
    folded_line = "SUMMARY;LANGUAGE=kk:Кездесу\\, " + NAME
    (site / "events" / "e.ics").write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + folded_line[:34] + "\r\n " + folded_line[34:] + "\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n", encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(f"<urlset><url><loc>https://x/{html_name}</loc></url></urlset>"
                                                        .encode()))
    (site / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe" + NAME.encode("utf-16"))
    found = {(e.path.rsplit("site/", 1)[1], e.line, e.field) for e in site_errors(site, names())}
    assert found >= {("index.html", 1, "<title>"), ("index.html", 3, "page"), ("index.html", 4, "page"),
                     ("search/search_index.json", 1, "docs[0].text"), ("search/search_index.json", 1, "docs[1].title"),
                     ("search/search_index.json", 1, "docs[1].text"), ("events/e.ics", 3, "SUMMARY"),
                     ("sitemap.xml.gz", 1, "page")}, found
    assert all("(entry 3)" in str(e) and NAME not in str(e) for e in site_errors(site, names()))


def test_nothing_is_reported_on_a_site_without_the_names(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<title>Банана</title><p>Анар, анаграмма</p>", encoding="utf-8")
    assert site_errors(site, names()) == []


def test_a_name_in_the_compressed_search_index_is_found(tmp_path):
    """Pagefind's fragments are gzip with a signature before their JSON: a name inside is still found."""
    site = tmp_path / "site" / "pagefind" / "fragment"
    site.mkdir(parents=True)
    fragment = b"pagefind_dcd" + json.dumps({"url": "/cases/x/", "content": f"Text about {NAME}."}).encode()
    (site / "kk_0a1b2c3.pf_fragment").write_bytes(gzip.compress(fragment, mtime=0))
    names, errors = read_list(write_list(tmp_path))
    assert errors == []
    found = site_errors(tmp_path / "site", names, tmp_path)
    assert [e.path for e in found] == ["site/pagefind/fragment/kk_0a1b2c3.pf_fragment"]
    assert_name_absent(" ".join(str(e) for e in found))
