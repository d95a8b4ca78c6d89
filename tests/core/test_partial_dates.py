"""Dates known to the day, the month or the year: read from YAML as written, shown as precisely as known."""

from __future__ import annotations

import datetime as dt

import pytest

from ncp_site.core.partial_dates import PartialDate, parse_partial_date


@pytest.mark.parametrize("value, first, precision, iso", [
    ("2024-04-15", dt.date(2024, 4, 15), "day", "2024-04-15"),
    (dt.date(2024, 4, 15), dt.date(2024, 4, 15), "day", "2024-04-15"),
    ("2024-04", dt.date(2024, 4, 1), "month", "2024-04"),
    (2024, dt.date(2024, 1, 1), "year", "2024"),
    ("2024", dt.date(2024, 1, 1), "year", "2024"),
])
def test_parsed_to_its_first_day_and_precision(value, first, precision, iso):
    parsed = parse_partial_date(value)
    assert parsed == PartialDate(first, precision)
    assert str(parsed) == iso


@pytest.mark.parametrize("value, words", [("2024-02-30", "is not a real date"), ("2024-13", "is not a real date"),
                                          ("April 2024", "is not a date"), (True, "is not a date"),
                                          ("24-04-15", "is not a date")])
def test_mistakes_say_how_to_write_it(value, words):
    with pytest.raises(ValueError) as error:
        parse_partial_date(value)
    assert words in str(error.value) and "YYYY-MM or YYYY" in str(error.value)


@pytest.mark.parametrize("lang, day, month, year", [
    ("en", "April 15, 2024", "April 2024", "2024"),
    ("ru", "15 апреля 2024\u202fг.", "апрель 2024\u202fг.", "2024"),
    ("kk", "2024\u202fж. 15 сәуір", "2024\u202fж. сәуір", "2024"),
])
def test_shown_as_precisely_as_known(lang, day, month, year):
    assert parse_partial_date("2024-04-15").shown(lang) == day
    assert parse_partial_date("2024-04").shown(lang) == month
    assert parse_partial_date(2024).shown(lang) == year
