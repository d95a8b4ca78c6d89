"""The last guard before publishing: no file the build wrote holds a name on the never-publish list.

Names can reach the output from places the source scan does not read (``mkdocs.yml``, the theme,
files copied from ``docs/``), and written in forms the source does not show, so every file under
the site folder is decoded before it is searched (``NeverPublish.find`` decodes character
references, percent-encoding and ``\\u`` escapes in any text it is given):

- the name of every file and folder (``cases/ivan-petrov/``, ``files/Ivan_Petrov.pdf``);
- HTML and XML (pages, ``sitemap.xml``, feeds): as written, and once more without tags (an inline
  tag joins the letters around it, ``Iv<b>an</b>``; any other separates them, ``Ivan<br>Petrov``), so
  ``<title>``, attributes and text all count;
- JSON (search data, ``cases.json``): parsed, each string searched as written and without tags
  (search data holds HTML);
- iCalendar: long lines unfolded and ``\\,`` ``\\;`` ``\\n`` escapes decoded, property by property;
- ``.gz`` files (``sitemap.xml.gz``) and Pagefind's index and fragments decompressed first; any other
  file (CSV included) searched as UTF-8 text, and skipped only when it is not text (images, fonts, PDF).

A hit is reported as ``site/<file>:<line>: <field>: a name on the never-publish list (entry N)``,
the field being ``<title>``, an HTML ``page``, a JSON path, a calendar property or ``(file name)``;
never the name (a path that holds one is shown with the name replaced by its entry).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from ..core.errors import DataError, display_path
from .never_publish import NeverPublish, View, hit_error

FIX = ("find where it comes from (data/, docs/, overrides/ or mkdocs.yml), remove it there and build again; "
       "do not publish this build")
_TAG = re.compile(r"<[^>]*>")
_INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time "
                    "u var wbr".split())
_INLINE_TAG = re.compile(r"</?(?:" + "|".join(sorted(_INLINE, key=len, reverse=True)) + r")(?![A-Za-z0-9-])[^>]*>",
                         re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)
_ICS_ESCAPE = re.compile(r"\\([\\;,nN])")


_PAGEFIND_SIGNATURE = b"pagefind_dcd"


def site_errors(site_dir: Path, names: NeverPublish, root: Path | None = None,
                written_since: float | None = None) -> list[DataError]:
    """Every listed name in any file under ``site_dir``, or in its name, by file, line and field; with
    ``written_since`` (a time), only in the files written since then (the preview's partial rebuilds)."""
    if not names:
        return []
    errors: list[DataError] = []
    for path in sorted(Path(site_dir).rglob("*")):
        if written_since is not None and path.stat().st_mtime < written_since:
            continue
        shown = names.redact(display_path(path, root))
        errors += [hit_error(shown, 1, "(file name)", hit.entry, fix=FIX) for hit in names.find(path.name)]
        if path.is_file():
            errors += file_errors(path, path.read_bytes(), names, shown)
    return sorted(set(errors))


def file_errors(path: Path, raw: bytes, names: NeverPublish, shown: str) -> list[DataError]:
    """The hits in one output file (``raw``: its bytes; ``shown``: its path in messages)."""
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
            return _text_errors(raw.decode("utf-8", "ignore"), names, shown, markup=False)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []  # not text: an image, a font, a PDF
    if suffix == ".json":
        try:
            return _json_errors(json.loads(text), text, names, shown)
        except ValueError:
            pass
    if suffix == ".ics":
        return _calendar_errors(text, names, shown)
    return _text_errors(text, names, shown, markup=suffix in (".html", ".htm", ".xml", ".svg"))


def _without_tags(text: str) -> str:
    """The text without its tags: an inline tag joins the letters around it (``Iv<b>an</b>``), any other
    separates them (``Ivan<br>Petrov``, ``<td>Ivan</td><td>Petrov</td>``)."""
    return _TAG.sub(" ", _INLINE_TAG.sub("", text))


def _text_errors(text: str, names: NeverPublish, shown: str, markup: bool) -> list[DataError]:
    quick = _without_tags(text) + "\n" + "\n".join(_TAG.findall(text)) if markup else text  # text, then tags
    if not names.appears_in(quick):
        return []
    views = _views(text) if markup else [View.of(text)]
    titles = [m.span() for m in _TITLE.finditer(text)] if markup else []
    errors = []
    for view in views:
        for hit in names.find(view.text):
            at = view.span(hit.start, hit.end)[0]
            field = "<title>" if any(a <= at < b for a, b in titles) else ("page" if markup else "(text)")
            errors.append(hit_error(shown, view.line(hit.start), field, hit.entry, fix=FIX))
    if not errors:  # found in the file as a whole, not at a place in it: name the file
        entry = names.find(quick)[0].entry
        errors.append(hit_error(shown, 1, "(text)", entry, fix=FIX))
    return errors


def _views(text: str) -> list[View]:
    """The text as written (attributes and all), and without its tags (``_without_tags``)."""
    view = View.of(text)
    return [view, view.rewritten(_INLINE_TAG, lambda m: "").rewritten(_TAG, lambda m: " ")]


def _json_errors(data, text: str, names: NeverPublish, shown: str) -> list[DataError]:
    strings = list(_json_strings(data))
    views = [(where, value, _without_tags(value)) for where, value in strings]
    if not any(names.appears_in("\n".join(v[k] for v in views)) for k in (1, 2)):
        return []
    errors = []
    for where, *forms in views:
        for form in forms:
            for hit in names.find(form):
                errors.append(hit_error(shown, _json_line(text, forms[0]), where or "(json)", hit.entry, fix=FIX))
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


def _calendar_errors(text: str, names: NeverPublish, shown: str) -> list[DataError]:
    """Content lines unfolded (RFC 5545 3.1), values unescaped; the field is the property."""
    lines: list[tuple[int, str]] = []
    for number, physical in enumerate(re.split(r"\r?\n", text), start=1):
        if physical[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + physical[1:])
        else:
            lines.append((number, physical))
    unfolded = "\n".join(line for _, line in lines)
    if not names.appears_in(_ICS_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), unfolded)):
        return []
    errors = []
    for number, line in lines:
        name = re.match(r"[A-Za-z0-9-]*", line).group(0).upper() or "(calendar)"  # type: ignore[union-attr]  # * matches
        value = _ICS_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), line)
        errors += [hit_error(shown, number, name, hit.entry, fix=FIX) for hit in names.find(value)]
    return errors
