""""As of" means the last day the data confirms, never the build date: the site built the day after the
newest date in its data and the same site built years later are the same, file for file, but for what
states when it was made (the sitemap's ``lastmod``, for search engines; the calendars' ``DTSTAMP``, which
RFC 5545 defines as when the iCalendar object was created). An open stage is measured up to its case's
``status_as_of``, the footer gives the newest confirmed day, the home page names no build date."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from builders import load
from conftest import REPO, run_mkdocs_build
from pydantic import BaseModel

EXCEPTIONS = {
    "sitemap.xml": re.compile(rb"<lastmod>[^<]*</lastmod>"),
    ".ics": re.compile(rb"DTSTAMP:[0-9TZ]+\r?\n"),
}
"""What may differ between the two builds, by file name ending: the build's own date, in machine files."""


def newest_day(value, seen=None) -> dt.date | None:
    """The newest date anywhere in the loaded data: planned ones (an event, a deadline) included."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return None
    seen.add(id(value))
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, BaseModel):
        children = [getattr(value, name) for name in type(value).model_fields]
    elif isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    elif hasattr(value, "__dataclass_fields__"):
        children = list(value.__dict__.values())
    else:
        return None
    days = [d for d in (newest_day(child, seen) for child in children) if d]
    return max(days, default=None)


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(12), dt.UTC).timestamp()))


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    project = load(REPO)
    after = newest_day(project.data) + dt.timedelta(days=1)
    years_later = dt.date(after.year + 5, 6, 1)
    sites = []
    for day in (after, years_later):
        out = tmp_path_factory.mktemp(f"site-{day.year}") / "site"
        result = run_mkdocs_build(REPO, out, epoch(day))
        assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
        sites.append(out)
    return sites[0], sites[1]


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    for ending, pattern in EXCEPTIONS.items():
        if path.name.removesuffix(".gz").endswith(ending):
            data = pattern.sub(b"", data)
    return data


@pytest.mark.builds
def test_a_build_years_after_the_data_is_the_same_site_but_for_the_build_s_own_date(builds):
    first, later = builds
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    assert files == {p.relative_to(later) for p in later.rglob("*") if p.is_file()}
    differing = sorted(str(f) for f in files if comparable(first / f) != comparable(later / f))
    assert differing == []
    stamped = [f for f in files if (first / f).read_bytes() != (later / f).read_bytes()]
    assert stamped and all(f.name.removesuffix(".gz").endswith(tuple(EXCEPTIONS)) for f in stamped), \
        "premise: the exceptions are the only files that hold the build's date"

