"""The last guard before publishing: no file the build wrote holds a name on the never-publish list.

Names can reach the output from places the source scan does not read (``mkdocs.yml``, the theme,
files copied from ``docs/``), and written in forms the source does not show, so every file under
the site folder is decoded before it is searched:

- HTML and XML (pages, ``sitemap.xml``): character references decoded (``&#1048;`` is И), and the
  text once more without its tags (``Iv<b>an</b>``), so ``<title>``, attributes and text all count;
- JSON (search data, ``cases.json``): parsed, so ``\\u0418`` escapes are decoded, and each string
  searched as HTML too (Material's search data holds escaped HTML);
- iCalendar: long lines unfolded and ``\\,`` ``\\;`` ``\\n`` escapes decoded, property by property;
- ``.gz`` files (``sitemap.xml.gz``) decompressed first; any other file searched as UTF-8 text
  (with ``\\uXXXX`` escapes decoded), and skipped only when it is not text (images, fonts, PDF).

A hit is reported as ``site/<file>:<line>: <field>: a name on the never-publish list (entry N)``,
the field being ``<title>``, an HTML ``page``, a JSON path or a calendar property; never the name.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

from ..core.errors import DataError, display_path
from .never_publish import NeverPublish, View, decoded_entities, hit_error

FIX = ("find where it comes from (data/, docs/, overrides/ or mkdocs.yml), remove it there and build again; "
       "do not publish this build")
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_ICS_ESCAPE = re.compile(r"\\([\\;,nN])")


_PAGEFIND_SIGNATURE = b"pagefind_dcd"


def site_errors(site_dir: Path, names: NeverPublish, root: Path | None = None,
                written_since: float | None = None) -> list[DataError]:
    """Every listed name in any file under ``site_dir``, by file, line and field; with ``written_since``
    (a time), only in the files written since then (the preview's partial rebuilds)."""
    if not names:
        return []
    pattern = names.pattern
    errors: list[DataError] = []
    for path in sorted(p for p in Path(site_dir).rglob("*") if p.is_file()):
        if written_since is not None and path.stat().st_mtime < written_since:
            continue
        errors += file_errors(path, path.read_bytes(), names, display_path(path, root), pattern)
    return sorted(set(errors))


def file_errors(path: Path, raw: bytes, names: NeverPublish, shown: str, pattern=None) -> list[DataError]:
    """The hits in one output file (``raw``: its bytes; ``shown``: its path in messages)."""
    pattern = pattern or names.pattern
    suffix = path.suffix.lower()
    if suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return []
        path, suffix = path.with_suffix(""), path.with_suffix("").suffix.lower()
    elif suffix.startswith(".pf_") and raw[:2] == b"\x1f\x8b":
        # Pagefind's search index: gzip; fragments are JSON after a signature, the rest binary with UTF-8 words
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return []
        if raw.startswith(_PAGEFIND_SIGNATURE):
            raw, suffix = raw[len(_PAGEFIND_SIGNATURE):], ".json"
        else:
            return _text_errors(raw.decode("utf-8", "ignore"), names, shown, pattern, markup=False)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []  # not text: an image, a font, a PDF
    if suffix == ".json":
        try:
            return _json_errors(json.loads(text), text, names, shown, pattern)
        except ValueError:
            pass
    if suffix == ".ics":
        return _calendar_errors(text, names, shown, pattern)
    return _text_errors(text, names, shown, pattern, markup=suffix in (".html", ".htm", ".xml", ".svg"))


def _fast_miss(names: NeverPublish, pattern, *texts: str) -> bool:
    """No name in any of ``texts``: the common case, decided without mapping offsets."""
    return not any(names.appears_in(t, pattern) for t in texts if t)


def _text_errors(text: str, names: NeverPublish, shown: str, pattern, markup: bool) -> list[DataError]:
    plain = html.unescape(_TAG.sub("", text)) if markup else html.unescape(text)
    if "\\u" in plain:
        plain = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), plain)
    inside_tags = html.unescape("\n".join(_TAG.findall(text))) if markup else ""
    spaced = html.unescape(_TAG.sub(" ", text)) if markup else ""  # "Ivan<br>Petrov"
    if _fast_miss(names, pattern, plain + "\n" + inside_tags, spaced):
        return []
    titles = [m.span() for m in _TITLE.finditer(text)] if markup else []
    errors = []
    for view in _views(text):
        for hit in names.find(view.text, pattern):
            at = view.origin[hit.start] if view.origin else hit.start
            field = "<title>" if any(a <= at < b for a, b in titles) else ("page" if markup else "(text)")
            errors.append(hit_error(shown, view.line(hit.start), field, hit.entry, fix=FIX))
    if not errors:  # found only through \\u escapes, or only when the file is folded as a whole: name the file
        entry = next((hit.entry for hit in names.find(plain, pattern)), 0)
        errors.append(hit_error(shown, 1, "(text)", entry, fix=FIX))
    return errors


def _views(text: str) -> list[View]:
    """The text as written, with references decoded, and without tags (removed, or as spaces)."""
    identity = View(text, None, text)
    views = [identity, decoded_entities(text)]
    for replacement in ("", " "):
        kept: list[str] = []
        origin: list[int] = []
        last = 0
        for match in _TAG.finditer(text):
            kept.append(text[last:match.start()] + replacement)
            origin += list(range(last, match.start())) + [match.start()] * len(replacement)
            last = match.end()
        kept.append(text[last:])
        origin += list(range(last, len(text)))
        views.append(decoded_entities("".join(kept), View("".join(kept), origin, text)))
    return views


def _json_errors(data, text: str, names: NeverPublish, shown: str, pattern) -> list[DataError]:
    strings = list(_json_strings(data))
    views = [(where, value, html.unescape(value), html.unescape(_TAG.sub("", value)), html.unescape(_TAG.sub(" ", value)))
             for where, value in strings]
    if _fast_miss(names, pattern, *("\n".join(v[k] for v in views) for k in (2, 3, 4))):
        return []
    errors = []
    for where, value, *decoded in views:
        for view in (value, *decoded):
            for hit in names.find(view, pattern):
                errors.append(hit_error(shown, _json_line(text, value), where or "(json)", hit.entry, fix=FIX))
    return errors


def _json_strings(data, where: str = ""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield f"{where}.{key}" if where else str(key), str(key)
            yield from _json_strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _json_strings(value, f"{where}[{i}]")
    elif isinstance(data, str):
        yield where, data


def _json_line(text: str, value: str) -> int:
    """The line a JSON string is written on, whether the file escapes non-ASCII or not."""
    for encoded in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
        at = text.find(encoded)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return 1


def _calendar_errors(text: str, names: NeverPublish, shown: str, pattern) -> list[DataError]:
    """Content lines unfolded (RFC 5545 3.1), values unescaped; the field is the property."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(re.split(r"\r?\n", text), start=1):
        if physical[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + physical[1:])
        else:
            lines.append((number, physical))
    unfolded = "\n".join(line for _, line in lines)
    if _fast_miss(names, pattern, _ICS_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), unfolded)):
        return []
    errors = []
    for number, line in lines:
        name = re.match(r"[A-Za-z0-9-]*", line).group(0).upper() or "(calendar)"
        value = _ICS_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), line)
        for view in (value, html.unescape(value)):
            errors += [hit_error(shown, number, name, hit.entry, fix=FIX) for hit in names.find(view, pattern)]
    return errors
