"""Peer review follow-up: each mistake is located; progress is computed from the statuses; the tracker
shows every finding with its recommendation, the NCP's response and its status, in every language."""

from __future__ import annotations

import html
import re

import pytest
from builders import (
    check_unchanged,
    collect,
    concept,
    dedent,
    line_of,
    make_project,
    problem_at,
    vocabulary_ids,
    write_texts,
)
from conftest import REPO

from ncp_site.core.kind import PageContext
from ncp_site.kinds.peer_review import pages as review_pages
from ncp_site.kinds.peer_review.model import AREAS, STATUSES

PLAN = dedent("""
    id: plan-2030
    title:
      kk: 2030 жылғы жоспар
      ru: План на 2030 год
      en: Plan for 2030
    year: 2030
    categories:
      - category: regulatory_support
        activities:
          - id: p30-procedures
            title:
              kk: Рәсімдер
              ru: Процедуры
              en: Procedures
            status: planned
""")

FINDING = """
  - id: "{id}"
    area: {area}
    topic:
      kk: Тақырып {id}
      ru: Тема {id}
      en: Topic {id}
    finding:
      kk: Тұжырым {id}.
      ru: Вывод {id}.
      en: Finding {id}.
    recommendation:
      kk: Ұсыным {id}.
      ru: Рекомендация {id}.
      en: Recommendation {id}.
    response:
      kk: Жауап {id}.
      ru: Ответ {id}.
      en: Response {id}.
    status: {status}
    status_date: 2030-06-01
    status_source:
      kk: Есеп
      ru: Отчёт
      en: Annual report"""

HEAD = dedent("""
    id: review-2030
    title:
      kk: Бағалау
      ru: Оценка
      en: Review
    reviewers:
      kk: Топ
      ru: Группа
      en: Team
    mission:
      start: 2029-10-01
      end: 2029-10-03
    declassified: 2030-04-01
    url: https://example.org/review
    findings:""")


def review(*findings: tuple[str, str, str], extra: str = "") -> str:
    return HEAD + "".join(FINDING.format(id=i, area=a, status=s) for i, a, s in findings) + extra + "\n"


VALID = review(("1.1", "institutional_arrangements", "implemented"), ("1.2", "institutional_arrangements", "in_progress"),
               ("3.1", "specific_instances", "not_reported")).replace(
    "status: implemented", "status: implemented\n    evidence: https://example.org/order", 1).replace(
    'status: in_progress', 'status: in_progress\n    related_activities: [p30-procedures]', 1)


def project(tmp_path, text: str):
    have = set(vocabulary_ids())
    needed = [f"review_status_{s}" for s in STATUSES] + ["plan_category_regulatory_support", "activity_planned"]
    make_project(tmp_path, glossary_extra=[concept(cid, "review_status" if cid.startswith("review") else "general")
                                           for cid in needed if cid not in have])
    write_texts(tmp_path / "data" / "action-plans", {"plan-2030.yml": PLAN})
    return write_texts(tmp_path / "data" / "peer-reviews", {"review-2030.yml": text})


def test_progress_is_implemented_of_all_by_area(tmp_path):
    project(tmp_path, VALID)
    site, errors = collect(tmp_path)
    assert errors == []
    (rev,) = site.data.peer_review
    overall = rev.progress()
    assert (overall.implemented, overall.total, overall.percent) == (1, 3, 100 / 3)
    assert overall.by_status == {"not_reported": 1, "not_implemented": 0, "in_progress": 1,
                                 "partially_implemented": 0, "implemented": 1}
    assert rev.progress("institutional_arrangements").percent == 50
    assert [area for area, _ in rev.by_area()] == ["institutional_arrangements", "specific_instances"]


def test_tracker_shows_every_finding_with_its_status_and_changes_with_the_data(tmp_path):
    folder = project(tmp_path, VALID)
    site, _ = collect(tmp_path)
    md = review_pages.render_tracker(site, PageContext("en", "en/peer-review/"))
    for number in ("1.1", "1.2", "3.1"):
        anchor = "recommendation-" + number.replace(".", "-")
        block = md[md.index(f'id="{anchor}"'):]
        block = block[:block.index("</details>")]
        assert f"<h3>{number}. Topic {number}</h3>" in html.unescape(block)  # the id is escaped for Markdown too
        assert f"Recommendation {number}." in block and f"Response {number}." in block
    label = site.data.glossary.label("review_status_implemented", "en")
    assert (f"<strong>{label[:1].upper() + label[1:]}</strong>, as of <time datetime=\"2030-06-01\">June 1, 2030</time>. "
            "Source: Annual report") in md
    assert '<a href="https://example.org/order">Evidence</a>' in md
    assert '<a href="../../en/action-plans/plan-2030/#p30-procedures">Procedures</a> (Plan for 2030)' in md
    assert "1 of 3 recommendations implemented." in md
    assert '<progress class="ncp-review-progress" max="3" value="1"' in md

    (folder / "review-2030.yml").write_text(VALID.replace("status: in_progress", "status: implemented\n    "
                                                          "evidence: https://example.org/b"), encoding="utf-8")
    site, errors = collect(tmp_path)
    assert errors == []
    md = review_pages.render_tracker(site, PageContext("ru", "ru/peer-review/"))
    assert "Выполнено рекомендаций: 2 из 3." in md


BROKEN = [
    ("implemented without evidence", "    evidence: https://example.org/order\n", "", "status: implemented",
     "findings[0].status", "needs evidence"),
    ("status without a response", "      en: Response 1.2.\n", "", ('id: "1.2"', "response:"), "findings[1].response (en)",
     "text is missing"),
    ("unknown activity", "related_activities: [p30-procedures]", "related_activities: [p30-nothing]",
     "related_activities:", "findings[1].related_activities[0]", "there is no action plan activity 'p30-nothing'"),
    ("unknown status", "status: not_reported", "status: unknown", "status: unknown", "findings[2].status",
     "'unknown' is not allowed"),
    ("unknown area", "area: specific_instances", "area: procedures", "area: procedures", "findings[2].area",
     "'procedures' is not allowed"),
    ("bad number", 'id: "3.1"', 'id: "three"', 'id: "three"', "findings[2].id",
     "'three' is not written as this field is -- write the recommendation's number: two numbers joined by a dot"),
    ("duplicate number", 'id: "3.1"', 'id: "1.1"', ("Response 1.2.", 'id: "1.1"'), "findings[2].id",
     "'1.1' is already a finding of this review"),
    ("mission ends before it starts", "end: 2029-10-03", "end: 2029-09-30", "end:", "mission.end", "is before start"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    text = VALID.replace(old, new, 1)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "peer-reviews/review-2030.yml", text, fragment, field)


def test_a_status_other_than_not_reported_needs_the_response(tmp_path, capsys):
    text = re.sub(r"    response:\n(?:      .*\n){3}", "", VALID, count=2)
    folder = project(tmp_path, text)
    status, out = check_unchanged(tmp_path, capsys, folder)
    assert status == 1
    assert f"review-2030.yml:{line_of(text, 'status: implemented')}: findings[0].status: status implemented needs " \
           "the NCP's response" in out, out


# --- the real site ----------------------------------------------------------------------

TABLES = ("1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "4.1")
"""The rows of Tables 1.1 to 1.4 of the 2024 peer review."""


def test_the_2024_review_has_every_row_of_tables_1_1_to_1_4():
    project, errors = collect(REPO)
    assert errors == []
    review = next(r for r in project.data.peer_review if r.id == "peer-review-2024")
    assert [f.id for f in sorted(review.findings, key=lambda f: f.sort_key)] == list(TABLES)
    assert {f.area for f in review.findings} == set(AREAS)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_tracker_shows_every_finding_of_the_newest_review_with_recommendation_and_status(site, lang, project_root):
    project, _ = collect(project_root)
    html = site.html(lang, "peer-review/").replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')
    review = project.data.peer_review[0]  # the newest: the page follows it up (a new review's record too)
    for f in review.findings:
        start = html.index(f'<details class="ncp-review-finding ncp-section" id="{f.anchor}">')
        block = html[start:html.index("</details>", start)]
        label = project.data.glossary.label(f"review_status_{f.status}", lang)
        assert f"<strong>{label[:1].upper() + label[1:]}</strong>" in block, (f.id, lang)
        for text in (f.recommendation, f.finding):
            assert text[lang].split("\n")[0] in block, (f.id, lang)
    overall = review.progress()
    assert f'max="{overall.total}" value="{overall.implemented}"' in html
