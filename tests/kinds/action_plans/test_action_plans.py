"""Action plans: each kind of mistake is reported at its place; progress follows the statuses; pages render."""

from __future__ import annotations

import pytest
from builders import (
    check_unchanged,
    collect,
    concept,
    dedent,
    line_of,
    load_kind,
    make_project,
    problem_at,
    vocabulary_ids,
    without_labels,
    write_texts,
)

from ncp_site.core.vocabulary import StakeholderGroup
from ncp_site.kinds.action_plans import pages as action_plans
from ncp_site.kinds.action_plans.model import CATEGORIES, STATUSES

PLAN_IDS = ([f"plan_category_{c}" for c in CATEGORIES]
            + [f"activity_{s}" for s in STATUSES]
            + [f"group_{g}" for g in StakeholderGroup.__args__] + ["ncp_secretariat"])

VALID = dedent("""
    id: plan-2030
    title:
      kk: 2030 жылғы жоспар
      ru: План на 2030 год
      en: Plan for 2030
    year: 2030
    categories:
      - category: promotion
        activities:
          - id: p30-seminar
            title:
              kk: Семинар
              ru: Семинар
              en: A seminar
            deadline: 2030-06-30
            responsible: [ncp_secretariat]
            target_groups: [business, trade_unions]
            status: done
            status_date: 2030-07-01
            evidence: https://example.org/seminar
          - id: p30-webinar
            title:
              kk: Вебинар
              ru: Вебинар
              en: A webinar
            status: planned
      - category: specific_instances
        activities:
          - id: p30-minutes
            title:
              kk: Хаттамалар
              ru: Протоколы
              en: Minutes
            status: dropped
            status_date: 2030-03-01
""")


def extra_concepts() -> list[dict]:
    """The concepts a plan needs that the shared test glossary may not have yet."""
    have = set(vocabulary_ids())
    return [concept(cid) for cid in PLAN_IDS if cid not in have]


def project(tmp_path, files: dict[str, str]):
    make_project(tmp_path, glossary_extra=extra_concepts())
    return write_texts(tmp_path / "data" / "action-plans", files)


def check(tmp_path, capsys, files: dict[str, str]) -> tuple[int, str]:
    return check_unchanged(tmp_path, capsys, project(tmp_path, files))


def load(tmp_path):
    glossary, errors = load_kind(tmp_path, "glossary")
    assert errors == []
    return load_kind(tmp_path, "action_plans")


def test_valid_plan_loads(tmp_path):
    project(tmp_path, {"plan-2030.yml": VALID})
    (plan,), errors = load(tmp_path)
    assert errors == []
    assert [a.id for a in plan.activities] == ["p30-seminar", "p30-webinar", "p30-minutes"]
    assert plan.activities[0].responsible[0].concept == "ncp_secretariat"


A1 = "categories[0].activities[0]"
BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, lang, words in the message)
    ("bad date", "deadline: 2030-06-30", "deadline: 2030-06-31", "deadline:", f"{A1}.deadline", None,
     "'2030-06-31' is not a real date"),
    ("unknown status", "status: planned", "status: finished", "status: finished", "categories[0].activities[1].status",
     None, "'finished' is not allowed"),
    ("unknown stakeholder group", "[business, trade_unions]", "[business, workers]", "target_groups:",
     f"{A1}.target_groups[1]", None, "'workers' is not allowed"),
    ("unknown category", "category: promotion", "category: outreach", "category: outreach", "categories[0].category",
     None, "'outreach' is not allowed"),
    ("missing language", "          ru: Семинар\n", "", ("p30-seminar", "title:"), f"{A1}.title", "ru",
     "text is missing"),
    ("done without evidence", "        evidence: https://example.org/seminar\n", "", "status: done",
     f"{A1}.evidence", None, "needs evidence"),
    ("broken evidence path", "evidence: https://example.org/seminar", "evidence: files/seminar.pdf", "evidence:",
     f"{A1}.evidence", None, "'files/seminar.pdf' does not exist under docs/"),
    ("status without date", "        status_date: 2030-03-01\n", "", "status: dropped",
     "categories[1].activities[0].status_date", None, "needs the date"),
    ("carried over nowhere", "status: dropped", "status: carried_over", "status: carried_over",
     "categories[1].activities[0].carried_over_to", None, "must say where it went"),
    ("period end before start", "year: 2030", "period:\n  start: 2030-01-01\n  end: 2029-12-31", "end:",
     "period.end", None, "is before start"),
    ("unknown responsible body", "responsible: [ncp_secretariat]", "responsible: [ncp_secretary]", "responsible:",
     f"{A1}.responsible[0]", None, "no concept 'ncp_secretary'"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, {"plan-2030.yml": text})
    assert words in problem_at(tmp_path, capsys, "action-plans/plan-2030.yml", text, fragment, field, lang)


def test_duplicate_activity_id_across_plans_names_the_first(tmp_path, capsys):
    other = VALID.replace("2030", "2031").replace("p30-webinar", "p31-webinar").replace("p30-minutes", "p31-minutes")
    status, out = check(tmp_path, capsys, {"plan-2030.yml": VALID, "plan-2031.yml": other})
    first = line_of(VALID, "id: p30-seminar")
    assert status == 1
    assert (f"data/action-plans/plan-2031.yml:{line_of(other, 'id: p30-seminar')}: {A1}.id: "
            f"'p30-seminar' is already an activity id (data/action-plans/plan-2030.yml:{first})") in out, out


CARRY = "status: carried_over\n        status_date: 2030-12-31\n        carried_over_to: {}"


@pytest.mark.parametrize("target, words", [("plan-2099/p31-webinar", "there is no plan 'plan-2099'"),
                                           ("plan-2031/p31-nothing", "plan 'plan-2031' has no activity 'p31-nothing'"),
                                           ("plan-2030/p30-seminar", "points to its own plan")])
def test_carried_over_must_name_an_existing_plan_and_activity(tmp_path, capsys, target, words):
    text = VALID.replace("status: planned", CARRY.format(target))
    later = VALID.replace("2030", "2031").replace("p30-", "p31-")
    status, out = check(tmp_path, capsys, {"plan-2030.yml": text, "plan-2031.yml": later})
    expected = (f"data/action-plans/plan-2030.yml:{line_of(text, 'carried_over_to:')}: "
                f"categories[0].activities[1].carried_over_to: {words}")
    assert status == 1 and expected in out, out


def test_file_name_must_match_id(tmp_path, capsys):
    status, out = check(tmp_path, capsys, {"plan-2040.yml": VALID})
    assert "data/action-plans/plan-2040.yml:1: id: 'plan-2030' differs from the file name" in out


# --- progress ------------------------------------------------------------------------------

def test_progress_counts_done_of_counted_without_dropped(tmp_path):
    project(tmp_path, {"plan-2030.yml": VALID})
    (plan,), _ = load(tmp_path)
    overall = plan.progress()
    assert (overall.done, overall.counted) == (1, 2)  # seminar done, webinar planned, minutes dropped
    assert overall.percent == 50
    promotion, instances = plan.progress("promotion"), plan.progress("specific_instances")
    assert (promotion.done, promotion.counted) == (1, 2)
    assert (instances.done, instances.counted, instances.percent) == (0, 0, None)


def test_changing_one_status_changes_the_figures(tmp_path):
    folder = project(tmp_path, {"plan-2030.yml": VALID})
    site, errors = collect(tmp_path)
    assert errors == []
    before = without_labels(action_plans.render_plan_list(site.data.action_plans, site.words, "en"))
    assert "<td>1 / 2 (50%)</td>" in before

    text = VALID.replace("status: planned",
                         "status: done\n        status_date: 2030-08-01\n        evidence: https://example.org/w")
    (folder / "plan-2030.yml").write_text(text, encoding="utf-8")
    site, errors = collect(tmp_path)
    assert errors == []
    (plan,) = site.data.action_plans
    assert (plan.progress().done, plan.progress().counted) == (2, 2)
    assert "<td>2 / 2 (100%)</td>" in without_labels(action_plans.render_plan_list(site.data.action_plans, site.words, "en"))
    page = without_labels(action_plans.render_plan_page(plan, site.data.action_plans, site.words, "en", site.data.abbreviations))
    assert '<tr class="ncp-total"><th scope="row">Overall</th><td>2</td><td>2</td><td>100%</td>' in page


def test_carried_over_item_counts_as_not_done_and_links_both_ways(tmp_path):
    text = VALID.replace("status: planned", CARRY.format("plan-2031/p31-webinar"))
    later = VALID.replace("2030", "2031").replace("p30-", "p31-")
    project(tmp_path, {"plan-2030.yml": text, "plan-2031.yml": later})
    site, errors = collect(tmp_path)
    assert errors == []
    plans = {p.id: p for p in site.data.action_plans}
    progress = plans["plan-2030"].progress()
    assert (progress.done, progress.counted, progress.by_status["carried_over"]) == (1, 2, 1)
    old = action_plans.render_plan_page(plans["plan-2030"], site.data.action_plans, site.words, "en", site.data.abbreviations)
    new = action_plans.render_plan_page(plans["plan-2031"], site.data.action_plans, site.words, "en", site.data.abbreviations)
    assert 'Continued in: <a href="../plan-2031/#p31-webinar">Plan for 2031</a>' in old
    assert 'Carried over from: <a href="../plan-2030/#p30-webinar">Plan for 2030</a>' in new


# --- the real site ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_built_plan_pages_show_the_computed_progress(site, lang, project_root):
    glossary, _ = load_kind(project_root, "glossary")
    plans, errors = load_kind(project_root, "action_plans")
    assert plans and errors == []
    listing = site.html(lang, "action-plans/")
    for plan in plans:
        assert f'<a href="{plan.id}/">{plan.title[lang]}</a>' in listing
        page = without_labels(site.html(lang, f"action-plans/{plan.id}/"))
        overall = plan.progress()
        assert f"<td>{overall.done}</td><td>{overall.counted}</td>" in page
        assert all(f'<tr id="{a.id}">' in page for a in plan.activities)
        assert glossary.label(f"plan_category_{plan.categories[0].category}", lang)[1:] in page
        assert f'<html lang="{lang}"' in page


def test_the_progress_chart_says_the_tables_done_column_in_text(tmp_path):
    import re

    from builders import LANGS

    project(tmp_path, {"plan-2030.yml": VALID})
    site, errors = collect(tmp_path)
    assert errors == []
    (plan,) = site.data.action_plans
    for lang in LANGS:
        page = action_plans.render_plan_page(plan, site.data.action_plans, site.words, lang, site.data.abbreviations)
        table = page[page.index('<table class="ncp-progress'):]
        table = table[:table.index("</table>")]
        done = re.findall(r'</a></th><td[^>]*>([^<]*)</td>', table)
        chart = page[page.index('<figure class="ncp-chart" id="plan-progress-chart"'):]
        chart = chart[:chart.index("</figure>")]
        assert re.search(r"<figcaption[^>]*>[^<]+</figcaption>", chart)
        values = re.findall(r'class="ncp-chart__value">([^<]*)</span>', chart)
        labels = re.findall(r'class="ncp-chart__label">([^<]*)</span>', chart)
        assert done and values == done and len(labels) == len(values) and all(labels)
