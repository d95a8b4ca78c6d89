"""The home page's upcoming events: the next few, soonest first, or a plain statement that none is
announced, always with a link to the events page."""

from __future__ import annotations

import datetime as dt

from builders import collect, dedent, make_project, write_texts

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
    html = event_pages.render_upcoming_brief(site.events, site.words, "en", dt.date(2030, 3, 1), "en/")
    assert html.index('href="../en/events/2030-03-seminar/"') < html.index('href="../en/events/2030-05-webinar/"')
    assert '<time datetime="2030-03-10">March 10, 2030</time>' in html
    one = event_pages.render_upcoming_brief(site.events, site.words, "en", dt.date(2030, 3, 1), "en/", count=1)
    assert "2030-05-webinar" not in one and '<a href="../en/events/">All events</a>' in one


def test_none_upcoming_is_said_plainly_with_the_events_page_link(tmp_path):
    site = site_with_events(tmp_path)
    html = event_pages.render_upcoming_brief(site.events, site.words, "kk", dt.date(2031, 1, 1), "")
    assert "алдағы іс-шаралар жарияланған жоқ" in html
    assert '<a href="events/">Барлық іс-шаралар</a>' in html
    assert "<ul" not in html
