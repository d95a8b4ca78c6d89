"""HTML hardening that needs no MkDocs: links that leave the site get ``rel="noopener noreferrer"``.

``noopener``: a page opened from the site cannot reach back into it (``window.opener``), even with
``target="_blank"``. ``noreferrer``: the other site is not told which of our pages the visitor came
from (a page about a specific instance, for example).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

EXTERNAL_REL = ("noopener", "noreferrer")

# An <a> start tag; quoted attribute values may contain ">".
_A_TAG = re.compile(r"""<a(?=[\s>/])(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
# One attribute: name, then optionally = and a double-quoted, single-quoted or unquoted value.
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_host(url: str) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) or scheme-relative URL; None for any other URL."""
    try:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
            return None
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:  # a malformed port or IPv6 address: treat it as another site
        return ("", None)
    scheme = parts.scheme.lower()
    if port is not None and port == _DEFAULT_PORTS.get(scheme):
        port = None
    return host, port


def is_external(href: str, site_url: str | None) -> bool:
    """True when ``href`` is an absolute http(s) (or ``//host``) link to a host other than the site's."""
    target = _origin_host(href)
    if target is None:
        return False
    site = _origin_host(site_url) if site_url else None
    return site is None or target != site


def _with_rel(tag: str, attrs: list[re.Match]) -> str:
    rel = next((a for a in attrs if a.group(1).lower() == "rel"), None)
    if rel is None:
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        return f'{tag[:end].rstrip()} rel="{" ".join(EXTERNAL_REL)}"{tag[end:]}'
    raw = rel.group(2) or ""
    tokens = html.unescape(raw[1:-1] if raw[:1] in "\"'" else raw).split()
    lower = {t.lower() for t in tokens}
    missing = [t for t in EXTERNAL_REL if t not in lower]
    if not missing:
        return tag
    tokens += missing
    start, end = rel.span()
    return f'{tag[:start]}rel="{html.escape(" ".join(tokens))}"{tag[end:]}'


def _attributes(tag: str) -> list[re.Match]:
    inner_start = 2  # after "<a"
    inner_end = len(tag) - 1
    return [m for m in _ATTR.finditer(tag, inner_start, inner_end)]


def external_links(html_text: str, site_url: str | None) -> str:
    """``html_text`` with ``rel="noopener noreferrer"`` on every ``<a href>`` that leaves ``site_url``'s host.

    Other attributes stay as written; an existing ``rel`` keeps its values and gains the missing
    ones. Links within the site (relative, or absolute to the site's own host and port), ``mailto:``,
    ``tel:`` and fragment links are unchanged. Without ``site_url`` every absolute http(s) link counts
    as external.
    """

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        attrs = _attributes(tag)
        href = next((a.group(2) for a in attrs if a.group(1).lower() == "href" and a.group(2)), None)
        if href is None:
            return tag
        if href[:1] in "\"'":
            href = href[1:-1]
        if not is_external(html.unescape(href), site_url):
            return tag
        return _with_rel(tag, attrs)

    return _A_TAG.sub(fix, html_text)
