"""One folder per data kind. Adding a kind is adding its folder and naming it in ``ALL``.

Each kind's package exposes ``KIND`` (a ``core.kind.Kind``): how it loads, which macros pages may
call, which pages and files it generates. They load in this order: later kinds may use what
earlier ones loaded (every kind's labels come from the glossary; members, cases, events and news
name organisations by their ids).
"""

from __future__ import annotations

from importlib import import_module

ALL = ("glossary", "ui", "abbreviations", "organisations", "contacts", "procedure", "members", "cases", "events", "action_plans",
       "reports", "news", "media", "faq", "peer_review", "due_diligence", "policies")


def all_kinds():
    return [import_module(f"{__name__}.{name}").KIND for name in ALL]
