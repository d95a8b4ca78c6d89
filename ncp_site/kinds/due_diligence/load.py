"""Load ``data/due-diligence.yml`` (optional: no file, no guidance listed yet): general first, then file order."""

from __future__ import annotations

from urllib.parse import urlsplit

from ...core.errors import DataError
from ...core.kind import LoadContext
from ...core.messages import _, listing
from ...core.records import Located, RecordFiles, load_records
from .model import OFFICIAL_HOSTS, SCOPES, Guidance

FILES = RecordFiles("due-diligence.yml", _("guidance"), "data/due-diligence.yml", list_key="guidance",
                    optional=True)


def load(ctx: LoadContext) -> tuple[list[Guidance], list[DataError]]:
    found, errors = load_records(ctx.sources, FILES, Guidance, guidance_errors)
    return sorted((at.record for at in found), key=lambda g: SCOPES.index(g.scope)), errors  # file order within each


def is_official(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def guidance_errors(g: Guidance, at: Located) -> list[DataError]:
    errors = []
    if not is_official(g.url):
        errors.append(at.error(("url",), _("{value} is not on the OECD's site", value=f"'{g.url}'"),
                               _("link the guidance's page on {hosts} (e.g. https://www.oecd.org/...)",
                                 hosts=listing(OFFICIAL_HOSTS, "or"))))
    if g.scope == "sectoral" and g.sector is None:
        errors.append(at.error(("scope",), _("a sectoral guidance needs its sector"),
                               _("add 'sector:' with kk:, ru:, en: lines")))
    if g.scope == "general" and g.sector is not None:
        errors.append(at.error(("sector",), _("the general guidance covers every sector"),
                               _("remove 'sector:', or set scope: sectoral")))
    seen = set()
    for k, code in enumerate(g.languages):
        if code in seen:
            errors.append(at.error(("languages", k), _("{id} is listed twice", id=f"'{code}'"),
                                   _("list each language once")))
        seen.add(code)
    return errors
