"""The procedure as data: mistakes are located, the timeline, checklist and form come from the one file,
and the same timeframes measure every specific instance."""

from __future__ import annotations

import re
import shutil

import pytest
from builders import collect, dedent, load_kind, make_project, problem_at, without_labels
from conftest import REPO
from markupsafe import escape

from ncp_site.core.errors import DataErrors
from ncp_site.core.kind import PageContext
from ncp_site.kinds.cases import pages as case_pages
from ncp_site.kinds.procedure import pages

VALID = dedent("""
    stages:
      - id: reception
        months: 2
        title: {kk: Қабылдау, ru: Приём, en: Reception}
        summary: {kk: Қабылдау., ru: Приём., en: Reception.}
      - id: initial_assessment
        months: 3
        extension_months: 3
        ends_at: initial_assessment
        title: {kk: Бағалау, ru: Оценка, en: Assessment}
        summary: {kk: Бағалау., ru: Оценка., en: Assessment.}
      - id: good_offices
        months: 5
        title: {kk: Қызмет, ru: Услуги, en: Offices}
        summary: {kk: Қызмет., ru: Услуги., en: Offices.}
      - id: conclusion
        months: 2
        ends_at: conclusion
        title: {kk: Қорытынды, ru: Итог, en: Conclusion}
        summary: {kk: Қорытынды., ru: Итог., en: Conclusion.}
    deadlines:
      - id: ask
        stage: reception
        days: 3
        count: business
        text: {kk: Сұрау., ru: Запрос., en: Request.}
    checklist:
      - id: name
        input: text
        required: true
        autocomplete: name
        label: {kk: Аты, ru: Имя, en: Name}
        hint: {kk: Толық аты., ru: Полное имя., en: Full name.}
      - id: confidential
        input: checkbox
        required: false
        label: {kk: Құпия, ru: Конфиденциально, en: Confidential}
""")


def project(tmp_path, text: str = VALID, contacts: str | None = None):
    make_project(tmp_path)
    (tmp_path / "data" / "procedure.yml").write_text(text, encoding="utf-8")
    if contacts is not None:
        (tmp_path / "data" / "contacts.yml").write_text(contacts, encoding="utf-8")
    return tmp_path / "data" / "procedure.yml"


def test_valid_file_loads_and_adds_up_its_stretches(tmp_path):
    project(tmp_path)
    procedure, errors = load_kind(tmp_path, "procedure")
    assert errors == []
    assert procedure.months == 12
    assert [(s.start, s.end, s.stages, s.months, s.extension_months) for s in procedure.stretches()] == [
        ("submission", "initial_assessment", ("reception", "initial_assessment"), 5, 3),
        ("initial_assessment", "conclusion", ("good_offices", "conclusion"), 7, 0)]


BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, lang, words in the message)
    ("deadline of no stage", "stage: reception", "stage: receptoin", "stage: receptoin", "deadlines[0].stage", None,
     "'receptoin' is not a stage of the procedure"),
    ("stage ends out of order", "ends_at: initial_assessment", "ends_at: conclusion", "ends_at: conclusion\n    title: {kk: Қорытынды",
     "stages[3].ends_at", None, "an earlier stage already ends at it or later"),
    ("last stage ends at no date", "    ends_at: conclusion\n", "", "id: conclusion", "stages[3].id", None,
     "the last stage does not say which date of a specific instance ends it"),
    ("stage ends at the submission", "ends_at: initial_assessment", "ends_at: submission", "ends_at: submission",
     "stages[1].ends_at", None, "a specific instance starts with it"),
    ("duplicate stage id", "id: good_offices", "id: reception", "id: reception\n    months: 5", "stages[2].id", None,
     "'reception' is already the id of stages[0]"),
    ("missing language", "title: {kk: Қызмет, ru: Услуги, en: Offices}", "title: {kk: Қызмет, ru: Услуги}",
     "title: {kk: Қызмет", "stages[2].title", "en", "text is missing"),
    ("no months", "months: 5", "months: 0", "months: 0", "stages[2].months", None, "greater than or equal to 1"),
    ("unknown input", "input: checkbox", "input: radio", "input: radio", "checklist[1].input", None, "'radio' is not allowed"),
    ("choice without options", "input: checkbox", "input: choice", "id: confidential", "checklist[1]", None,
     "a choice needs at least two options"),
    ("options of a text field", "    hint: {kk: Толық аты., ru: Полное имя., en: Full name.}\n",
     "    hint: {kk: Толық аты., ru: Полное имя., en: Full name.}\n    options: [{id: a, label: {kk: А, ru: А, en: A}}]\n",
     "id: name", "checklist[0]", None, "an input 'text' has no options"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "procedure.yml", text, fragment, field, lang)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_timeline_lists_every_stage_with_its_months_and_deadlines(tmp_path, lang):
    project(tmp_path)
    site, errors = collect(tmp_path)
    assert errors == []
    html = pages.render_timeline(site.data.procedure, site.words, lang)
    items = html.split('<li id="stage-')[1:]
    assert [item.split('"')[0] for item in items] == ["reception", "initial-assessment", "good-offices", "conclusion"]
    for item, stage in zip(items, site.data.procedure.stages):
        assert stage.title[lang] in item
    up_to = {"kk": "5 айға дейін", "ru": "до 5 месяцев", "en": "up to 5 months"}[lang]
    assert up_to in items[2]
    business = {"kk": "3 жұмыс күні", "ru": "3 рабочих дня", "en": "3 business days"}[lang]
    assert f"<strong>{business}</strong>" in items[0]
    # the bar: one segment per stage, widths in proportion to the months
    widths = [float(w) for w in re.findall(r'<rect class="ncp-seg[^"]*" x="[\d.]+" y="4" width="([\d.]+)"', html)]
    assert [round(w / widths[0] * 2) for w in widths] == [2, 3, 5, 2]


def test_form_fields_come_from_the_checklist_and_mail_goes_to_the_contacts_address(tmp_path):
    project(tmp_path, contacts=dedent("""
        secretariat: {kk: Хатшылық, ru: Секретариат, en: Secretariat}
        email: ncp@example.kz
        sources:
          - title: {kk: Дереккөз, ru: Источник, en: The source}
    """))
    site, errors = collect(tmp_path)
    assert errors == []
    html = pages.render_form(site.data.procedure, site.data.contacts, site.words, PageContext("ru", "ru/submit/"))
    assert 'data-ncp-to="ncp@example.kz"' in html and 'href="mailto:ncp@example.kz"' in html
    name = re.search(r"<input [^>]*id=\"ncp-f-name\"[^>]*>", html).group(0)
    assert 'type="text"' in name and " required" in name and 'autocomplete="name"' in name
    assert 'aria-describedby="ncp-f-name-hint"' in name and 'id="ncp-f-name-hint"' in html
    assert '<label for="ncp-f-name"><span class="ncp-label-text">Имя</span>' in html
    confidential = re.search(r"<input [^>]*id=\"ncp-f-confidential\"[^>]*>", html).group(0)
    assert 'type="checkbox"' in confidential and "required" not in confidential
    assert html.count('class="ncp-error"') == 2
    assert '<script src="../../assets/javascripts/ncp-submission.js" defer></script>' in html
    assert 'id="ncp-compose"' in html and 'type="button"' in html and " hidden>" in html  # shown by the script only


CHOICE = """  - id: confidential
    input: choice
    required: true
    label: {kk: Ашу, ru: Раскрыть, en: Disclose}
    options:
      - id: may_disclose
        label: {kk: Иә, ru: Да, en: "Yes"}
      - id: confidential
        label: {kk: Жоқ, ru: Нет, en: "No"}
        hint: {kk: Құпия., ru: Конфиденциально., en: Kept confidential.}
"""


def test_a_choice_is_a_question_with_its_answers_and_what_they_mean(tmp_path):
    text = VALID[:VALID.index("  - id: confidential")] + CHOICE
    project(tmp_path, text)
    site, errors = collect(tmp_path)
    assert errors == []
    html = pages.render_form(site.data.procedure, site.data.contacts, site.words, PageContext("en", "en/submit/"))
    fieldset = html[html.index('<fieldset class="ncp-field ncp-field--choice" id="ncp-f-confidential"'):html.index("</fieldset>")]
    assert "<legend><span class=\"ncp-label-text\">Disclose</span>" in fieldset
    radios = re.findall(r'<input type="radio" [^>]*>', fieldset)
    assert len(radios) == 2 and all('name="confidential"' in r and " required" in r for r in radios)
    assert 'aria-describedby="ncp-f-confidential-confidential-hint"' in radios[1]
    assert '<p class="ncp-hint" id="ncp-f-confidential-confidential-hint">Kept confidential.</p>' in fieldset
    assert 'id="ncp-error-summary"' in html and html.index('id="ncp-error-summary"') < html.index("<fieldset")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_until_the_email_is_set_the_submission_is_downloaded_or_printed_and_handed_in(tmp_path, lang):
    """No mailto: with no recipient, no "look the address up elsewhere": the office and the call centre."""
    project(tmp_path, contacts=dedent("""
        secretariat: {kk: ҰБО хатшылығы, ru: Секретариат НКП, en: NCP Secretariat}
        email: null
        address: null
        call_centre: "+7 7172 99 99 12"
        sources: [{title: {kk: Дереккөз, ru: Источник, en: The source}}]
    """))
    site, errors = collect(tmp_path)
    assert errors == []
    html = pages.render_form(site.data.procedure, site.data.contacts, site.words, PageContext(lang, "submit/"))
    ui = lambda key: str(escape(site.words.ui(key, lang)))
    assert "mailto:" not in html and 'id="ncp-mailto"' not in html
    assert ui("submit.ready_to_hand_in") in html
    hand_in = html[html.index('<ul class="ncp-hand-in">'):]
    assert site.data.contacts.secretariat[lang] in hand_in and 'href="tel:&#43;77172999912"' in hand_in
    assert re.search(r'<a id="ncp-download" class="md-button md-button--primary" href="#" download="[^"]+\.txt">', html)
    assert '<button type="button" id="ncp-print" class="md-button">' in html and 'id="ncp-print-text"' in html


def test_with_the_email_the_submission_is_also_an_email_and_the_address_is_named(tmp_path):
    project(tmp_path, contacts=dedent("""
        secretariat: {kk: Хатшылық, ru: Секретариат, en: Secretariat}
        email: ncp@example.kz
        address: {kk: Астана, ru: Астана, en: Astana}
        sources: [{title: {kk: Дереккөз, ru: Источник, en: The source}}]
    """))
    site, _ = collect(tmp_path)
    html = pages.render_form(site.data.procedure, site.data.contacts, site.words, PageContext("en", "en/submit/"))
    assert '<a id="ncp-mailto" class="md-button md-button--primary" href="mailto:ncp@example.kz">' in html
    assert "Secretariat, Astana" in html and 'id="ncp-download"' in html
    assert escape(site.words.ui("submit.ready_to_hand_in", "en")) not in html


# --- one source: the procedure's timeframes measure every specific instance ---------------------

def _copy_of_the_repository(tmp_path):
    for name in ("data", "docs"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _stretch_cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cells[3]) for cells in
            (row.split("<td>") for row in without_labels(html).split("<tr class=\"ncp-timing--")[1:])]


def test_changing_a_timeframe_changes_the_procedure_timeline_and_every_case_page(tmp_path):
    root = _copy_of_the_repository(tmp_path)
    before, errors = collect(root)
    assert errors == []
    path = root / "data" / "procedure.yml"
    text = path.read_text(encoding="utf-8")
    assert "  - id: reception\n    months: 2\n" in text
    path.write_text(text.replace("  - id: reception\n    months: 2\n", "  - id: reception\n    months: 4\n"),
                    encoding="utf-8")
    after, errors = collect(root)
    assert errors == []

    projects = {"before": before, "after": after}
    timeline = {k: pages.render_timeline(p.data.procedure, p.words, "en") for k, p in projects.items()}
    first_stage = {k: html.split('<li id="stage-')[1] for k, html in timeline.items()}
    assert "up to 2 months" in first_stage["before"] and "up to 4 months" in first_stage["after"]
    assert "All stages: about 12 months" in timeline["before"]
    assert "All stages: about 14 months" in timeline["after"]

    timed = [c for c in after.data.cases if c.date_of("submission") and c.stage_state("initial_assessment") != "not_reported"]
    assert timed, "the repository has no specific instance whose first stretch can be measured"
    for case in timed:
        cells = {}
        for k, p in projects.items():
            generated = next(g for g in case_pages.case_pages(p) if g.src_uri == f"cases/{case.id}/index.md")
            cells[k] = _stretch_cells(generated.render("en").markdown)
        assert cells["before"][0].startswith("up to 5 months"), (case.id, cells["before"])
        assert cells["after"][0].startswith("up to 7 months"), (case.id, cells["after"])


def test_a_page_showing_the_procedure_without_its_file_gets_a_located_error(tmp_path):
    make_project(tmp_path)
    site, _ = collect(tmp_path)
    with pytest.raises(DataErrors) as raised:
        pages.MACROS["procedure_timeline"](site, PageContext("en", "en/procedures/"))
    assert str(raised.value.errors[0]).startswith("data/procedure.yml:1: (file): does not exist")
