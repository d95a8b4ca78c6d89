"""Statistics are computed from the records: checked on data built here, with expected values
worked out independently of the code under test."""

from __future__ import annotations

import datetime as dt
import random
import re

from builders import (
    LANGS,
    REPO,
    LANGUAGES,
    case_record,
    chart_pairs,
    collect,
    concept,
    glossary_data,
    make_project,
    write_yaml,
)

from ncp_site.kinds.cases.model import SpecificInstance
from ncp_site.kinds.cases.pages import render_statistics
from ncp_site.kinds.cases.stats import case_statistics

ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
GUIDELINES_2023 = dt.date(2023, 6, 8)  # the day the 2023 edition was adopted


def closed(case_id, submitted, concluded, **changes):
    return case_record(case_id, status="not_accepted", outcome="not_accepted",
                       dates__submission=submitted, dates__conclusion=concluded,
                       dates__initial_assessment="not_reported", dates__follow_up="not_reached", **changes)


def validated(records):
    return [SpecificInstance.model_validate(r, context=LANGUAGES) for r in records]


def test_small_register():
    records = [
        closed("kz0001", "2021-06-10", "2021-10-26", chapters=["VIII"], submitter={"type": "individual", "withheld": True}),
        closed("kz0002", "2021-12-06", "2022-09-23", chapters=["IV", "VII", "XI"]),
        case_record("kz0003", chapters=["IV", "V"], enterprise__sector="K",
                    submitter={"type": "trade_union", "organisation": "example-union"}, dates__submission="2023-08-01"),
        # Supporting another NCP: never counted in the lead-NCP figures.
        case_record("kr0001", ncp_role="supporting", lead_ncp="KR", supporting_ncps=["KZ"], chapters=["IV"]),
    ]
    stats = case_statistics(validated(records))
    assert stats.total == 3
    assert stats.by_chapter == {"IV": {2011: 1, 2023: 1}, "V": {2023: 1}, "VII": {2011: 1}, "VIII": {2011: 1},
                                "XI": {2011: 1}}
    assert stats.by_submitter_type == {"individual": 2, "trade_union": 1}
    assert stats.by_sector == {"C": 2, "K": 1}
    assert stats.sector_not_reported == 0
    assert stats.by_year == {2021: 2, 2023: 1}
    assert stats.by_status == {"not_accepted": 2, "under_initial_assessment": 1}
    assert stats.closed == 2
    assert stats.mean_days == (138 + 291) / 2
    assert stats.median_days == (138 + 291) / 2


def test_random_registers_match_a_direct_count():
    rng = random.Random(7)
    for _ in range(20):
        records, expected_chapters, durations = [], {}, []
        for n in range(rng.randint(1, 12)):
            chapters = rng.sample(ROMANS, rng.randint(1, 4))
            start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1800))
            edition = 2023 if start >= GUIDELINES_2023 else 2011
            for ch in chapters:
                expected_chapters.setdefault(ch, {}).setdefault(edition, 0)
                expected_chapters[ch][edition] += 1
            if rng.random() < 0.5:
                days = rng.randint(0, 400)
                durations.append(days)
                records.append(closed(f"kz{n:04d}", start.isoformat(), (start + dt.timedelta(days=days)).isoformat(),
                                      chapters=chapters))
            else:
                records.append(case_record(f"kz{n:04d}", chapters=chapters, dates__submission=start.isoformat()))
        stats = case_statistics(validated(records))
        assert stats.by_chapter == {ch: dict(sorted(expected_chapters[ch].items()))
                                    for ch in ROMANS if ch in expected_chapters}
        assert stats.closed == len(durations)
        if durations:
            ordered = sorted(durations)
            middle = len(ordered) // 2
            median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
            assert abs(stats.mean_days - sum(durations) / len(durations)) < 1e-9
            assert stats.median_days == median
        else:
            assert stats.mean_days is None and stats.median_days is None


def test_a_chapter_raised_twice_in_one_case_counts_once():
    stats = case_statistics(validated([case_record(chapters=["IV", "IV"])]))
    assert stats.by_chapter == {"IV": {2011: 1}}


def test_an_unreported_sector_is_counted_apart_never_as_a_sector():
    stats = case_statistics(validated([case_record("kz0101", enterprise__sector="not_reported"),
                                       case_record("kz0102", enterprise__sector="C")]))
    assert stats.by_sector == {"C": 1}
    assert stats.sector_not_reported == 1


# --- rendered: the title of the edition each case falls under -----------------------------------

def same_title_in_both_editions(roman: str) -> list[dict]:
    """Chapter ``roman`` titled alike in 2011 and 2023 (the builders' glossary titles every chapter apart)."""
    return [concept(f"chapter_{roman.lower()}_{edition}", "chapter",
                    **{lang: {"preferred": f"Same title {roman} ({lang})", "status": "draft"} for lang in LANGS})
            for edition in (2011, 2023)]


def statistics_project(tmp_path, records):
    make_project(tmp_path, records)
    glossary = glossary_data()
    alike = {c["id"]: c for c in same_title_in_both_editions("IV")}
    glossary["concepts"] = [alike.get(c["id"], c) for c in glossary["concepts"]]
    write_yaml(tmp_path / "data" / "glossary.yml", glossary)
    project, errors = collect(tmp_path)
    assert errors == []
    return project


def chapter_rows(html: str) -> dict[str, str]:
    """Row label -> count, in the chapter table."""
    table = html[html.index('id="stats-by-chapter"'):]
    table = table[:table.index("</table>")]
    return dict(re.findall(r'<tr><th scope="row">(.*?)</th><td>([\d,\s]+)</td></tr>', table))


def test_statistics_title_each_chapter_by_the_edition_its_cases_fall_under(tmp_path):
    project = statistics_project(tmp_path, [
        closed("kz0001", "2021-12-06", "2022-09-23", chapters=["IV", "VII", "XI"]),   # 2011 edition
        case_record("kz0002", chapters=["IV", "VII"], dates__submission="2023-08-01"),  # 2023 edition
        case_record("kz0003", chapters=["IV"], dates__submission="2023-06-07"),  # the day before: 2011
    ])
    rows = chapter_rows(render_statistics(project.data.cases, project.words, "en"))
    # VII in both editions, titled differently: both titles, each with its edition and count.
    assert rows["chapter vii 2011 en, 2011 edition: 1; chapter vii 2023 en, 2023 edition: 1 (Chapter VII)"] == "2"
    # XI only under 2011: the 2011 title, named as such, never the 2023 one.
    assert rows["chapter xi 2011 en, 2011 edition (Chapter XI)"] == "1"
    # IV is titled alike in both editions: one title, no edition.
    assert rows["Same title IV (en) (Chapter IV)"] == "3"
    assert not any("chapter xi 2023" in label for label in rows)


def test_the_chapter_number_follows_each_language_word_order(tmp_path):
    project = statistics_project(tmp_path, [case_record("kz0001", chapters=["IV"])])
    labels = {lang: list(chapter_rows(render_statistics(project.data.cases, project.words, lang))) for lang in LANGS}
    assert labels == {"kk": ["Same title IV (kk) (IV тарау)"], "ru": ["Same title IV (ru) (глава IV)"],
                      "en": ["Same title IV (en) (Chapter IV)"]}


def test_an_unreported_sector_is_shown_apart_in_every_language(tmp_path):
    project = statistics_project(tmp_path, [case_record("kz0001", enterprise__sector="not_reported"),
                                            case_record("kz0002", enterprise__sector="C")])
    for lang in LANGS:
        html = render_statistics(project.data.cases, project.words, lang)
        table = html[html.index('id="stats-by-sector"'):]
        table = table[:table.index("</table>")]
        body, foot = table.split("<tfoot>")
        no_sector = project.words.ui("stats.no_sector", lang)
        assert no_sector not in body and "not_reported" not in body
        assert f'<th scope="row">{no_sector}</th><td>1</td>' in foot


# --- charts: the table's numbers as text, like quantities only ----------------------------------


def test_every_chart_says_the_tables_labels_and_numbers_in_text(tmp_path):
    project = statistics_project(tmp_path, [
        closed("kz0001", "2021-06-10", "2021-10-26", chapters=["VIII"]),
        closed("kz0002", "2021-12-06", "2022-09-23", chapters=["IV", "VII"], enterprise__sector="not_reported"),
        case_record("kz0003", chapters=["IV", "V"], enterprise__sector="K", dates__submission="2023-08-01"),
    ])
    for lang in LANGS:
        pairs = chart_pairs(render_statistics(project.data.cases, project.words, lang))
        assert len(pairs) == 6, lang  # chapter, sector, submitter, status, outcome, year
        for pair in pairs:
            assert pair["figure"]["id"].endswith("-chart") and pair["title"]
            assert pair["values"] == pair["table"], (lang, pair["figure"]["id"])
            assert len(pair["labels"]) == len(pair["values"]) and all(pair["labels"])
            assert all(bar["svg"]["aria-hidden"] == "true" for bar in pair["bars"])
            widths = [float(bar["rect"]["width"].rstrip("%")) for bar in pair["bars"]]
            assert max(widths) == 100.0 and all(0 <= w <= 100 for w in widths)


def test_the_mean_and_the_median_are_numbers_not_bars(tmp_path):
    """Unlike quantities are not compared by bars: the duration table has no chart."""
    records = [closed(f"kz{i:04d}", "2021-01-10", "2024-12-20", chapters=["IV"]) for i in range(1, 3)]
    html = render_statistics(statistics_project(tmp_path, records).data.cases, statistics_project(tmp_path, records).words, "en")
    duration = html[html.index('id="stats-duration"'):]
    assert "ncp-chart" not in duration and "1,440" in duration


def test_numbers_are_written_in_the_pages_language(tmp_path):
    import re

    records = [closed(f"kz{i:04d}", "2021-01-10", "2024-12-20", chapters=["IV"]) for i in range(1, 3)]
    project = statistics_project(tmp_path, records)
    durations = {}
    for lang in LANGS:
        html = render_statistics(project.data.cases, project.words, lang)
        table = html[html.index('id="stats-duration"'):]
        durations[lang] = re.findall(r"<td>([^<]*)</td>", table[:table.index("</table>")])[1:]
    assert durations["en"] == ["1,440", "1,440"]
    assert durations["ru"] == durations["kk"] != durations["en"]


# --- the real data: the peer review's figures, from the records it covered ------------------------

PEER_REVIEW_MISSION = dt.date(2023, 10, 24)
"""The OECD peer review's on-site mission (24-26 October 2023); its Annex D covers the specific
instances submitted up to then, with their conclusions as of then."""


def test_the_cases_the_peer_review_covered_give_its_figures():
    """Annex D of the 2024 peer review, from the records it covered: a case the NCP receives later, or a
    later conclusion, changes the site's figures and not these."""
    project, errors = collect(REPO)
    assert errors == []
    covered = [c for c in project.data.cases if c.is_lead and (c.date_of("submission") or dt.date.max) < PEER_REVIEW_MISSION]
    stats = case_statistics(covered)
    chapters = {roman: sum(per_edition.values()) for roman, per_edition in stats.by_chapter.items()}
    assert stats.total == 7  # "seven specific instances" (the review, lines 146, 732, 978)
    assert (chapters["IV"], chapters["II"], chapters["V"], chapters["VIII"]) == (5, 3, 3, 3)
    assert (stats.by_submitter_type["individual"], stats.by_submitter_type["trade_union"]) == (4, 3)
    concluded = [c.duration_days for c in covered if c.date_of("conclusion") and c.date_of("conclusion") < PEER_REVIEW_MISSION]
    assert round(sum(concluded) / len(concluded)) == 188
