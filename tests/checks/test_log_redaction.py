"""No listed name reaches a log line, whatever the logger is called: records are redacted as they are made.

ProperDocs (the MkDocs 1.x fork) logs under ``properdocs.*`` and hands ``mkdocs.*`` records to its own
handler: a filter on the ``mkdocs`` logger missed them. Whole builds under both engines are in
tests/checks/test_never_publish.py (``test_the_build_log_never_shows_a_name_in_any_spelling``).
"""

from __future__ import annotations

import io
import logging

import pytest

from ncp_site.checks.never_publish import NeverPublish, fold, redact_logs

LISTED = NeverPublish({fold("Айгерім Сәрсенова"): 3})


@pytest.fixture
def factory():
    """The record factory as it was, put back after the test."""
    make = logging.getLogRecordFactory()
    yield
    logging.setLogRecordFactory(make)


def logged(logger_name: str, *message, exc_info=None) -> str:
    """What a handler on ``logger_name`` writes for one warning."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    try:
        logger.warning(*message, exc_info=exc_info)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


@pytest.mark.parametrize("logger_name", ["mkdocs.plugins.i18n", "properdocs.commands.build", "properdocs",
                                         "mkdocs_static_i18n", "anything.else", ""])
def test_a_name_is_redacted_whatever_the_logger_is_called(factory, logger_name):
    redact_logs(LISTED)
    output = logged(logger_name, "Building the site '%s'", "A\u0439герім Сәрсенованың сайты")  # a Latin A
    assert output == "Building the site '[never-publish entry 3] сайты'\n"


def test_a_traceback_is_redacted_too(factory):
    redact_logs(LISTED)
    try:
        raise ValueError("title: Айгерім Сәрсенова")
    except ValueError as exc:
        output = logged("properdocs", "failed", exc_info=exc)
    assert "ValueError: title: [never-publish entry 3]" in output and "Сәрсенова" not in output


def test_installing_twice_keeps_one_factory_and_the_last_list(factory):
    redact_logs(LISTED)
    first = logging.getLogRecordFactory()
    redact_logs(NeverPublish({}))
    assert logging.getLogRecordFactory() is first
    assert logged("properdocs", "Айгерім Сәрсенова") == "Айгерім Сәрсенова\n"


def test_a_message_whose_arguments_do_not_fit_is_left_to_logging(factory):
    redact_logs(LISTED)
    record = logging.getLogger("properdocs").makeRecord("properdocs", logging.WARNING, __file__, 1, "%d", ("x",), None)
    assert record.msg == "%d" and record.args == ("x",)
