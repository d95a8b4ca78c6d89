"""Indicative timeframes: months added to a date, and a case's stretches judged against them."""

from __future__ import annotations

import datetime as dt

import pytest

from ncp_site.core.timeframes import Stretch, add_months, time_taken

D = dt.date
STRETCHES = [Stretch("submission", "initial_assessment", ("reception", "initial_assessment"), 5, 3),
             Stretch("initial_assessment", "conclusion", ("good_offices", "conclusion"), 7, 2)]


def dates(submission=None, initial_assessment=None, conclusion=None, follow_up=None):
    return {"submission": submission, "initial_assessment": initial_assessment,
            "conclusion": conclusion, "follow_up": follow_up}


@pytest.mark.parametrize("day, months, expected", [
    (D(2022, 12, 1), 5, D(2023, 5, 1)),
    (D(2023, 1, 31), 1, D(2023, 2, 28)),  # the shorter month's last day
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2023, 8, 1), 12, D(2024, 8, 1)),
    (D(2023, 11, 30), 3, D(2024, 2, 29)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_open_case_past_its_timeframe_is_overdue_by_the_days_beyond():
    first, second = time_taken(STRETCHES, dates(D(2022, 12, 1)), closed=False, as_of=D(2023, 11, 14))
    assert (first.state, first.due, first.days, first.beyond) == ("overdue", D(2023, 5, 1), 348, 197)
    assert second.state == "not_yet"


def test_open_case_within_its_timeframe():
    first, _ = time_taken(STRETCHES, dates(D(2023, 8, 1)), closed=False, as_of=D(2023, 11, 14))
    assert (first.state, first.days, first.beyond) == ("open", 105, 0)


def test_case_not_accepted_ends_its_first_stretch_on_the_conclusion():
    """kz0001: submitted 10 June 2021, not accepted on 26 October 2021, no initial assessment date."""
    first, second = time_taken(STRETCHES, dates(D(2021, 6, 10), conclusion=D(2021, 10, 26)), closed=True,
                               as_of=D(2023, 11, 14))
    assert (first.state, first.ended, first.days) == ("within", D(2021, 10, 26), 138)
    assert second.state == "not_reached"


def test_closed_stretch_that_took_longer():
    first, _ = time_taken(STRETCHES, dates(D(2021, 12, 6), conclusion=D(2022, 9, 23)), closed=True,
                          as_of=D(2023, 11, 14))
    assert (first.state, first.beyond) == ("longer", (D(2022, 9, 23) - D(2022, 5, 6)).days)


def test_case_that_went_through_every_stage():
    rows = time_taken(STRETCHES, dates(D(2022, 1, 10), D(2022, 4, 1), D(2022, 12, 1)), closed=True,
                      as_of=D(2023, 1, 1))
    assert [r.state for r in rows] == ["within", "longer"]
    assert rows[1].started == D(2022, 4, 1) and rows[1].due == D(2022, 11, 1) and rows[1].beyond == 30


def test_open_case_in_good_offices_counts_from_the_initial_assessment():
    rows = time_taken(STRETCHES, dates(D(2022, 1, 10), D(2022, 4, 1)), closed=False, as_of=D(2022, 6, 1))
    assert [r.state for r in rows] == ["within", "open"]
    assert rows[1].days == 61


def test_the_timeframe_comes_from_the_stretch():
    longer = [Stretch("submission", "initial_assessment", ("reception",), 12)]
    (row,) = time_taken(longer, dates(D(2022, 12, 1)), closed=False, as_of=D(2023, 11, 14))
    assert (row.state, row.due) == ("open", D(2023, 12, 1))


def test_an_open_stretch_is_measured_up_to_the_confirmed_day_whatever_comes_after():
    """Alstom: submitted 1 December 2022, status last confirmed 15 April 2024."""
    (first, _) = time_taken(STRETCHES, dates(D(2022, 12, 1)), closed=False, as_of=D(2024, 4, 15))
    assert (first.state, first.days, first.beyond) == ("overdue", (D(2024, 4, 15) - D(2022, 12, 1)).days,
                                                      (D(2024, 4, 15) - D(2023, 5, 1)).days)


def test_an_open_stretch_without_a_confirmed_day_is_not_measured():
    first, second = time_taken(STRETCHES, dates(D(2022, 12, 1)), closed=False, as_of=None)
    assert (first.state, first.started, first.days, first.beyond) == ("unknown", D(2022, 12, 1), None, 0)
    assert second.state == "not_yet"


def test_a_stretch_ending_on_a_stage_not_reached_has_no_duration():
    first, second = time_taken(STRETCHES, dates(D(2022, 2, 15), "not_reached", "not_reached"), closed=True,
                               as_of=None)
    assert (first.state, first.days, first.ended) == ("not_reached", None, None)
    assert second.state == "not_reached"
