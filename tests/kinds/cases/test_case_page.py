"""A case page says only what is known: what the sources do not give is left out (no "not reported"),
"not reached" marks a stage a closed case never reached, "not yet" only a stage that can still come."""

from __future__ import annotations

import html as markup
import re

import pytest
from builders import LANGS, case_record, collect, make_project, without_labels

from ncp_site.kinds.cases.pages import render_case_page, render_register

STAGES = ("submission", "initial_assessment", "conclusion", "follow_up")


def unreported() -> dict:
    return case_record("kr0101", ncp_role="supporting", lead_ncp="KR", supporting_ncps=["KZ"], chapters=[],
                       status="not_reported", host_country="not_reported",
                       enterprise={"organisation": "gm-korea", "sector": "not_reported", "home_country": "not_reported"},
                       dates={stage: "not_reported" for stage in STAGES})


def withdrawn_in_initial_assessment() -> dict:
    """Closed before the initial assessment's decision, on a day the sources do not give."""
    return case_record("kz0103", status="withdrawn", outcome="withdrawn",
                       dates={"submission": "2022-02-15", "initial_assessment": "not_reached",
                              "conclusion": "not_reported", "follow_up": "not_reached"})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("cases"),
                        [unreported(), withdrawn_in_initial_assessment(), case_record("kz0104", chapters=["IV", "V"]),
                         case_record("kz0105", submitter={"type": "trade_union", "name_unknown": True})])
    project, errors = collect(root)
    assert errors == []
    return project


def page(project, case_id: str, lang: str) -> str:
    case = next(c for c in project.data.cases if c.id == case_id)
    return render_case_page(case, project.words, lang)


def facts(html: str) -> dict[str, str]:
    return {markup.unescape(k): markup.unescape(v)
            for k, v in re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', html)}


def timeline(html: str) -> list[str]:
    return re.findall(r"<li><strong>.*?</strong>: (.*?)</li>", html)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unreported_case_leaves_every_unknown_out(project, lang):
    html = page(project, "kr0101", lang)
    ui = lambda key: project.words.ui(key, lang)
    shown = facts(html)
    for row in ("case.sector", "case.home_country", "case.host_country", "case.edition", "case.outcome"):
        assert ui(row) not in shown, row
    assert shown[ui("case.enterprise")] == "GM Korea" and shown[ui("case.lead_ncp")]
    assert shown[ui("case.status")] == project.words.label("status_not_reported", lang), "the lead NCP keeps it"
    assert timeline(html) == [] and ui("case.timeline") not in html and ui("case.chapters") not in html
    for misleading in ("value.not_yet", "value.ongoing"):
        assert ui(misleading) not in html
    shown_text = re.sub(r'<div class="ncp-register-data".*?</div>', "", html, flags=re.DOTALL)
    assert "not_reported" not in shown_text, "codes appear only in what the page gives Pagefind"


@pytest.mark.parametrize("lang", LANGS)
def test_a_stage_a_closed_case_never_reached_is_not_reached(project, lang):
    ui = lambda key: project.words.ui(key, lang)
    stages = timeline(page(project, "kz0103", lang))
    assert len(stages) == 3, "the conclusion, on a day not known, is left out"
    assert [stages[1], stages[2]] == [ui("value.not_reached")] * 2
    assert "<time" in stages[0]
    assert ui("value.not_yet") not in " ".join(stages)


@pytest.mark.parametrize("lang", LANGS)
def test_an_open_case_still_says_not_yet(project, lang):
    stages = timeline(page(project, "kz0104", lang))
    assert stages[1:] == [project.words.ui("value.not_yet", lang)] * 3


def test_the_chapter_number_follows_each_language_word_order(project):
    chapters = {lang: facts(page(project, "kz0104", lang))[project.words.ui("case.chapters", lang)] for lang in LANGS}
    lines = {lang: [line.split(". ")[0] for line in cell.split("<br>")] for lang, cell in chapters.items()}
    assert lines == {"kk": ["IV тарау", "V тарау"], "ru": ["Глава IV", "Глава V"], "en": ["Chapter IV", "Chapter V"]}


@pytest.mark.parametrize("lang", LANGS)
def test_stage_labels_are_capitalised_where_they_head_a_line_or_column(project, lang):
    labels = re.findall(r"<li><strong>(.*?)</strong>", page(project, "kz0104", lang))
    assert len(labels) == len(STAGES) and all(label[:1].isupper() for label in labels)
    register = render_register(project.data.cases, project.words, lang, "closed")
    headers = re.findall(r'<th scope="col">(.*?)</th>', register)
    stage_headers = [h for h in headers if h.lower() in (project.words.label(f"stage_{s}", lang).lower() for s in STAGES)]
    assert len(stage_headers) == 2 and all(h[:1].isupper() for h in stage_headers)


def test_the_register_leaves_an_unknown_date_empty(project):
    for lang in LANGS:
        register = render_register(project.data.cases, project.words, lang, "supporting")
        row = re.search(r'<tr>\n<th scope="row"><a href="kr0101/">.*?</tr>', without_labels(register), re.DOTALL).group(0)
        status = project.words.label("status_not_reported", lang)
        assert row.endswith(f"<td></td>\n<td>{status}</td>\n</tr>"), row  # the submission date, then the status


@pytest.mark.parametrize("lang", LANGS)
def test_a_submitter_whose_name_is_not_known_is_shown_by_type_alone(project, lang):
    """Nothing is narrated as missing: the row gives the submitter's type, as for any other case, and no name."""
    cell = facts(page(project, "kz0105", lang))[markup.unescape(project.words.ui("case.submitter", lang))]
    assert cell == markup.unescape(project.words.label("submitter_trade_union", lang))
