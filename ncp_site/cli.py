"""The ``ncp`` command: checks and tools for the secretariat and translators.

``ncp check`` runs every check the build runs and prints each problem as
``path:line: field (lang): what is wrong -- how to fix``; exit status 1 when there is any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from .checks import translation_status
from .core.errors import DataErrors, display_path
from .core.files import Interrupted, WriteFailed, write_atomically, write_output
from .core.messages import LANGUAGES, _, _n, chosen, listing, speaking
from .core.sources import STATE_FILE
from .kinds import all_kinds
from .project import Project, load_project


def find_root(start: Path) -> Path:
    """The project root is the nearest folder (upwards) holding mkdocs.yml and data/."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise SystemExit(str(_("ncp: no project found: {folder} and its parents have no mkdocs.yml with a data/ folder "
                           "-- run ncp inside the ncp-site repository or pass --root", folder=start)))


def cmd_check(args) -> int:
    """Every problem grouped by file, those of the files changed since the last commit first; exit 1 only on
    errors. Quiet unless ``--verbose``: valid data is one line.

    A listed name is never printed, only its entry in the never-publish list.
    """
    from . import check_report
    from .core.worktree import changed_paths

    project = args.project
    say = project.never_publish.redact
    summary = check_report.summarise(project, changed_paths(project.config.root))
    if args.format == "json":
        print(json.dumps(check_report.as_json(summary, say), ensure_ascii=False, indent=2))
    else:
        check_report.render(summary, check_report.console_for(), say, verbose=args.verbose)
    held_back = check_report.held_back(summary, args.verbose) if args.format != "json" else ""
    if project.errors:
        sys.stdout.flush()
        found = _n("{n:,} problem found.", "{n:,} problems found.", len(project.errors))
        print(f"\n{found}" + (f" ({held_back}.)" if held_back else ""), file=sys.stderr)
        return 1
    if args.format != "json":
        valid = _("ncp check: all data and pages are valid in {languages}",
                  languages=listing(project.config.languages.codes))
        print(f"{valid}" + (f" ({held_back})." if held_back else "."))
    return 0


def cmd_find(args) -> int:
    """Where a text shown on the site is written: data texts in every language, pages, the interface wording."""
    from .core import find

    query = " ".join(args.text)
    found = find.find(args.project.sources, query)
    for place in found:
        print(args.project.never_publish.redact(str(place)))
    if not found:
        print(_("ncp find: no data text or page holds {text} (letter case, ё/е and spaces are ignored) -- try fewer "
                "words, or words from the middle of the text", text=repr(query)), file=sys.stderr)
        return 1
    return 0


def _refuse(project: Project, command: str) -> int:
    """Commands that write stop, listing the errors, when the data they depend on does not load."""
    for error in project.errors:
        print(error)
    print(f"{command}: " + str(_n("nothing was written: fix the {n:,} problem above first (ncp check).",
                                  "nothing was written: fix the {n:,} problems above first (ncp check).",
                                  len(project.errors))), file=sys.stderr)
    return 1


def cmd_glossary_export(args) -> int:
    from .kinds.glossary import exchange

    loaded = args.project.data.glossary
    errors = [e for e in args.project.errors if e.path == args.project.sources.path("glossary.yml")]
    if loaded is None or errors:
        for error in errors:
            print(error)
        print("ncp glossary export: fix the glossary first (ncp check).", file=sys.stderr)
        return 1
    if _unknown_languages(args.project, [args.source, *(args.target or [])], "ncp glossary export", "--source/--target"):
        return 2
    if args.format == "tbx":
        text = exchange.export_tbx(loaded, args.source, tuple(args.target) if args.target else None)
    else:
        text = exchange.export_csv(loaded)
    if args.output:
        write_output(Path(args.output), text, args.project.config.root, args.output)
        print(f"wrote {args.output} ({len(loaded.concepts)} concepts, {args.format.upper()})", file=sys.stderr)
        return 0
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:  # a full disk behind a redirection (> file), a closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python flushes stdout once more at exit
        print(f"ncp glossary export: the output could not be written ({exc.strerror or exc}) -- free space on the "
              "disk, or write to a file with -o", file=sys.stderr)
        return 1
    return 0


def cmd_glossary_import(args) -> int:
    """The changes of a reviewed CSV, and the pages whose term(..., form=…) follow a changed spelling."""
    from .kinds.glossary import exchange
    from .translations import glossary_pages, writing

    if args.apply and args.project.errors:
        return _refuse(args.project, "ncp glossary import --apply")
    project = args.project
    result = exchange.import_csv(project, Path(args.file), apply_changes=args.apply, write=False)
    for change in result.changes:
        print(f"{result.glossary_path}:{change.line}: {change}")
    page_changes, page_errors, pages = ([], [], {}) if result.new_text is None else glossary_pages.follow(
        project, result.changes, result.new_text)
    for moved in page_changes:
        print(moved)
    for warning in result.warnings:  # cells a spreadsheet would run as formulas (CSV injection)
        print(warning)
    errors = sorted(set(result.errors), key=lambda e: (e.path, e.line, e.field)) + page_errors
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} problem(s) found; data/glossary.yml was not changed.", file=sys.stderr)
        return 1
    total = len(result.changes) + len(page_changes)
    if args.apply and result.new_text is not None:
        writing.write_all({project.config.data_dir / "glossary.yml": result.new_text, **pages}, project.config.root)
        print(f"applied {total} change(s) to {result.glossary_path}"
              + (f" and {len(pages)} page(s)." if pages else "."))
    elif result.changes:
        print(f"{total} change(s) would be made; run again with --apply to write them.")
    else:
        print("no changes: the CSV matches the glossary.")
    return 0


def _unknown_languages(project: Project, langs: list[str] | None, command: str, option: str = "--lang") -> bool:
    """A ``--lang`` the site does not have is an error (never an empty result that looks like success)."""
    languages = project.config.languages
    unknown = [lang for lang in langs or [] if lang is not None and lang not in languages]
    for lang in unknown:
        print(f"{command}: {option} {lang}: not a language of this site -- use one of: {languages.listing()}",
              file=sys.stderr)
    return bool(unknown)


def cmd_status(args) -> int:
    """Per language: each text short of a reviewed translation, then counts of texts and of source words."""
    report = args.project.translations
    if _unknown_languages(args.project, args.lang, "ncp status"):
        return 2
    if args.lang:
        report = report.for_language(args.lang[0])
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str))
    else:
        for finding in report.findings:
            print(finding)
        words = report.word_counts()
        for lang, counts in report.counts().items():
            parts = [f"{n} {state.replace('unreviewed', 'never reviewed').replace('stale', 'source changed')} "
                     f"({words[lang][state]} words)" for state, n in counts.items() if n]
            done = report.reviewed.get(lang, (0, 0))
            print(f"{lang}: " + ", ".join(parts + [f"{done[0]} reviewed ({done[1]} words)"]))
    counts = report.counts().values()
    if any(c["missing"] for c in counts):
        return 1
    return 1 if args.strict and any(c["stale"] or c["unreviewed"] for c in counts) else 0


def cmd_reviewed(args) -> int:
    from .translations import review

    project = args.project
    if project.errors:
        return _refuse(project, "ncp translations reviewed")
    if _unknown_languages(project, args.lang, "ncp translations reviewed"):
        return 2
    if not args.targets and not args.all:
        print("ncp translations reviewed: name what you reviewed -- a file, a folder or a field "
              "(data/cases/kz0003.yml, docs/about, data/cases/kz0003.yml#summary), with --lang for one "
              "language; --all marks every translation of every text", file=sys.stderr)
        return 2
    unmatched = translation_status.unmatched_targets(project.sources, args.targets)
    if unmatched:
        for target in unmatched:
            print(f"{target}: names no file, folder or text with translations -- check the path "
                  "(e.g. data/cases/kz0003.yml, docs/about or data/cases/kz0003.yml#summary)", file=sys.stderr)
        return 1
    by, problem = review.reviewer(args.by, project.config.root)
    if problem or by is None:
        print(f"ncp translations reviewed: {problem}", file=sys.stderr)
        return 2
    result = translation_status.mark_reviewed(project.sources, args.targets, args.lang or [], by,
                                              args.on or dt.date.today(), everything=args.all)
    if result.marked:
        write_atomically(translation_status.state_path(project.sources), result.text,
                         project.sources.path(STATE_FILE))
    for key in result.marked:
        print(f"reviewed: {key}")
    if result.marked:
        print(f"{len(result.marked)} translation(s) marked as reviewed by {by} against their current source"
              + (f"; {len(result.already)} already were." if result.already else "."))
    elif result.already:
        print(f"already up to date: all {len(result.already)} matching translation(s) were reviewed against "
              "their current source; nothing was written.")
    else:
        print("0 translations marked: the matching texts have no translation in "
              + ("the language(s) given" if args.lang else "another language") + "; nothing was written.")
    return 0


def cmd_translations_export(args) -> int:
    """Every text from one source language into one target language, as XLIFF 2.0 or PO for a CAT tool."""
    from .translations import formats, units

    project = args.project
    if project.errors:
        return _refuse(project, "ncp translations export")
    if _unknown_languages(project, [args.lang, args.source or args.lang], "ncp translations export"):
        return 2
    source = args.source or project.config.languages.source
    if args.lang == source:
        print(f"ncp translations export: --lang {args.lang} is the source language -- name the language to translate "
              "into (or another --source)", file=sys.stderr)
        return 2
    found = units.collect(project, args.lang, source)
    data = (formats.write_po(found, source, args.lang, project.today) if args.format == "po"
            else formats.write_xliff(found, source, args.lang))
    write_output(Path(args.output), data, project.config.root, args.output)
    states = {state: sum(u.state == state for u in found) for state in units.STATES}
    print(f"wrote {args.output}: {len(found)} units from {source} into {args.lang} ("
          + ", ".join(f"{n} {state}" for state, n in states.items()) + ")")
    others = sorted({u.source for u in translation_status.data_units(project.sources) + translation_status.page_units(
        project.sources)} - {source, args.lang})
    for other in others:
        print(f"texts written first in {project.config.languages.name(other)} are in their own file: "
              f"ncp translations export --lang {args.lang} --source {other} -o {args.lang}.{other}.{_suffix(args.format)}")
    return 0


def _suffix(fmt: str) -> str:
    return "po" if fmt == "po" else "xlf"


def cmd_translations_import(args) -> int:
    """Each change a translated file makes (a dry run), written with --apply when every check passes."""
    from .translations import importer, review

    project = args.project
    if project.errors:
        return _refuse(project, "ncp translations import")
    by, _ignored = review.reviewer(args.by, project.config.root)
    result = importer.import_file(project, Path(args.file), apply=args.apply, by=by, on=args.on,
                                  skip_refused=args.skip_refused)
    for change in result.changes:
        print(change)
    for key in result.reviewed:
        print(f"reviewed: {key}" + (f" by {by}" if by else ""))
    for key in result.unreviewed:
        print(f"needs review again: {key} (changed without being marked reviewed)")
    for problem in result.refused:
        print(problem)
    for error in result.errors:
        print(error)
    if result.errors or (result.refused and not args.skip_refused):
        print(f"ncp translations import: nothing was written ({len(result.refused)} unit(s) refused, "
              f"{len(result.errors)} other problem(s))" + ("; --skip-refused imports the rest" if result.refused
                                                          and not result.errors else "") + ".", file=sys.stderr)
        return 1
    summary = f"{len(result.changes)} translation(s) changed, {len(result.reviewed)} review(s) recorded"
    if result.applied:
        print(f"applied: {summary}; `ncp check` passes.")
    elif result.changes or result.reviewed or result.unreviewed:
        print(f"{summary} would be made; run again with --apply to write them.")
    else:
        print("no changes: the file matches the site's texts.")
    return 1 if result.refused else 0


def cmd_translations_tmx(args) -> int:
    from .translations import memory, units

    project = args.project
    if project.errors:
        return _refuse(project, "ncp translations tmx")
    if _unknown_languages(project, [args.source, args.target], "ncp translations tmx", "--source/--target"):
        return 2
    data, count = memory.write_tmx(units.collect(project, args.target, args.source), args.source, args.target)
    write_output(Path(args.output), data, project.config.root, args.output)
    print(f"wrote {args.output}: {count} reviewed segment(s) from {args.source} to {args.target}")
    return 0


def new_records(kinds) -> dict:
    """Every record ``ncp new`` can start, by name, as the kinds declare them (``Kind.new``)."""
    return {new.name: new for kind in kinds for new in kind.new}


def schema_header(project: Project, new) -> str:
    """The first line that ties a new data file to its JSON Schema, when ``ncp schemas`` has written it."""
    from . import editor_schemas

    name = editor_schemas.name_of(new.files.path)
    if not (project.config.root / editor_schemas.FOLDER / f"{name}.json").is_file():
        return ""
    folder = project.config.data_dir / new.files.path
    return editor_schemas.header_for(project.config.root, folder / "x.yml" if folder.suffix == "" else folder, name)


def cmd_schemas(args) -> int:
    """Write schemas/ from the models and start every data file with the line naming its schema."""
    from . import editor_schemas

    project = args.project
    root = project.config.root
    written = 0
    if not (root / editor_schemas.FOLDER).is_dir():
        (root / editor_schemas.FOLDER).mkdir()
        print(f"ncp schemas: created the folder {editor_schemas.FOLDER}/")
    for name, schema in editor_schemas.schemas(project.kinds, tuple(project.config.languages)).items():
        path = root / editor_schemas.FOLDER / f"{name}.json"
        text = editor_schemas.text_of(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomically(path, text, display_path(path, root))
            written += 1
    headed = 0
    for file, name in editor_schemas.data_files(project.kinds, project.config.data_dir):
        old = file.read_text(encoding="utf-8")
        new = editor_schemas.with_header(old, editor_schemas.header_for(root, file, name))
        if new != old:
            write_atomically(file, new, display_path(file, root))
            headed += 1
    print(f"ncp schemas: {written} schema(s) written to {editor_schemas.FOLDER}/, {headed} data file(s) given "
          "their schema line.")
    return 0


def cmd_new(args) -> int:
    """Start a record from its model's skeleton: a new file, or the record appended to its list file."""
    from .core import skeleton

    project = args.project
    choices = new_records(project.kinds)
    new = choices[args.record]
    try:
        placed = skeleton.place(new, project.config.data_dir, project.config.languages, args.id, args.date,
                                args.title_ru, header=schema_header(project, new), within=args.within,
                                under=args.under, today=project.today)
    except skeleton.CannotStart as exc:
        print(f"ncp new {args.record}: {exc.args[0]}", file=sys.stderr)
        return 1
    shown = display_path(placed.path, project.config.root)
    folder = placed.path.parent
    if not folder.is_dir() and folder.parent == project.config.data_dir:
        folder.mkdir()  # the kind's own folder, not yet made (the first news item)
        print(_("created the folder {folder}", folder=f"{display_path(folder, project.config.root)}/"))
    write_atomically(placed.path, placed.text, shown)
    noun = new.name if new.inside else new.files.noun
    where = f"{shown}:{placed.line}"
    print(_("added to {where}: a new {noun} to fill in; `ncp check` lists the fields still empty.", where=where,
            noun=noun) if placed.appended else
          _("wrote {where}: a new {noun} to fill in; `ncp check` lists the fields still empty.", where=where,
            noun=noun))
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date -- write it as YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ncp", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder (default: found from the current directory)")
    parser.add_argument("--no-cache", action="store_true",
                        help="read every file afresh and keep nothing in .cache/ (the result is the same either way)")
    parser.add_argument("--lang", dest="speak", choices=LANGUAGES, default=None,
                        help="the language of the messages: kk, ru or en (default: NCP_LANG, else the system's "
                             "locale, else en)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate all data and pages, as the build does")
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text (coloured on a terminal, plain otherwise or when CI is set) or json")
    check.add_argument("--release", action="store_true",
                       help="before publishing: also fail while a visitor cannot reach the NCP (no e-mail for "
                            "the submission form, no postal address in data/contacts.yml)")
    check.add_argument("-v", "--verbose", action="store_true",
                       help="also the counts of records and translations, the warnings about files you did not "
                            "change and the historical quotations")
    check.add_argument("--lang", dest="speak_here", choices=LANGUAGES, default=None,
                       help="the language of the messages: kk, ru or en (as `ncp --lang`)")
    check.set_defaults(func=cmd_check)
    find = commands.add_parser("find", help="the files and lines where a text shown on the site is written")
    find.add_argument("text", nargs="+", help='words from the site, e.g. "initial assessment" (any language, '
                      "any letter case)")
    find.set_defaults(func=cmd_find)
    status = commands.add_parser("status", help="missing, never reviewed, stale (source changed), pending and "
                                 "orphaned translations per language, with word counts")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--strict", action="store_true",
                        help="exit 1 on translations never reviewed or whose source changed, too")
    status.add_argument("--lang", action="append", help="only this language")
    status.set_defaults(func=cmd_status)
    trans = commands.add_parser("translations", help="translation workflow")
    trans_commands = trans.add_subparsers(dest="translations_command", required=True)
    reviewed = trans_commands.add_parser(
        "reviewed", help="mark translations as reviewed against the current source text")
    reviewed.add_argument("targets", nargs="*",
                          help="files, folders or fields (path#field, as `ncp status` prints the key)")
    reviewed.add_argument("--lang", action="append", help="only this language (repeatable)")
    reviewed.add_argument("--all", action="store_true", help="every translation of every text (no target needed)")
    reviewed.add_argument("--by", help="who reviewed (default: git config user.name)")
    reviewed.add_argument("--on", type=_date, help="when, YYYY-MM-DD (default: today)")
    reviewed.set_defaults(func=cmd_reviewed)
    export = trans_commands.add_parser("export", help="every text to translate into one language, for a CAT tool")
    export.add_argument("--lang", required=True, help="the language to translate into (kk, en...)")
    export.add_argument("--source", help="the texts written first in this language (default: the site's source)")
    export.add_argument("--format", choices=["xliff", "po"], default="xliff", help="XLIFF 2.0 (default) or PO")
    export.add_argument("-o", "--output", required=True, help="file to write (kk.xlf, kk.po)")
    export.set_defaults(func=cmd_translations_export)
    imp = trans_commands.add_parser("import", help="show (and with --apply write) the translations of an XLIFF or PO file")
    imp.add_argument("file", help="an XLIFF 2.0 or PO file from `ncp translations export`, translated")
    imp.add_argument("--apply", action="store_true", help="write the changes (only when every check passes)")
    imp.add_argument("--by", help="who reviewed the units marked reviewed (default: git config user.name)")
    imp.add_argument("--on", type=_date, help="when they were reviewed, YYYY-MM-DD (default: today)")
    imp.add_argument("--skip-refused", action="store_true",
                     help="import the other units when some are refused (source changed, damaged codes)")
    imp.set_defaults(func=cmd_translations_import)
    tmx = trans_commands.add_parser("tmx", help="the reviewed translations as a TMX translation memory")
    tmx.add_argument("--source", required=True, help="source language (ru)")
    tmx.add_argument("--target", required=True, help="target language (kk, en)")
    tmx.add_argument("-o", "--output", required=True, help="file to write (ru-kk.tmx)")
    tmx.set_defaults(func=cmd_translations_tmx)
    new = commands.add_parser("new", help="start a new record (a case, an event...) with every field to fill in")
    new.add_argument("record", choices=sorted(new_records(all_kinds())), help="what to start")
    new.add_argument("--id", help="the record's id (e.g. kz-2026-enterprise); else derived from --date and --title-ru")
    new.add_argument("--date", help="its date, YYYY-MM-DD (an event's start; names the year file)")
    new.add_argument("--title-ru", help="its title in Russian")
    new.add_argument("--in", dest="within", help="for a record kept inside another (an activity, a member, a "
                     "recommendation): that record's id (action-plan-2023, a composition, peer-review-2024)")
    new.add_argument("--under", help="for an activity: its category (e.g. promotion)")
    new.add_argument("--lang", dest="speak_here", choices=LANGUAGES, default=None,
                     help="the language of the messages: kk, ru or en (as `ncp --lang`)")
    new.set_defaults(func=cmd_new)
    schemas = commands.add_parser("schemas", help="write the data files' JSON Schemas (for editors) into schemas/")
    schemas.set_defaults(func=cmd_schemas)
    gloss = commands.add_parser("glossary", help="the glossary for translators: TBX/CSV export, CSV import")
    gloss_commands = gloss.add_subparsers(dest="glossary_command", required=True)
    export = gloss_commands.add_parser("export", help="write the glossary as TBX (termbase) or CSV")
    export.add_argument("--format", choices=["tbx", "csv"], default="tbx", help="file format (default: tbx)")
    export.add_argument("--source", help="TBX: the header's language (default: the site's source language)")
    export.add_argument("--target", action="append",
                        help="TBX: a target language (repeatable); one --target gives the pair file of a Weblate "
                             "glossary (default: every other language)")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_glossary_export)
    imp = gloss_commands.add_parser("import", help="show (and with --apply make) the changes in a reviewed CSV")
    imp.add_argument("file", help="a CSV in the format of `ncp glossary export --format csv`")
    imp.add_argument("--apply", action="store_true", help="write the changes to data/glossary.yml")
    imp.set_defaults(func=cmd_glossary_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with speaking(chosen(getattr(args, "speak_here", None) or args.speak)):
            code = _run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # the reader stopped early (``ncp check | head``): not an error of ours to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python flushes stdout once more at exit
        return 128 + signal.SIGPIPE


def _run(args) -> int:
    args.root = (args.root or find_root(Path.cwd())).resolve()
    with _loaded_left_alone() as loaded:
        try:
            with loaded:
                args.project = load_project(args.root, release=getattr(args, "release", False),
                                            cached=not args.no_cache)
        except DataErrors as exc:
            print(exc.report())
            return 1
        try:
            return args.func(args)
        except WriteFailed as exc:
            print(exc.error)
            print(f"ncp {args.command}: nothing was written.", file=sys.stderr)
            return 1
        except Interrupted as exc:
            print(f"ncp {args.command}: stopped ({exc}); {exc.path} was left as it was.", file=sys.stderr)
            return 128 + exc.signum


@contextmanager
def _loaded_left_alone() -> Iterator[AbstractContextManager[None]]:
    """Loading makes hundreds of thousands of objects that live until the command ends and hold no cycles
    worth collecting, and Python's cycle collector scanned them again and again: a third of a warm
    ``ncp check`` at 1,000 cases + 5,000 events (the peak memory is the same without it). The collector
    is paused while the project loads (the context this yields) and what was loaded is then frozen, never
    scanned, until the command ends; then all is collectable again (the tests run many commands in one
    process)."""
    @contextmanager
    def loading() -> Iterator[None]:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            gc.freeze()
            if was_enabled:
                gc.enable()

    try:
        yield loading()
    finally:
        gc.unfreeze()


if __name__ == "__main__":
    sys.exit(main())
