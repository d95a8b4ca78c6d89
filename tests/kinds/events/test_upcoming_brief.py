"""The home page's events: the next few, soonest first; while none is announced, where new ones will
appear and the latest ones with their dates; always the events page, the calendar and the feed."""

from __future__ import annotations

import datetime as dt
import re

from builders import collect, dedent, make_project, write_texts
from markupsafe import escape

from ncp_site.kinds.events import pages as event_pages

EVENTS = dedent("""
    events:
      - id: 2030-03-seminar
        title:
          kk: Семинар
          ru: Семинар
          en: Seminar
        start: 2030-03-10
        format: online
        ncp_role: organised
        stakeholder_groups: [business]
      - id: 2030-05-webinar
        title:
          kk: Вебинар
          ru: Вебинар
          en: Webinar
        start: 2030-05-20
        format: online
        ncp_role: organised
        stakeholder_groups: [business]
""")


def site_with_events(tmp_path):
    make_project(tmp_path)
    write_texts(tmp_path / "data" / "events", {"2030.yml": EVENTS})
    site, errors = collect(tmp_path)
    assert errors == []
    return site


def test_next_events_soonest_first_linked_to_the_events_page(tmp_path):
    site = site_with_events(tmp_path)
    html = event_pages.render_upcoming_brief(site.data.events, site.words, "en", dt.date(2030, 3, 1), "en/")
    assert html.index('href="../en/events/2030-03-seminar/"') < html.index('href="../en/events/2030-05-webinar/"')
    assert '<time datetime="2030-03-10">March 10, 2030</time>' in html
    one = event_pages.render_upcoming_brief(site.data.events, site.words, "en", dt.date(2030, 3, 1), "en/", count=1)
    assert "2030-05-webinar" not in one and '<a href="../en/events/">All events</a>' in one


def test_while_none_is_announced_the_latest_events_are_shown_with_their_dates_and_where_new_ones_appear(tmp_path):
    site = site_with_events(tmp_path)
    for lang, home in (("kk", ""), ("ru", "ru/"), ("en", "en/")):
        html = event_pages.render_upcoming_brief(site.data.events, site.words, lang, dt.date(2031, 1, 1), home)
        ui = lambda key: str(escape(site.words.ui(key, lang)))
        assert ui("events.brief_where") in html and ui("events.brief_latest") in html
        assert html.index("2030-05-webinar/") < html.index("2030-03-seminar/"), "newest first"
        assert '<time datetime="2030-05-20">' in html
        assert "2031" not in html, "the build date is never announced"
        for target, kind in (("events/", None), ("events.ics", "text/calendar"), ("feeds/events.xml", "application/atom+xml")):
            assert re.search(rf'<a href="[./]*{home}{re.escape(target)}"' + (f' type="{re.escape(kind)}"' if kind else ">"), html), target


def test_before_any_event_the_brief_says_only_where_events_will_appear(tmp_path):
    make_project(tmp_path)
    site, errors = collect(tmp_path)
    assert errors == []
    html = event_pages.render_upcoming_brief(site.data.events, site.words, "ru", dt.date(2031, 1, 1), "ru/")
    assert site.words.ui("events.brief_where", "ru") in html and "<ul" not in html
