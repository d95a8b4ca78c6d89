"""Hypothesis profiles for the fuzz tests, chosen by ``NCP_FUZZ``.

``ci`` (the default, part of every test run: 5 examples per test, a tenth of a second each; the nightly
workflow, .github/workflows/fuzz.yml, runs ``NCP_FUZZ=200``) checks one kind per example: the whole project is loaded
as ``ncp check`` loads it, the unchanged files' results kept from the first load as ``ncp check`` keeps
them between runs (the fuzzed file's new bytes are always checked anew), and what passes renders the
fuzzed kind's pages, files and macros. ``long`` (``NCP_FUZZ=long bash scripts/test tests/fuzz``) runs
a hundred times as many examples, reads every file cold and renders the whole project for each, for a
while before a release or after a change to the loaders;
``NCP_FUZZ=200`` runs 200 examples per test, the whole project too.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
           "print_blob": True}
settings.register_profile("ci", max_examples=5, **_COMMON)
settings.register_profile("long", max_examples=1200, **_COMMON)
PROFILE = os.environ.get("NCP_FUZZ") or "ci"
if PROFILE.isdigit():
    settings.register_profile(PROFILE, max_examples=int(PROFILE), **_COMMON)
elif PROFILE not in ("ci", "long"):
    raise pytest.UsageError(f"NCP_FUZZ={PROFILE!r}: use ci (the default), long, or a number of examples per test")
settings.load_profile(PROFILE)
WHOLE_PROJECT = PROFILE != "ci"
"""Render every kind's output for each example (else only the fuzzed kind's)."""
