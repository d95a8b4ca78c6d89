"""The terminology lint: a deprecated variant in any page or record stops `ncp check` and the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from builders import (
    KAZAKHSTAN,
    LANGS,
    case_record,
    concept,
    glossary_data,
    load,
    load_kind,
    make_project,
    write_yaml,
)
from conftest import LANG_PREFIX, REPO, run_mkdocs_build

from ncp_site import cli
from ncp_site.checks import terminology
from ncp_site.checks.terminology.scan import EXEMPT_CLASS
from ncp_site.core.errors import DataErrors


def variant(term: str, **extra) -> dict:
    return {"term": term, "reason": {lang: f"'{term}' is not the Guidelines' term ({lang})" for lang in LANGS},
            "source": "peer review 2024, rec. 3.1", **extra}


def instance_concept() -> dict:
    """As in the repository: the everyday words (also_called) are deprecated variants allowed beside the term."""
    return concept(
        "specific_instance", "procedure",
        en={"preferred": "specific instance", "plural": "specific instances", "status": "draft",
            "also_called": ["complaint"], "deprecated": [variant("appeal"), variant("complaint")]},
        ru={"preferred": "конкретный случай", "forms": ["конкретного случая", "конкретных случаев"], "status": "draft",
            "also_called": ["жалоба"], "deprecated": [variant("обращение"), variant("жалоба")]},
        kk={"preferred": "нақты жағдай", "forms": ["нақты жағдайлардың"], "status": "draft",
            "also_called": ["шағым"], "deprecated": [variant("шағым"), variant("арыз")]})


def ncp_concept() -> dict:
    return concept(
        "national_contact_point", "institution",
        en={"preferred": "National Contact Point", "status": "draft",
            "deprecated": [variant("compliant country")]},
        ru={"preferred": "Национальный контактный пункт", "status": "draft",
            "deprecated": [variant("координационный центр")]},
        kk={"preferred": "Ұлттық байланыс орталығы", "status": "draft",
            "deprecated": [variant("ұлттық үйлестіру орталығы")]})


def accept_concept() -> dict:
    return concept("accepted_for_further_examination", "procedure",
                   en={"preferred": "accepted for further examination", "status": "draft",
                       "deprecated": [variant("verify", forms=["verified", "verifying"])]})


EXTRA = [instance_concept(), ncp_concept(), accept_concept()]


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path, [case_record()], glossary_extra=EXTRA)


@pytest.fixture(scope="module")
def matcher(tmp_path_factory) -> terminology.Matcher:
    root = tmp_path_factory.mktemp("glossary")
    write_yaml(root / "data" / "glossary.yml", glossary_data(EXTRA))
    glossary, errors = load_kind(root, "glossary")
    assert not errors
    return terminology.Matcher(glossary, KAZAKHSTAN)


def write_pages(root: Path, folder: str, texts: dict[str, str]) -> dict[str, Path]:
    """One page in all three languages (the parity rule); ``texts`` gives some languages' text."""
    paths = {}
    for lang in LANGS:
        path = root / "docs" / folder / f"index.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts.get(lang, f"# Page ({lang})\n\nNeutral text.\n"), encoding="utf-8")
        paths[lang] = path
    return paths


def check(root: Path, capsys, *options: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "check", *options])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- acceptance: each language, page and data field, at file and line ----------------------------

def test_appeal_in_an_english_page_fails_at_its_line(project, capsys):
    write_pages(project, "about", {"en": "# About\n\nThe NCP received an\nappeal in 2022.\n"})
    code, out = check(project, capsys)
    assert code == 1
    assert ('docs/about/index.en.md:4: "appeal" (en) is deprecated -- use "specific instance" '
            "(glossary: specific_instance)") in out


def test_obrashcheniya_in_a_russian_page_fails_at_its_line(project, capsys):
    write_pages(project, "about", {"ru": "# О НКП\n\nНКП получил\n\nдва обращения в 2022 году.\n"})
    code, out = check(project, capsys)
    assert code == 1
    assert ('docs/about/index.ru.md:5: "обращения" (ru) is deprecated -- use "конкретный случай" '
            "(glossary: specific_instance)") in out


def test_kazakh_variant_in_a_kazakh_page_fails_at_its_line(project, capsys):
    write_pages(project, "about", {"kk": "# ҰБО туралы\n\nҰБО 2022 жылы екі шағым алды.\n"})
    code, out = check(project, capsys)
    assert code == 1
    assert ('docs/about/index.kk.md:3: "шағым" (kk) is deprecated -- use "нақты жағдай" '
            "(glossary: specific_instance)") in out


def test_kazakh_variant_in_a_data_field_fails_at_its_line(tmp_path, capsys):
    record = case_record(summary={"kk": "Өтініш беруші арызында кәсіпорынды сынады.",
                                  "ru": "Заявитель критикует предприятие.", "en": "The submitter criticises the enterprise."})
    root = make_project(tmp_path, [record], glossary_extra=EXTRA)
    path = root / "data" / "cases" / "kz0101.yml"
    before = path.read_bytes()
    code, out = check(root, capsys)
    assert code == 1
    line = line_of(path, "арызында")
    assert (f'data/cases/kz0101.yml:{line}: "арызында" (kk) is deprecated -- use "нақты жағдай" '
            "(glossary: specific_instance)") in out
    assert path.read_bytes() == before


def test_variant_in_a_multi_line_data_text_is_reported_on_its_own_line(tmp_path, capsys):
    root = make_project(tmp_path, [], glossary_extra=EXTRA)
    path = root / "data" / "cases" / "kz0101.yml"
    write_yaml(path, case_record())
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  en: Summary of kz0101 in en\.$",
                  "  en: >-\n    The submitter wrote to the NCP\n    and its complaints were heard.", text)
    path.write_text(text, encoding="utf-8")
    code, out = check(root, capsys)
    assert code == 1
    assert f'data/cases/kz0101.yml:{line_of(path, "complaints were")}: "complaints" (en) is deprecated' in out


def test_the_build_fails_too(project):
    """The build runs the same check before any page is made (the plugin's on_config uses load_site)."""
    write_pages(project, "about", {"ru": "# О НКП\n\nЖалобы рассматривает секретариат.\n"})
    with pytest.raises(DataErrors) as failure:
        load(project).raise_errors()
    assert ('docs/about/index.ru.md:3: "Жалобы" (ru) is deprecated -- use "конкретный случай" '
            "(glossary: specific_instance)") in failure.value.report()


def test_errors_print_in_the_lint_format_and_sort_with_the_others(project, capsys):
    write_pages(project, "about", {"en": "# About\n\nOne appeal.\n"})
    (project / "docs" / "about" / "index.ru.md").unlink()
    code, out = check(project, capsys)
    lines = [line for line in out.splitlines() if line.startswith("docs/")]
    assert lines == sorted(lines)
    assert any("has no Russian version" in line for line in lines)
    assert any(line.startswith('docs/about/index.en.md:3: "appeal" (en) is deprecated') for line in lines)


# --- what matches and what does not ------------------------------------------------------------

@pytest.mark.parametrize("lang, text, found", [
    ("ru", "Поступило обращение.", "обращение"),
    ("ru", "Два обращения поступили.", "обращения"),
    ("ru", "Число обращений растёт.", "обращений"),
    ("ru", "Он выступил с обращением.", "обращением"),
    ("ru", "Об ОБРАЩЕНИИ и ничего больше.", "ОБРАЩЕНИИ"),
    ("ru", "О жалобах.", "жалобах"),
    ("ru", "Сообщили в координационный центр.", "координационный центр"),
    ("ru", "Письмо координационного\n   центра.", "координационного центра"),
    ("en", "Two appeals were received.", "appeals"),
    ("en", "The Appeal was heard.", "Appeal"),
    ("en", "The complaint's status.", "complaint's"),
    ("en", "Three compliant countries.", "compliant countries"),
    ("en", "The Secretariat verifies it.", "verifies"),
    ("en", "The Secretariat verified it.", "verified"),
    ("kk", "Шағымдар қаралды.", "Шағымдар"),
    ("kk", "Шағымдардың саны.", "Шағымдардың"),
    ("kk", "Арызға жауап.", "Арызға"),
    ("kk", "ұлттық үйлестіру орталығының шешімі", "ұлттық үйлестіру орталығының"),
])
def test_inflected_forms_match(matcher, lang, text, found):
    assert [hit.found for hit in matcher.find(text, lang)] == [found]


@pytest.mark.parametrize("lang, text", [
    ("en", "An appealing design; an unappealing one."),
    ("en", "The enterprise is compliant with the law."),
    ("ru", "Внимание обращено на сроки; обращенный к сторонам текст."),
    ("ru", "Жалобный тон; переобращение."),
    ("ru", "Координационный совет и центр города."),
    ("kk", "Кәсіпорынның қарызы өсті."),
    ("kk", "Шағын кәсіпорын."),
    ("en", "speakers of the language"),
])
def test_words_that_merely_contain_a_variant_do_not_match(matcher, lang, text):
    assert matcher.find(text, lang) == []


def test_each_language_is_linted_with_its_own_variants(matcher):
    assert matcher.find("обращение", "en") == []
    assert matcher.find("appeal", "ru") == []


def test_a_variant_of_two_concepts_names_both(tmp_path):
    extra = EXTRA + [concept("mne", "general", en={"preferred": "multinational enterprise", "status": "draft",
                                                    "deprecated": [variant("MNE")]}),
                     concept("ministry", "institution", en={"preferred": "Ministry of National Economy",
                                                            "status": "draft", "deprecated": [variant("MNE")]})]
    root = make_project(tmp_path, glossary_extra=extra)
    glossary, _ = load_kind(root, "glossary")
    hits = terminology.Matcher(glossary, KAZAKHSTAN).find("The MNEs and the MNE.", "en")
    assert sorted((h.found, h.concept_id) for h in hits) == [
        ("MNE", "ministry"), ("MNE", "mne"), ("MNEs", "ministry"), ("MNEs", "mne")]


# --- historical quotations -------------------------------------------------------------------------

def test_historical_quotation_is_exempt_and_listed(project, capsys):
    write_pages(project, "about", {"ru": ('# О НКП\n\nПриказ <q class="historical">Об утверждении Правил\n'
                                          'рассмотрения обращений</q> утратил силу.\n')})
    code, out = check(project, capsys)
    assert code == 0 and "historical" not in out, out  # listed on request only: ncp check is quiet by default
    code, out = check(project, capsys, "--verbose")
    assert code == 0, out
    assert "1 historical quotation exempt" in out
    assert "docs/about/index.ru.md:3 (ru): «Об утверждении Правил рассмотрения обращений»" in out


def test_historical_quotation_in_a_data_field_is_exempt_listed_and_shown_as_a_quotation(tmp_path, capsys):
    record = case_record(summary={"kk": "Қысқаша.", "ru": "Кратко.",
                                  "en": 'The order <q class="historical">On complaints</q> applied.'})
    root = make_project(tmp_path, [record], glossary_extra=EXTRA)
    code, out = check(root, capsys, "--verbose")
    assert code == 0, out
    assert f"data/cases/kz0101.yml:{line_of(root / 'data/cases/kz0101.yml', 'On complaints')} (en): «On complaints»" in out
    from ncp_site.kinds.cases import pages as cases
    site = load(root)
    html = cases.render_case_page(site.data.cases[0], site.words, "en")
    assert '<q class="historical">On complaints</q>' in html


def test_text_outside_the_quotation_is_still_linted(project, capsys):
    write_pages(project, "about", {"en": '# About\n\n<q class="historical">Rules</q> on appeals.\n'})
    code, out = check(project, capsys)
    assert code == 1
    assert 'docs/about/index.en.md:3: "appeals" (en) is deprecated' in out


def test_the_glossary_data_is_exempt_in_its_deprecated_lists_only(tmp_path, capsys):
    bad = instance_concept()
    bad["definition"]["en"] = "Not an appeal."
    root = make_project(tmp_path, glossary_extra=[bad, ncp_concept(), accept_concept()])
    code, out = check(root, capsys)
    assert code == 1
    problems = [line for line in out.splitlines() if "is deprecated" in line]
    line = line_of(root / "data" / "glossary.yml", "Not an appeal.")
    assert problems == [f'data/glossary.yml:{line}: "appeal" (en) is deprecated -- use "specific instance" '
                        "(glossary: specific_instance)"]


# --- term() calls --------------------------------------------------------------------------------

def test_unknown_term_id_or_form_fails_the_check_at_its_line(project, capsys):
    write_pages(project, "about", {
        "en": "# About\n\nA {{ term('specific_instance') }} and\n{{ term('specific_instanse') }}.\n",
        "ru": "# О НКП\n\n{{ term('specific_instance', form='конкретных случаев') }}\n"
              "{{ term('specific_instance', form='конкретными случаями') }}\n",
        "kk": "# ҰБО\n\n{{ term('specific_instance', 'plural') }}\n"})
    code, out = check(project, capsys)
    assert code == 1
    assert ("docs/about/index.en.md:4: term('specific_instanse') (en): the glossary has no concept "
            "'specific_instanse' (did you mean specific_instance?)") in out
    assert "docs/about/index.ru.md:4: term('specific_instance', form='конкретными случаями') (ru): " \
           "'конкретными случаями' is not a Russian form of 'specific_instance'" in out
    assert "docs/about/index.kk.md:3: term('specific_instance', 'plural') (kk): 'specific_instance' has no plural" in out
    assert "index.ru.md:3" not in out and "index.en.md:3" not in out


def test_term_macro_renders_a_linked_term_with_its_definition(project):
    from ncp_site.kinds.glossary.pages import render_term
    words = load(project).words
    html = render_term(words, "specific_instance", "ru", "ru/about/", form="конкретных случаев")
    assert html == ('<a class="ncp-term" href="../../ru/terms/#specific_instance" '
                    'title="definition of specific_instance (ru)">конкретных случаев</a>')
    assert render_term(words, "specific_instance", "en", "en/", "plural", cap=True).endswith(">Specific instances</a>")
    assert 'href="terms/#specific_instance"' in render_term(words, "specific_instance", "kk", "")


def test_computed_term_argument_error_names_the_page_line(project):
    from ncp_site.kinds.glossary.model import TermError
    page = write_pages(project, "about", {"en": "# About\n\n{% set x = 'nope' %}\nText {{ term(x) }}.\n"})["en"]
    source = load(project).sources.pages["about/index.md"]["en"]
    assert source.path == page
    error = terminology.term_call_error(source, "en", "nope", None, TermError("no concept", "fix"))
    assert (error.path, error.line, error.lang) == ("docs/about/index.en.md", 4, "en")


# --- the real site: built HTML, every language, outside quotations and the glossary's variant lists ---

def test_no_deprecated_variant_in_the_built_site(site, project_root):
    glossary, errors = load_kind(project_root, "glossary")
    assert not errors
    matcher = terminology.Matcher(glossary, KAZAKHSTAN)
    found, pages = [], 0
    for lang in LANGS:
        for page in site.pages(lang):
            html = (site.root / LANG_PREFIX[lang] / page).read_text(encoding="utf-8")
            found += terminology.html_findings(html, lang, matcher, f"{LANG_PREFIX[lang]}{page}")
            pages += 1
    assert pages > 30
    assert found == []


def test_the_html_scan_would_see_the_glossary_variants_if_they_were_not_marked(site, project_root):
    """The scan is live: the glossary page lists variants, exempt only by its marked rows."""
    glossary, _ = load_kind(project_root, "glossary")
    matcher = terminology.Matcher(glossary, KAZAKHSTAN)
    for lang in LANGS:
        html = site.html(lang, "translators/glossary/")
        assert terminology.html_findings(html, lang, matcher) == []
        unmarked = html.replace(EXEMPT_CLASS, "plain")
        found = {(e.lang, e.field) for e in terminology.html_findings(unmarked, lang, matcher)}
        assert ("en", '"appeal"') in found and ("ru", '"обращение"') in found and ("kk", '"арыз"') in found


# --- the build itself -------------------------------------------------------------------------------

def _buildable(root: Path, pages: dict[str, dict[str, str]]) -> Path:
    """A small project MkDocs can build: the repository's configuration with a nav of the given pages."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "nav:\n" + "".join(f"  - {page}\n" for page in ["index.md", *pages])
    config = re.sub(r"(?m)^nav:\n(?:  .*\n)+", nav, config)
    config = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(REPO / "macros.py", root / "macros.py")
    shutil.copytree(REPO / "overrides", root / "overrides")
    for page, texts in pages.items():
        write_pages(root, page.rsplit("/", 1)[0], texts)
    return root


def test_build_fails_on_a_deprecated_variant_and_links_terms_when_clean(tmp_path):
    root = make_project(tmp_path / "p", [case_record()], glossary_extra=EXTRA)
    _buildable(root, {"about/index.md": {"en": "# About\n\nA {{ term('specific_instance') }} here.\n"},
                      "terms/index.md": {lang: "# Terms\n\n{{ terms_page() }}\n" for lang in LANGS}})
    good = run_mkdocs_build(root, tmp_path / "site")
    assert good.returncode == 0, good.stderr
    html = (tmp_path / "site" / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert ('<a class="ncp-term" href="../../en/terms/#specific_instance" '
            'title="definition of specific_instance (en)">specific instance</a>') in html
    terms_html = (tmp_path / "site" / "en" / "terms" / "index.html").read_text(encoding="utf-8")
    assert 'id="specific_instance"' in terms_html

    write_pages(root, "about", {"en": "# About\n\nAn appeal here.\n"})
    bad = run_mkdocs_build(root, tmp_path / "site2")
    assert bad.returncode != 0
    assert ('docs/about/index.en.md:3: "appeal" (en) is deprecated -- use "specific instance" '
            "(glossary: specific_instance)") in bad.stdout + bad.stderr


# --- the everyday word beside the term, and a concept whose own name holds a variant ----------------

def everyday_concepts() -> list[dict]:
    """specific_instance with its everyday words (also_called) and the UN Guiding Principles' grievance mechanism."""
    grievance = concept("grievance_mechanism", "general",
                        en={"preferred": "grievance mechanism", "status": "draft"},
                        ru={"preferred": "механизм рассмотрения жалоб", "status": "draft"},
                        kk={"preferred": "шағымдарды қарау тетігі", "plural": "шағымдарды қарау тетіктері",
                            "status": "draft"})
    return [instance_concept(), ncp_concept(), grievance]


@pytest.fixture(scope="module")
def everyday(tmp_path_factory) -> terminology.Matcher:
    root = tmp_path_factory.mktemp("everyday")
    write_yaml(root / "data" / "glossary.yml", glossary_data(everyday_concepts()))
    glossary, errors = load_kind(root, "glossary")
    assert not errors
    return terminology.Matcher(glossary, KAZAKHSTAN)


@pytest.mark.parametrize("lang, allowed, refused", [
    ("en", "Raise a concern or complaint about a company's conduct: a specific instance.",
     "Send us your complaint. We reply within a week, and handle each specific instance."),
    ("ru", "Подать жалобу на поведение компании: конкретный случай.",
     "Жалобы рассматривает НКП. Каждый конкретный случай рассматривается отдельно."),
    ("kk", "Компанияның іс-әрекетіне шағым беру: нақты жағдай.",
     "Шағымыңызды жіберіңіз! Әр нақты жағдай бөлек қаралады."),
])
def test_the_everyday_word_is_allowed_only_in_a_sentence_that_names_the_term(everyday, lang, allowed, refused):
    assert everyday.find(allowed, lang) == []
    hits = everyday.find(refused, lang)
    assert [h.concept_id for h in hits] == ["specific_instance"] and hits[0].start < refused.index(".!"[lang == "kk"])


def test_the_term_macro_names_the_term_in_a_page(tmp_path, capsys):
    root = make_project(tmp_path, [case_record()], glossary_extra=everyday_concepts())
    page = write_pages(root, "submit", {"en": "# Submit\n\nA complaint about a company is raised as a\n"
                                              "{{ term('specific_instance') }}: this page helps.\n"})["en"]
    assert check(root, capsys)[0] == 0
    page.write_text("# Submit\n\nA complaint about a company is raised here.\nA {{ term('specific_instance') }} "
                    "is what the NCP handles.\n", encoding="utf-8")
    code, out = check(root, capsys)
    assert code == 1 and 'docs/submit/index.en.md:3: "complaint" (en) is deprecated' in out


def test_a_variant_that_is_not_an_everyday_word_is_refused_even_beside_the_term(everyday):
    assert [h.found for h in everyday.find("An appeal is a specific instance.", "en")] == ["appeal"]


@pytest.mark.parametrize("lang, text", [
    ("kk", "Кәсіпорындардың өздері құрған шағымдарды қарау тетіктеріне жүгінуге болады."),
    ("kk", "Өзінің шағымдарды қарау тетігі арқылы."),
    ("ru", "Например, через собственный механизм рассмотрения жалоб."),
    ("ru", "Негосударственным механизмам рассмотрения жалоб."),
])
def test_the_grievance_mechanism_is_a_concept_of_its_own(everyday, lang, text):
    assert everyday.find(text, lang) == []
    bare = {"kk": "Шағымдар қабылданады.", "ru": "Жалобы принимаются."}[lang]
    assert everyday.find(bare, lang) != [], "the word alone is still a misnaming"


def test_also_called_must_be_a_deprecated_variant(tmp_path, capsys):
    instance = instance_concept()
    instance["terms"]["en"]["also_called"] = ["grumble"]
    root = make_project(tmp_path, glossary_extra=[instance])
    code, out = check(root, capsys)
    assert code == 1 and "also_called lists 'grumble', which is not one of this language's deprecated variants" in out


def test_the_glossary_s_own_also_called_list_is_not_linted(tmp_path, capsys):
    root = make_project(tmp_path, glossary_extra=everyday_concepts())
    assert check(root, capsys)[0] == 0


def test_the_built_page_is_read_a_block_at_a_time_links_and_tooltips_included(everyday):
    heading = ('<h2>Raise a complaint about a company, <abbr title="National Contact Point">NCP</abbr>: a '
               '<a class="ncp-term" href="terms/#specific_instance" title="An issue ...">specific instance</a></h2>')
    assert terminology.html_findings(heading, "en", everyday) == []
    apart = "<p>Raise a complaint about a company.</p><p>It is a <a>specific instance</a>.</p>"
    assert [e.field for e in terminology.html_findings(apart, "en", everyday)] == ['"complaint"']
