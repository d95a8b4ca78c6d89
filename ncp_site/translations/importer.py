"""A translated XLIFF or PO file brought back: each change listed, written only when all is well.

For every unit of the file the import compares the source the file was made from with the
current source: a unit whose source changed since the export is refused (a conflict: translate
the new source), and so is a unit whose inline codes were damaged (a lost link, a tag left open).
The other units' translations are rebuilt as Markdown (``codes``) and compared with what the
files say now; what differs is a change, listed as ``path:line: field (kk): "old" -> "new"``.

With ``apply`` the changes are written: only the translations, each as a minimal edit (a YAML
value in place, in its own quoting, comments and order kept; a page's lines of that block,
wrapped as before). First the changed files are written to a scratch copy of the project and
loaded with every check ``ncp check`` runs; nothing is written unless that passes, and then every
file is written whole or not at all (a failure puts back the files already written).

Units marked reviewed (XLIFF ``state="reviewed"``/``final``, PO flag ``ncp-reviewed``) record
their review with the reviewer and the date; a translation changed without that mark loses its
recorded review (it needs one again). A page's review is recorded when every unit of the page is
marked reviewed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..checks import translation_status as status
from ..core.config import SiteConfig
from ..core.errors import DataError, display_path
from ..core.sources import STATE_FILE, front_matter
from ..core.yamledit import apply as apply_edits, compose, insert_after, node_at, scalar_edit, value_at
from ..core.yamlsrc import Loader, read_bounded
from . import codes, formats, segments
from .writing import write_all
from ..project import Project
from .units import TranslationUnit, collect


@dataclass(frozen=True)
class Change:
    path: str
    line: int
    field: str
    lang: str
    old: str | None
    new: str
    key: str

    def __str__(self) -> str:
        old = "(none)" if self.old is None else f'"{_short(self.old)}"'
        return f'{self.path}:{self.line}: {self.field} ({self.lang}): {old} -> "{_short(self.new)}"'


def _short(text: str, limit: int = 160) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class ImportResult:
    changes: list[Change] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    """Units whose review is recorded (``key (lang)``)."""
    unreviewed: list[str] = field(default_factory=list)
    """Translations changed without a review: their recorded review is dropped."""
    refused: list[DataError] = field(default_factory=list)
    """Conflicts and damaged codes: these units are not imported."""
    errors: list[DataError] = field(default_factory=list)
    """Anything else that stops the import (the file, the checks after the import)."""
    target: str = ""
    applied: bool = False
    skipped: int = 0
    """Units without a translation in the file."""


def import_file(project: Project, path: Path, apply: bool = False, by: str | None = None, on: dt.date | None = None,
                skip_refused: bool = False) -> ImportResult:
    result = ImportResult()
    config: SiteConfig = project.config
    shown = display_path(Path(path), config.root)
    raw, errors = read_bounded(Path(path), shown)
    if raw is None:
        result.errors += errors
        return result
    try:
        incoming, source, target = formats.read(raw)
    except Exception as exc:  # translate-toolkit raises what its parsers raise (lxml, ValueError...)
        result.errors.append(DataError(shown, 1, "(file)", f"cannot be read as XLIFF 2.0 or PO ({_reason(exc)})",
                                       "import the file your CAT tool exported, unchanged (.xlf or .po)"))
        return result
    languages = config.languages
    source = source or languages.source  # a PO file whose tool dropped X-Source-Language
    for name, lang in (("source", source), ("target", target)):
        if lang not in languages:
            result.errors.append(DataError(shown, 1, f"({name} language)", f"'{lang}' is not a language of this site",
                                           f"export the file again with `ncp translations export --lang <{'|'.join(languages)}>`"))
    if result.errors or target is None:
        return result
    result.target = target
    every = collect(project, target, source)
    current = {u.key: u for u in every}
    accepted: list[tuple[TranslationUnit, list, bool]] = []
    for item in incoming:
        unit = current.get(item.key)
        where = f"{shown}:unit {item.position}"
        if unit is None:
            result.refused.append(DataError(shown, item.position, item.key, "names no text of the site (it was removed "
                                            "or renamed since the export)", "export again", target))
            continue
        if _squeezed(item.source) != _squeezed(codes.as_tags(unit.source)):
            result.refused.append(DataError(
                unit.path, unit.line, unit.field,
                f"conflict: its {languages.name(unit.source_lang)} source changed since the export "
                f"(exported: \"{_short(item.source, 100)}\"; now: \"{_short(codes.as_tags(unit.source), 100)}\")",
                f"export again and translate the new source ({where}, {item.key})", target))
            continue
        if item.target is None and item.damaged is None:
            result.skipped += 1
            continue
        translated = item.target or []  # there unless its codes were damaged
        if (item.damaged is None and unit.target is not None
                and _squeezed(codes.as_tags(translated)) == _squeezed(codes.as_tags(unit.target))):
            accepted.append((unit, unit.target, item.reviewed))  # unchanged: only its review mark may be news
            continue
        problems = [item.damaged] if item.damaged else codes.check_codes(translated, unit.source, unit.target)
        if problems:
            result.refused.append(DataError(
                unit.path, unit.line, unit.field, "damaged inline codes: " + "; ".join(problems),
                f"copy the codes from the source as they are ({where}, {item.key})", target))
            continue
        accepted.append((unit, translated, item.reviewed))
    if result.refused and not skip_refused:
        return result
    files, state = _plan(project, accepted, every, result, by, on)
    if result.errors or not apply or not (result.changes or result.reviewed or result.unreviewed):
        return result
    result.errors += _checked(project, files)
    if result.errors:
        return result
    state_path = config.data_dir / STATE_FILE
    files[state_path] = status.state_text(state)
    write_all(files, config.root)
    result.applied = True
    return result


def _reason(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- planning the edits -------------------------------------------------------------------------

def _plan(project: Project, accepted, every: list[TranslationUnit], result: ImportResult, by, on) -> tuple[dict[Path, str], status.State]:
    """The new text of each changed file, and the review state after the import."""
    config = project.config
    target = result.target
    spelling = codes.Spelling(project.data.glossary, target)
    state, _ = status.load_state(project.sources)
    review_units = {u.key: u for u in status.data_units(project.sources) + status.page_units(project.sources)}
    data_edits: dict[str, list] = {}
    page_edits: dict[str, list] = {}
    marked: dict[str, list[tuple[bool, bool]]] = {}
    changed_keys: set[str] = set()
    for unit, parts, reviewed in accepted:
        known = codes.known_codes(unit.target or [], unit.source)
        new = codes.to_markdown(parts, known, spelling)
        changed = not (new == unit.target_text or (unit.target_text is not None and new.strip() == unit.target_text.strip()))
        # (in step: marked reviewed now, or unchanged since its review; news: a review this file records)
        marked.setdefault(unit.review_key, []).append(
            (reviewed or (not changed and unit.state == "reviewed"), reviewed and (changed or unit.state != "reviewed")))
        if not changed:
            continue
        changed_keys.add(unit.review_key)
        result.changes.append(Change(unit.path, unit.line, unit.field, target, unit.target_text, new, unit.key))
        if unit.field != "page":
            data_edits.setdefault(unit.path, []).append((unit, new))
        else:
            page_edits.setdefault(unit.path, []).append((unit, codes.to_markdown(parts, known, spelling, True)))
    files: dict[Path, str] = {}
    for path, edits in data_edits.items():
        text = _edited_yaml(config, path, edits, target, result)
        if text is not None:
            files[config.root / path] = text
    for path, edits in page_edits.items():
        text = _edited_page(project, path, edits, every, result)
        if text is not None:
            files[config.root / path] = text
    counts: dict[str, int] = {}
    for unit in every:
        counts[unit.review_key] = counts.get(unit.review_key, 0) + 1
    for key, flags in sorted(marked.items()):
        unit = review_units.get(key)
        if unit is None:
            continue
        complete = all(ok for ok, _ in flags) and len(flags) == counts.get(key, len(flags))
        if complete and any(news for _, news in flags):
            if by is None:
                result.errors.append(DataError("(command)", 1, "--by", "units are marked reviewed but no reviewer "
                                               "is known", "add --by 'Name Surname' (or set git config user.name)",
                                               target))
                return files, state
            status.record_review(state, unit, target, by, on or dt.date.today())
            result.reviewed.append(f"{key} ({target})")
        elif key in changed_keys:
            status.forget_review(state, key, target)
            result.unreviewed.append(f"{key} ({target})")
    return files, state


def _edited_yaml(config, path: str, edits, lang: str, result: ImportResult) -> str | None:
    full = config.root / path
    text = full.read_text(encoding="utf-8")
    root = compose(text)
    expected = yaml.load(text, Loader=Loader)
    shared = _node_paths(root)
    changes = []
    written: dict[int, tuple] = {}
    for unit, new in edits:
        loc = unit.loc[:-1] + (lang, unit.loc[-1]) if unit.item is not None else unit.loc + (lang,)
        node = node_at(root, loc)
        if node is not None and id(node) in written:  # one text written twice through a YAML alias (*name)
            other, text_there = written[id(node)]
            if text_there != new:
                result.errors.append(DataError(path, unit.line, unit.field, f"shares its text with {other.field} "
                                               "(a YAML alias), which the file translates differently",
                                               "give both the same translation, or edit the YAML by hand", lang))
            continue
        try:
            if node is not None:
                changes.append(scalar_edit(text, root, loc, new))
                written[id(node)] = (unit, new)
                for other in shared.get(id(node), [loc]):
                    value_at(expected, other[:-1])[other[-1]] = new
                continue
            if unit.item is None:
                changes.append(insert_after(text, root, unit.loc + (unit.source_lang,), lang, new))
            else:
                raise KeyError("the list has fewer items")
        except KeyError as exc:
            result.errors.append(DataError(path, unit.line, unit.field, f"cannot be written in place ({exc})",
                                           "make this change in the YAML by hand", lang))
            continue
        parent = value_at(expected, loc[:-1])
        parent[loc[-1]] = new
    new_text = apply_edits(text, changes)
    try:
        got = yaml.load(new_text, Loader=Loader)
    except yaml.YAMLError as exc:
        got = exc
    if got != expected and _stripped(got) != _stripped(expected):
        result.errors.append(DataError(path, 1, "(file)", "the edit would change more than the translations",
                                       "nothing was written; make the change by hand", lang))
        return None
    return new_text


def _node_paths(root) -> dict[int, list[tuple]]:
    """Every place each YAML node stands (an anchored node stands at each of its aliases too)."""
    paths: dict[int, list[tuple]] = {}

    def walk(node, loc):
        paths.setdefault(id(node), []).append(loc)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, loc + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, loc + (i,))

    walk(root, ())
    return paths


def _stripped(data):
    if isinstance(data, str):
        return data.strip()
    if isinstance(data, dict):
        return {k: _stripped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_stripped(v) for v in data]
    return data


def _edited_page(project: Project, path: str, edits, every, result: ImportResult) -> str | None:
    full = project.config.root / path
    if not full.is_file() or "translation_pending" in front_matter(full.read_text(encoding="utf-8")):
        return _new_page(project, path, edits, every, result)
    text = full.read_text(encoding="utf-8")
    lines = text.split("\n")
    blocks = segments.blocks(text)
    for unit, new in sorted(edits, key=lambda e: -(e[0].block if e[0].block is not None else -1)):
        if unit.block is None:  # the whole body
            skip = segments.front_matter_lines(text)
            lines = lines[:skip] + new.replace("\0", " ").split("\n") + [""]
            continue
        block = blocks[unit.block]
        lines[block.first:block.last] = segments.rewrap(block, lines, new)
    return "\n".join(lines)


def _new_page(project: Project, path: str, edits, every, result: ImportResult) -> str | None:
    """A page translated for the first time: the source page with every block translated."""
    by_block = {unit.block: new for unit, new in edits}
    unit = edits[0][0]
    source_full = project.config.root / unit.source_path
    text = source_full.read_text(encoding="utf-8")
    wanted = {u.block for u in every if u.review_key == unit.review_key}
    missing = sorted(wanted - set(by_block))
    if missing:
        result.errors.append(DataError(path, 1, "page", f"does not exist yet and {len(missing)} of its "
                                       f"{len(wanted)} segments have no translation in the file",
                                       "translate every segment of the page, then import again", unit.target_lang))
        return None
    lines = text.split("\n")
    blocks = segments.blocks(text)
    for index in sorted(by_block, reverse=True):
        block = blocks[index]
        lines[block.first:block.last] = segments.rewrap(block, lines, by_block[index])
    return "\n".join(lines)


# --- checking and writing -----------------------------------------------------------------------

def _checked(project: Project, files: dict[Path, str]) -> list[DataError]:
    """Every check of ``ncp check`` on a scratch copy of the project with the new files."""
    config = project.config
    with tempfile.TemporaryDirectory(prefix="ncp-import-") as scratch:
        root = Path(scratch)
        copy = dataclasses.replace(config, root=root, data_dir=root / config.data_dir.relative_to(config.root),
                                   docs_dir=root / config.docs_dir.relative_to(config.root))
        shutil.copytree(config.data_dir, copy.data_dir)
        shutil.copytree(config.docs_dir, copy.docs_dir)
        for path, text in files.items():
            (root / path.relative_to(config.root)).parent.mkdir(parents=True, exist_ok=True)
            (root / path.relative_to(config.root)).write_text(text, encoding="utf-8")
        checked = Project.load(copy, project.today)
    return [DataError(e.path, e.line, e.field, f"after the import: {e.problem}",
                      f"nothing was written; fix the translation in the file and import again -- {e.fix}", e.lang)
            for e in checked.errors]
