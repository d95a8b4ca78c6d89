"""Addresses the site may link: a ``https:``, ``http:`` or ``mailto:`` address, or a path inside the site.

Every field that becomes a link (a statement's document, a report, an event's material, evidence of an
activity, a member's web page...) is an ``Address``, so one rule refuses what a browser would run
or send elsewhere: ``javascript:``, ``data:``, ``vbscript:`` and any other scheme, protocol-relative
``//host`` (and ``\\host``, which browsers read the same way), and the tricks that hide a scheme
from a simple check: mixed case, and spaces or control characters inside it (browsers drop a tab or
a line break inside ``java<TAB>script:`` and run it), and HTML character references (``&#x09;``).

Whether a path names an existing file under ``docs/`` is checked where the documents are loaded
(``documents.link_errors``), with the file's line.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from .errors import Invalid
from .messages import Message, _

SCHEMES = ("https", "http", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_WEB = re.compile(r"^https?://[^/?#\s]+", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_REFERENCE = re.compile(r"&(?:#\d+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;)")
_FIX = _("write a https:// (or http://, mailto:) address, or the path of a file under docs/ such as "
         "reports/files/annual-report-2022.pdf")


def shown(value: str) -> str:
    """The value for a message, invisible characters made visible (``java\\tscript:``)."""
    text = value.encode("unicode_escape").decode("ascii") if _INVISIBLE.search(value) else value
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"


def address_problem(value: str) -> tuple[Message, Message] | None:
    """Why ``value`` may not be linked (what is wrong, how to fix it), or None when it may."""
    if _INVISIBLE.search(value):
        return (_("{value} contains a space or an invisible character", value=shown(value)),
                _("remove it (write a space in a web address as %20)"))
    if _REFERENCE.search(value):
        return (_("{value} contains an HTML character reference (it could hide a scheme once decoded)",
                  value=shown(value)),
                _("write the character itself, or %-encode it (%09)"))
    if "\\" in value:
        return _("{value} contains a backslash", value=shown(value)), _("use / in paths and addresses")
    if value.startswith("//"):
        return _("{value} has no scheme (it would open another site)", value=shown(value)), _FIX
    scheme = _SCHEME.match(value)
    if scheme is None:
        if value.startswith("/"):
            return (_("{value} starts with / (outside the site when it is published in a folder)", value=shown(value)),
                    _("write the path relative to docs/, e.g. reports/files/annual-report-2022.pdf"))
        return None
    name = scheme.group(1).lower()
    if name not in SCHEMES:
        return (_("{value} is a {scheme} address, which the site never links", value=shown(value),
                  scheme=f"'{scheme.group(1)}:'"), _FIX)
    if name in ("http", "https") and not _WEB.match(value):
        return _("{value} is not a complete web address", value=shown(value)), _("write it as https://host/path")
    if name == "mailto" and len(value) == len("mailto:"):
        return _("{value} names no e-mail address", value=shown(value)), _("write mailto:name@example.org")
    return None


def is_web_address(value: str) -> bool:
    """A ``http(s)://`` or ``mailto:`` address (linked as written), rather than a path inside the site."""
    scheme = _SCHEME.match(value)
    return scheme is not None and scheme.group(1).lower() in SCHEMES


def _address(value: str) -> str:
    problem = address_problem(value)
    if problem:
        raise Invalid(*problem)
    return value


Address = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_address)]
"""A field that becomes a link: ``https:``/``http:``/``mailto:``, or a path inside the site; anything else
is a located error (``statements[0].documents (ru): 'javascript:...' is a 'javascript:' address ...``)."""
