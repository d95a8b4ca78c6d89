"""Load ``data/government-policies.yml`` (optional: no file, no policies listed yet), in file order."""

from __future__ import annotations

from ...core.errors import DataError
from ...core.kind import LoadContext, ReadsWording
from ...core.messages import _
from ...core.records import RecordFiles, load_records
from ...core.vocabulary import missing_wording
from .model import REFERENCES, Policy

FILES = RecordFiles("government-policies.yml", _("policy"), "data/government-policies.yml", list_key="policies",
                    optional=True)


def load(ctx: LoadContext[ReadsWording]) -> tuple[list[Policy], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, Policy)
    errors += missing_wording(ctx.loaded.ui, [f"policies.refers.{r}" for r in REFERENCES],
                              _("a refers_to_ncp code"))
    return [at.record for at in found], errors
