"""Events: each kind of mistake is located; upcoming/past follow the build date; statistics keep ranges
honest; every language's calendar parses back with the same UIDs."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import icalendar
import pytest
from builders import (
    LANGS,
    LANGUAGES,
    chart_pairs,
    check_unchanged,
    collect,
    dedent,
    line_of,
    load_kind,
    make_project,
    problem_at,
    without_labels,
    write_texts,
)
from conftest import REPO
from markupsafe import escape

from ncp_site.core.formats import build_today, format_date
from ncp_site.kinds.events import calendar
from ncp_site.kinds.events import model as events
from ncp_site.kinds.events import pages as event_pages
from ncp_site.kinds.events import stats as event_stats

SEPTEMBER_2022 = "1661990400"  # 1 September 2022, 00:00 UTC

VALID = dedent("""
    events:
      - id: 2030-03-seminar
        title:
          kk: Бизнеске арналған семинар
          ru: Семинар для бизнеса
          en: Seminar for business
        start: 2030-03-10
        location: Astana
        format: in_person
        ncp_role: organised
        audience: 10-50
        target_audience:
          kk: Кәсіпорындар
          ru: Предприятия
          en: Enterprises
        stakeholder_groups: [business, trade_unions]
        chapters: [IV]
        topics:
          - kk: тиісті мұқияттылық
            ru: должная осмотрительность
            en: due diligence
        materials:
          - title:
              kk: Слайдтар
              ru: Слайды
              en: Slides
            documents:
              en: https://example.org/slides
      - id: 2030-05-webinar
        title:
          kk: Вебинар
          ru: Вебинар
          en: Webinar
        start: 2030-05-20 10:00
        end: 2030-05-20 12:00
        format: online
        ncp_role: co_organised
        audience: 25
        stakeholder_groups: [academia]
      - id: 2030-12-forum
        title:
          kk: Форум
          ru: Форум
          en: Forum
        start: 2030-12-30
        end: 2031-01-02
        location:
          kk: Алматы
          ru: Алматы
          en: Almaty
        format: hybrid
        ncp_role: participated
        organisers: [undp]
        audience: "<10"
        stakeholder_groups: [business, international_organisations]
""")

LATER = dedent("""
    events:
      - id: 2031-06-meeting
        title:
          kk: Кездесу
          ru: Встреча
          en: Meeting
        start: 2031-06
        ncp_role: organised
        audience: 50+
        stakeholder_groups: [civil_society]
      - id: 2031-07-roundtable
        title:
          kk: Дөңгелек үстел
          ru: Круглый стол
          en: Round table
        start: 2031-07-01
        format: online
        ncp_role: organised
        stakeholder_groups: [trade_unions]
""")


def project(tmp_path, files: dict[str, str]):
    make_project(tmp_path)
    return write_texts(tmp_path / "data" / "events", files)


def check(tmp_path, capsys, files: dict[str, str]) -> tuple[int, str]:
    return check_unchanged(tmp_path, capsys, project(tmp_path, files))


def load(tmp_path, files: dict[str, str]):
    project(tmp_path, files)
    loaded, errors = load_kind(tmp_path, "events")
    assert errors == []
    return {e.id: e for e in loaded}


def test_valid_events_load(tmp_path):
    loaded = load(tmp_path, {"2030.yml": VALID})
    seminar, webinar, forum = loaded["2030-03-seminar"], loaded["2030-05-webinar"], loaded["2030-12-forum"]
    assert seminar.start.day == dt.date(2030, 3, 10) and seminar.end is None
    assert seminar.location["ru"] == "Astana" and [o.id for o in forum.organisers] == ["undp"]
    assert (seminar.audience.text, seminar.audience.low, seminar.audience.high) == ("10-50", 10, 50)
    assert webinar.start.time == dt.time(10, 0) and webinar.end.time == dt.time(12, 0)
    assert (forum.audience.low, forum.audience.high) == (1, 9)  # "<10": at least one person, at most nine
    assert forum.last_day == dt.date(2031, 1, 2)


A0 = "events[0]"
BROKEN = [
    # (what is wrong, replace this, with this, line fragment, field, lang, words in the message)
    ("bad date", "start: 2030-03-10", "start: 2030-02-30", "start: 2030-02-30", f"{A0}.start", None,
     "'2030-02-30' is not a real date"),
    ("not a date", "start: 2030-03-10", "start: next spring", "start: next spring", f"{A0}.start", None,
     "'next spring' is not a date"),
    ("end before start", "end: 2031-01-02", "end: 2030-12-29", "end: 2030-12-29", "events[2].end", None,
     "end (2030-12-29) is before start (2030-12-30)"),
    ("end time before start time", "end: 2030-05-20 12:00", "end: 2030-05-20 09:00", "end: 2030-05-20 09:00",
     "events[1].end", None, "is before start"),
    ("day and time mixed", "end: 2030-05-20 12:00", "end: 2030-05-21", "end: 2030-05-21", "events[1].end", None,
     "is a day but start (2030-05-20 10:00) is a time"),
    ("unknown role", "ncp_role: organised", "ncp_role: hosted", "ncp_role: hosted", f"{A0}.ncp_role", None,
     "'hosted' is not allowed"),
    ("unknown format", "format: online", "format: zoom", "format: zoom", "events[1].format", None,
     "'zoom' is not allowed"),
    ("unknown stakeholder group", "[business, trade_unions]", "[business, workers]", "stakeholder_groups: [business, w",
     f"{A0}.stakeholder_groups[1]", None, "'workers' is not allowed"),
    ("unknown chapter", "chapters: [IV]", "chapters: [XII]", "chapters:", f"{A0}.chapters[0]", None,
     "'XII' is not allowed"),
    ("missing language", "      ru: Семинар для бизнеса\n", "", "title:", f"{A0}.title", "ru", "text is missing"),
    ("unreadable audience", "audience: 10-50", "audience: about 30", "audience: about", f"{A0}.audience", None,
     "'about 30' is not an audience size"),
    ("reversed audience range", "audience: 10-50", "audience: 50-10", "audience: 50-10", f"{A0}.audience", None,
     "first number is larger"),
    ("in person without a location", "    location: Astana\n", "", "format: in_person", f"{A0}.location", None,
     "needs a location"),
    ("participated without organiser", "    organisers: [undp]\n", "", "ncp_role: participated", "events[2].organisers",
     None, "needs its organiser -- add 'organisers: [<id>]'"),
    ("organiser not in data/organisations.yml", "organisers: [undp]", "organisers: [undpp]", "organisers:",
     "events[2].organisers[0]", None, "there is no organisation 'undpp' -- use the id of an organisation in data/organisations.yml"),
    ("organiser named twice", "    organisers: [undp]\n", "    organisers: [undp]\n    organiser: {kk: БҰҰДБ, ru: ПРООН, en: UNDP}\n",
     "id: 2030-12-forum", "events[2]", None, "the organiser is given twice"),
    ("participant not in data/organisations.yml", "    organisers: [undp]\n", "    organisers: [undp]\n    participants: [ministry, ministri]\n",
     "participants:", "events[2].participants[1]", None, "there is no organisation 'ministri'"),
    ("broken material path", "en: https://example.org/slides", "en: files/slides.pdf", "en: files/slides.pdf",
     f"{A0}.materials[0].documents", "en", "'files/slides.pdf' does not exist under docs/"),
    ("unknown field", "    chapters: [IV]\n", "    chapters: [IV]\n    price: 10\n", "price:", f"{A0}.price", None,
     "is not a known field"),
    ("unknown kind", "    ncp_role: organised\n", "    ncp_role: organised\n    kind: mission\n", "kind: mission",
     f"{A0}.kind", None, "'mission' is not allowed"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, lang, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, {"2030.yml": text})
    assert words in problem_at(tmp_path, capsys, "events/2030.yml", text, fragment, field, lang)


def test_duplicate_id_across_files_names_the_first(tmp_path, capsys):
    copy = LATER.replace("id: 2031-07-roundtable", "id: 2030-05-webinar")
    status, out = check(tmp_path, capsys, {"2030.yml": VALID, "2031.yml": copy})
    assert status == 1
    assert (f"data/events/2031.yml:{line_of(copy, 'id: 2030-05-webinar')}: events[1].id: "
            f"'2030-05-webinar' is already the id of an event (data/events/2030.yml:{line_of(VALID, 'id: 2030-05-webinar')})"
            ) in out, out


def test_every_mistake_in_a_file_is_reported_at_once(tmp_path, capsys):
    text = VALID.replace("ncp_role: organised", "ncp_role: hosted").replace("format: online", "format: zoom")
    status, out = check(tmp_path, capsys, {"2030.yml": text})
    assert "events[0].ncp_role" in out and "events[1].format" in out


def test_every_label_comes_from_the_glossary(tmp_path):
    project(tmp_path, {"2030.yml": VALID})
    glossary_file = tmp_path / "data" / "glossary.yml"
    glossary_file.write_text(glossary_file.read_text(encoding="utf-8").replace("id: format_hybrid", "id: format_mixed"),
                             encoding="utf-8")
    _, errors = collect(tmp_path)
    assert any(e.path == "data/glossary.yml" and "no concept 'format_hybrid'" in str(e.problem) for e in errors), errors


# --- upcoming and past: "today" is the build date --------------------------------------------

ANNEX_C_SEPTEMBER_TO_NOVEMBER_2022 = {
    # Table C.1 (organised or co-organised by the NCP)
    "2022-09-civil-alliance-regional-seminar", "2022-09-adilet-meeting",
    "2022-10-technical-regulation-committee-meeting", "2022-10-aifc-arbitration-centre-meeting",
    "2022-10-benelux-chamber-seminar", "2022-10-kazguu-meeting", "2022-10-kazmunaygas-meeting",
    "2022-11-ncp-anniversary-conference", "2022-11-machine-builders-union-meeting",
    # Table C.2 (the NCP took part)
    "2022-09-undp-business-human-rights-launch", "2022-09-interethnic-values-conference",
    "2022-10-civil-alliance-conference", "2022-10-global-pharm-forum", "2022-11-law-ecology-conference",
    "2022-11-undp-human-rights-due-diligence-training", "2022-11-mediation-autumn-school",
}


def real_events(root: Path = REPO):
    loaded, errors = load_kind(root, "events")
    assert errors == []
    return loaded


def test_source_date_epoch_of_1_september_2022_makes_the_autumn_events_upcoming(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2022)
    today = build_today()
    assert today == dt.date(2022, 9, 1)
    loaded = real_events()
    coming = {e.id for e in event_stats.upcoming(loaded, today)}
    assert {i for i in coming if i.startswith("2022-")} == ANNEX_C_SEPTEMBER_TO_NOVEMBER_2022
    gone = [e.id for e in event_stats.past(loaded, today)]
    assert "2022-08-atakent-meeting" in gone and not set(gone) & ANNEX_C_SEPTEMBER_TO_NOVEMBER_2022
    assert gone == sorted(gone, key=lambda i: next(e.sort_key for e in loaded if e.id == i), reverse=True)


def test_every_annex_c_event_is_in_the_data():
    per_year = {}
    for e in real_events():
        per_year.setdefault(e.start.day.year, []).append(e)
    # at least the tables' events: the Secretariat may add an event the review did not list
    assert len(per_year[2021]) >= 8 + 3  # tables C.3 and C.4
    assert len(per_year[2022]) >= 16 + 8  # tables C.1 and C.2


def test_an_event_is_upcoming_until_its_last_day(tmp_path):
    loaded = load(tmp_path, {"2030.yml": VALID})
    forum = [loaded["2030-12-forum"]]
    assert event_stats.upcoming(forum, dt.date(2031, 1, 2)) == forum
    assert event_stats.past(forum, dt.date(2031, 1, 3)) == forum


def test_page_says_plainly_when_nothing_is_upcoming(tmp_path):
    project(tmp_path, {"2030.yml": VALID})
    site, errors = collect(tmp_path)
    assert errors == []
    html = event_pages.render_upcoming(site.data.events, site.words, "en", dt.date(2032, 1, 1))
    assert site.words.ui("events.none_upcoming", "en").replace("'", "&#39;") in html
    assert "2032" not in html, "the build date says nothing about the events"
    html = event_pages.render_upcoming(site.data.events, site.words, "ru", dt.date(2030, 1, 1))
    assert '<tr id="2030-03-seminar">' in html and '<a href="2030-03-seminar/">' in html
    assert "<time datetime=\"2030-12-30\">30 декабря 2030\u202fг. – 2 января 2031\u202fг.</time>" in html


@pytest.fixture(scope="module")
def real_project():
    """The repository's data loaded once, as the build loads it (no second build of the whole site)."""
    from builders import load
    project = load(REPO)
    assert project.errors == []
    return project


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_events_page_of_1_september_2022_lists_the_autumn_2022_events_as_upcoming(real_project, lang):
    september = dt.date(2022, 9, 1)
    upcoming_part = event_pages.render_upcoming(real_project.data.events, real_project.words, lang, september)
    past_part = event_pages.render_past(real_project.data.events, real_project.words, lang, september)
    for event_id in ANNEX_C_SEPTEMBER_TO_NOVEMBER_2022:
        assert f'id="{event_id}"' in upcoming_part
        assert f'id="{event_id}"' not in past_part
    assert 'id="2022-08-atakent-meeting"' in past_part


# --- statistics ----------------------------------------------------------------------------

def test_statistics_add_range_bounds_separately(tmp_path):
    loaded = list(load(tmp_path, {"2030.yml": VALID, "2031.yml": LATER}).values())
    stats = event_stats.event_statistics(loaded, dt.date(2040, 1, 1))
    assert stats.years == [2030, 2031]
    # 2030: "10-50", 25 and "<10" (1 to 9); 2031: "50+" (open) and one event without a figure
    assert (stats.audience[2030].low, stats.audience[2030].high) == (10 + 25 + 1, 50 + 25 + 9)
    assert (stats.audience[2031].low, stats.audience[2031].high) == (50, None)
    assert (stats.audience[2031].reported, stats.audience[2031].unreported) == (1, 1)
    assert (stats.audience_total.low, stats.audience_total.high) == (10 + 25 + 1 + 50, None)
    assert stats.by_role["organised"] == {2030: 1, 2031: 2}
    assert stats.by_role["co_organised"] == {2030: 1, 2031: 0}
    assert stats.by_role["participated"] == {2030: 1, 2031: 0}
    assert stats.by_group["business"] == {2030: 2, 2031: 0}
    assert stats.by_group["trade_unions"] == {2030: 1, 2031: 1}
    assert stats.per_year == {2030: 3, 2031: 2}


def test_statistics_count_only_events_already_held(tmp_path):
    loaded = list(load(tmp_path, {"2030.yml": VALID}).values())
    stats = event_stats.event_statistics(loaded, dt.date(2030, 5, 20))
    assert stats.per_year == {2030: 2}  # the December forum has not started
    assert (stats.audience[2030].low, stats.audience[2030].high) == (10 + 25, 50 + 25)
    assert stats.latest == max(e.start.day for e in loaded if e.start.day <= dt.date(2030, 5, 20))


def test_the_figures_name_the_latest_event_counted_never_the_build_date(tmp_path):
    project(tmp_path, {"2030.yml": VALID})
    site, errors = collect(tmp_path)
    assert errors == []
    for lang in ("kk", "ru", "en"):
        html = event_pages.render_statistics(site.data.events, site.words, lang, dt.date(2040, 1, 1))
        latest = max(e.start.day for e in site.data.events)
        assert f'({format_date(latest, lang)})' in html and "2040" not in html


def test_statistics_show_ranges_as_ranges(tmp_path):
    project(tmp_path, {"2030.yml": VALID, "2031.yml": LATER})
    site, errors = collect(tmp_path)
    assert errors == []
    html = without_labels(event_pages.render_statistics(site.data.events, site.words, "en", dt.date(2040, 1, 1)))
    assert "<tr><th scope=\"row\">2030</th><td>3</td><td>36–84</td><td>0</td></tr>" in html
    assert "<tr><th scope=\"row\">2031</th><td>1</td><td>at least 50</td><td>1</td></tr>" in html
    assert "<td>4</td><td>at least 86</td><td>1</td></tr>" in html
    assert "—" not in html


PEER_REVIEW = dedent("""
    events:
      - id: 2030-10-peer-review-mission
        title:
          kk: Өзара бағалау миссиясы
          ru: Миссия по взаимной оценке
          en: Peer review mission
        kind: peer_review
        start: 2030-10-24
        end: 2030-10-26
        location: Astana
        format: in_person
        ncp_role: participated
        organisers: [oecd]
        audience: 40
        stakeholder_groups: [other_ncps, government]
""")


def definitions(html: str) -> list[tuple[str, str]]:
    """An event page's facts: (label, value) as a visitor reads them."""
    return [(unescape(dt_), unescape(re.sub(r"<[^>]+>", "", dd))) for dt_, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html)]


def test_organisers_and_participants_are_named_by_their_records_in_each_language(tmp_path):
    two = VALID.replace("    organisers: [undp]\n", "    organisers: [ministry, undp]\n    participants: [example-llp]\n")
    project(tmp_path, {"2030.yml": two})
    site, errors = collect(tmp_path)
    assert errors == []
    forum = next(e for e in site.data.events if e.id == "2030-12-forum")
    shown = {lang: dict(definitions(event_pages.render_event_page(forum, site.words, lang))) for lang in LANGS}
    assert shown["kk"][site.words.ui("events.organiser", "kk")] == "Министрлік және БҰҰДБ"
    assert shown["ru"][site.words.ui("events.organiser", "ru")] == "Министерство и ПРООН"
    assert shown["en"][site.words.ui("events.organiser", "en")] == "Ministry and UNDP"
    assert shown["ru"][site.words.ui("events.participants", "ru")] == "ТОО «Example»"
    description = calendar.files(site, "en")[0].content
    assert "Ministry and UNDP" in description.decode().replace("\r\n ", "")


def test_an_organiser_described_rather_than_named_is_shown_as_written(tmp_path):
    described = VALID.replace("    organisers: [undp]\n",
                              "    organiser: {kk: Басқа елдің ҰБО-сы, ru: НКП другой страны, en: Another country's NCP}\n")
    project(tmp_path, {"2030.yml": described})
    site, errors = collect(tmp_path)
    assert errors == []
    forum = next(e for e in site.data.events if e.id == "2030-12-forum")
    shown = dict(definitions(event_pages.render_event_page(forum, site.words, "en")))
    assert shown[site.words.ui("events.organiser", "en")] == "Another country's NCP"
    assert site.words.ui("events.participants", "en") not in shown


def test_the_peer_review_mission_is_listed_but_not_counted(tmp_path):
    loaded = list(load(tmp_path, {"2030.yml": VALID, "2030-review.yml": PEER_REVIEW}).values())
    stats = event_stats.event_statistics(loaded, dt.date(2040, 1, 1))
    assert stats.per_year == {2030: 3} and stats.not_counted == 1
    assert stats.by_role["participated"] == {2030: 1}  # the forum; not the mission
    assert stats.by_group["other_ncps"] == {2030: 0}
    assert (stats.audience_total.low, stats.audience_total.high) == (10 + 25 + 1, 50 + 25 + 9)
    assert "2030-10-peer-review-mission" in {e.id for e in event_stats.past(loaded, dt.date(2040, 1, 1))}


@pytest.mark.parametrize("lang", ("kk", "ru", "en"))
def test_the_peer_review_mission_is_marked_on_the_page_and_in_the_figures(tmp_path, lang):
    project(tmp_path, {"2030.yml": VALID, "2030-review.yml": PEER_REVIEW})
    site, errors = collect(tmp_path)
    assert errors == []
    ui = lambda key: str(escape(site.words.ui(key, lang)))
    listed = event_pages.render_past(site.data.events, site.words, lang, dt.date(2040, 1, 1))
    row = listed[listed.index('id="2030-10-peer-review-mission"'):]
    assert 'class="ncp-note ncp-event-kind"' in row[:row.index("</tr>")]
    seminar = listed[listed.index('id="2030-03-seminar"'):]
    assert "ncp-event-kind" not in seminar[:seminar.index("</tr>")]
    events_by_id = {e.id: e for e in site.data.events}
    mission = event_pages.render_event_page(events_by_id["2030-10-peer-review-mission"], site.words, lang)
    assert 'class="ncp-note ncp-event-kind"' in mission and ui("events.not_counted") in mission
    assert str(escape(site.words.label("event_kind_peer_review", lang)))[1:] in mission
    assert "ncp-event-kind" not in event_pages.render_event_page(events_by_id["2030-03-seminar"], site.words, lang)
    figures = event_pages.render_statistics(site.data.events, site.words, lang, dt.date(2040, 1, 1))
    assert ui("events.stats_not_counted") in figures
    assert ui("events.stats_not_counted") not in event_pages.render_statistics(
        [e for e in site.data.events if e.is_promotional], site.words, lang, dt.date(2040, 1, 1))


# --- calendars -----------------------------------------------------------------------------

def vevents(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_feed_times_dates_and_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2022)
    project(tmp_path, {"2030.yml": VALID, "2031.yml": LATER})
    site, errors = collect(tmp_path)
    assert errors == []
    files = calendar.calendar_files(site.data.events, site.words, "ru", "https://example.org/site/")
    feed = {str(v["UID"]): v for v in vevents(files["ru/events.ics"])}
    assert "2031-06-meeting@ncp-kazakhstan.github.io" not in feed  # known only to the month: no invented day
    assert "ru/events/2031-06-meeting.ics" not in files and "ru/events/2030-03-seminar.ics" in files
    seminar = feed["2030-03-seminar@ncp-kazakhstan.github.io"]
    assert seminar.decoded("DTSTART") == dt.date(2030, 3, 10)
    assert seminar.decoded("DTEND") == dt.date(2030, 3, 11)  # all day: DTEND is the next day
    assert str(seminar["SUMMARY"]) == "Семинар для бизнеса" and str(seminar["LOCATION"]) == "Astana"
    assert "Предприятия" in str(seminar["DESCRIPTION"])
    assert str(seminar["URL"]) == "https://example.org/site/ru/events/2030-03-seminar/"
    assert seminar.decoded("DTSTAMP") == dt.datetime(2022, 9, 1, tzinfo=dt.UTC)
    webinar = feed["2030-05-webinar@ncp-kazakhstan.github.io"]
    assert webinar["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert webinar.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2030, 5, 20, 5, tzinfo=dt.UTC)
    assert webinar.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(2030, 5, 20, 7, tzinfo=dt.UTC)
    assert icalendar.Calendar.from_ical(files["ru/events.ics"]).walk("VTIMEZONE")[0]["TZID"] == "Asia/Almaty"
    forum = feed["2030-12-forum@ncp-kazakhstan.github.io"]
    assert (forum.decoded("DTSTART"), forum.decoded("DTEND")) == (dt.date(2030, 12, 30), dt.date(2031, 1, 3))


def test_a_time_before_march_2024_is_utc_plus_6():
    early = events.Event.model_validate({
        "id": "x", "title": {"kk": "x", "ru": "x", "en": "x"}, "start": "2022-09-08 10:00",
        "ncp_role": "organised", "stakeholder_groups": ["business"]}, context=LANGUAGES)
    assert early.start.local().astimezone(dt.UTC).hour == 4  # Kazakhstan moved to UTC+5 on 1 March 2024


def test_dtstamp_never_comes_from_the_clock(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    loaded = list(load(tmp_path, {"2030.yml": VALID}).values())
    assert calendar.stamp(loaded) == dt.datetime(2031, 1, 2, tzinfo=dt.UTC)  # the last day in the data


def test_calendar_files_are_identical_when_built_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2022)
    project(tmp_path, {"2030.yml": VALID})
    first, _ = collect(tmp_path)
    second, _ = collect(tmp_path)
    for lang in ("kk", "ru", "en"):
        assert (calendar.calendar_files(first.data.events, first.words, lang, "https://example.org/")
                == calendar.calendar_files(second.data.events, second.words, lang, "https://example.org/"))


def test_calendar_files_are_what_icalendar_writes_for_each_calendar(tmp_path, monkeypatch):
    """Each event is written once and its text reused in the feed and in its own file: the same bytes as
    icalendar's own serialization of each calendar, a time zone included."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2022)
    project(tmp_path, {"2030.yml": VALID})
    loaded, _ = collect(tmp_path)
    for lang, prefix in (("kk", ""), ("ru", "ru/"), ("en", "en/")):
        files = calendar.calendar_files(loaded.data.events, loaded.words, lang, "https://example.org/")
        assert files[prefix + "events.ics"] == calendar.calendar_feed(loaded.data.events, loaded.words, lang,
                                                                      "https://example.org/")
        singles = [e for e in loaded.data.events if e.in_calendar]
        assert len(files) == len(singles) + 1
        for e in singles:
            assert files[f"{prefix}events/{e.id}.ics"] == calendar.calendar_feed([e], loaded.words, lang,
                                                                                 "https://example.org/", calendar.stamp(loaded.data.events))
    assert b"BEGIN:VTIMEZONE" in files["en/events.ics"]


FEEDS = {"kk": "events.ics", "ru": "ru/events.ics", "en": "en/events.ics"}


def feed_uids(root) -> dict[str, list[str]]:
    uids = {}
    for lang, path in FEEDS.items():
        found = vevents((root / path).read_bytes())
        assert found, f"{path} has no events"
        for vevent in found:
            assert all(vevent.get(prop) is not None for prop in ("UID", "DTSTAMP", "DTSTART")), vevent
            assert vevent["SUMMARY"].params["LANGUAGE"] == lang
        uids[lang] = [str(v["UID"]) for v in found]
    return uids


def test_built_feeds_parse_back_with_the_same_uids_in_every_language_and_build(site, project_root, monkeypatch):
    from builders import load
    built = load(project_root)  # the data the site was built from
    uids = feed_uids(site.root)
    assert uids["kk"] == uids["ru"] == uids["en"]
    assert len(set(uids["kk"])) == len(uids["kk"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2022)  # another build date: the same UIDs
    for lang in uids:
        feed = calendar.calendar_feed(built.data.events, built.words, lang, "http://localhost/")
        assert [str(v["UID"]) for v in vevents(feed)] == uids[lang]
    calendar_events = [e for e in built.data.events if e.in_calendar]
    assert uids["kk"] == [f"{e.id}@{events.UID_DOMAIN}" for e in calendar_events]
    for lang, prefix in (("kk", ""), ("ru", "ru/"), ("en", "en/")):
        one = vevents((site.root / prefix / "events" / f"{calendar_events[0].id}.ics").read_bytes())
        assert [str(v["UID"]) for v in one] == [uids[lang][0]]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_built_page_links_each_event_to_its_calendar_file(site, project_root, lang):
    html = site.html(lang, "events/")
    assert '<a href="../events.ics" type="text/calendar">' in html
    assert f'<html lang="{lang}"' in html
    for e in real_events(project_root):  # every event has its page in every language, with its calendar file
        page = site.html(lang, f"events/{e.id}/")
        assert f'<article class="ncp-event" id="{e.id}">' in page and f'<html lang="{lang}"' in page
        assert (f'<a href="../{e.id}.ics" download>' in page) == e.in_calendar


@pytest.mark.parametrize(("start", "end"), [("9999-12-31", None), ("9999-12-31 23:00", None), ("2030-03-10", "9999-12"),
                                            ("1900-01", None)])
def test_a_date_outside_the_accepted_years_is_refused_by_the_check(tmp_path, capsys, start, end):
    """9999-12-31 passed the check and crashed the build (OverflowError: the calendar's next day)."""
    text = VALID.replace("start: 2030-03-10", f"start: {start}" + (f"\n    end: {end}" if end else ""), 1)
    status, out = check(tmp_path, capsys, {"2030.yml": text})
    field, value = ("end", end) if end else ("start", start)
    assert status == 1
    assert (f"data/events/2030.yml:{line_of(text, f'{field}: {value}')}: events[0].{field}: '{value}' is outside "
            "the years 1990-2100 this site accepts -- check the year") in out


def test_an_event_on_the_last_accepted_day_makes_every_calendar(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2022)
    project(tmp_path, {"2030.yml": VALID.replace("start: 2030-03-10", "start: 2100-12-31", 1)})
    loaded, errors = collect(tmp_path)
    assert errors == []
    for lang in ("kk", "ru", "en"):
        feed = calendar.calendar_files(loaded.data.events, loaded.words, lang)[FEEDS[lang]]
        ends = [str(v.get("dtend").dt) for v in vevents(feed) if str(v.get("uid")).startswith("2030-03-seminar@")]
        assert ends == ["2101-01-01"]
        assert event_pages.render_upcoming(loaded.data.events, loaded.words, lang, dt.date(2022, 9, 1))


def test_every_events_chart_says_the_tables_numbers_in_text(tmp_path):
    project(tmp_path, {"2030.yml": VALID, "2031.yml": LATER})
    site, errors = collect(tmp_path)
    assert errors == []
    for lang in LANGS:
        pairs = chart_pairs(event_pages.render_statistics(site.data.events, site.words, lang, dt.date(2040, 1, 1)))
        assert [p["figure"]["id"] for p in pairs] == ["events-by-role-chart", "events-by-group-chart"]
        for pair in pairs:
            assert pair["title"] and len(pair["labels"]) == len(pair["values"])
            assert all(bar["svg"]["aria-hidden"] == "true" for bar in pair["bars"])
            assert pair["values"] == pair["table"] and any(v != "0" for v in pair["values"])


# --- a page per event and per year; a list that stays short -----------------------------------

def test_every_event_has_a_page_in_every_language_reached_from_the_list(tmp_path):
    project(tmp_path, {"2030.yml": VALID, "2031.yml": LATER})
    site, errors = collect(tmp_path)
    assert errors == []
    pages = {p.src_uri: p for p in event_pages.event_pages(site)}
    for e in site.data.events:
        page = pages[f"events/{e.id}/index.md"]
        for lang in LANGS:
            rendered = page.render(lang)
            assert rendered.title == e.title[lang] and f'id="{e.id}"' in rendered.markdown
            assert (f'<a href="../{e.id}.ics" download>' in rendered.markdown) == e.in_calendar
    listed = event_pages.render_past(site.data.events, site.words, "en", dt.date(2040, 1, 1))
    assert all(f'<a href="{e.id}/">' in listed for e in site.data.events)
    assert {"events/years/2030/index.md", "events/years/2031/index.md"} <= set(pages)


def test_the_events_list_stays_short_at_any_number_of_events(tmp_path):
    seminar = dedent("""
        events:
          - id: seminar
            title: {kk: Семинар, ru: Семинар, en: Seminar}
            start: 2030-03-10
            format: online
            ncp_role: organised
            stakeholder_groups: [business]
    """)
    many = {}
    for year in range(2012, 2036):
        lines = [seminar.replace("seminar", f"s{year}-{i}").replace("2030-03-10", f"{year}-03-{i % 28 + 1:02d}")
                 .replace("events:\n", "") for i in range(200 if year == 2035 else 40)]
        many[f"{year}.yml"] = "events:\n" + "".join(lines)
    project(tmp_path, many)
    site, errors = collect(tmp_path)
    assert errors == []
    html = event_pages.render_past(site.data.events, site.words, "en", dt.date(2036, 1, 1))
    assert html.count("<tr") <= event_pages.PAST_ROWS_ON_LIST + 1
    assert html.count('<li><a href="years/') == 24  # every year is one line: the newest alone is too long
    assert '<a href="years/2035/">2035</a>: 200 events' in html
    year_page = event_pages.render_year_page(2035, site.data.events, site.words, "ru")
    assert year_page.count('<a href="../../s2035-') == 200


def test_an_events_problems_at_every_stage_are_reported_in_one_run(tmp_path, capsys):
    """A value no field accepts (the audience) and what only the record as a whole shows (an in-person event
    without a place, an end before the start) are listed together, each at its line."""
    text = (VALID.replace("    location: Astana\n", "", 1).replace("audience: 10-50", "audience: lots", 1)
            .replace("start: 2030-03-10", "start: 2030-03-10\n    end: 2030-03-09", 1))
    project(tmp_path, {"2030.yml": text})
    status, out = check_unchanged(tmp_path, capsys, tmp_path / "data" / "events")
    assert status == 1
    where = "data/events/2030.yml"
    assert f"{where}:{line_of(text, 'audience: lots')}: events[0].audience: 'lots' is not an audience size" in out
    assert f"{where}:{line_of(text, 'format: in_person')}: events[0].location: an event whose format is" in out
    assert f"{where}:{line_of(text, 'end: 2030-03-09')}: events[0].end: end (2030-03-09) is before start" in out
