"""The ``ncp`` command: checks and tools for the secretariat and translators.

``ncp check`` runs every check the build runs and prints each problem as
``path:line: field (lang): what is wrong -- how to fix``; exit status 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .checks import translation_status
from .core.errors import DataErrors
from .core.files import Interrupted, WriteFailed, write_atomically
from .core.sources import STATE_FILE
from .project import Project, load_project


def find_root(start: Path) -> Path:
    """The project root is the nearest folder (upwards) holding mkdocs.yml and data/."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise SystemExit(f"ncp: no project found: {start} and its parents have no mkdocs.yml with a data/ folder "
                     "-- run ncp inside the ncp-site repository or pass --root")


def cmd_check(args) -> int:
    """Every problem, then the historical quotations; a listed name is never printed, only its entry."""
    project = args.project
    say = project.never_publish.redact
    for error in project.errors:
        print(say(str(error)))
    if project.quotations:
        print(f"{len(project.quotations)} historical quotation(s) exempt from the terminology lint "
              '(marked <q class="historical">):')
        for quotation in project.quotations:
            print(say(f"  {quotation}"))
    for warning in project.warnings:
        print(say(str(warning)))
    if project.errors:
        print(f"{len(project.errors)} problem(s) found.", file=sys.stderr)
        return 1
    if project.warnings:
        print(f"{len(project.warnings)} warning(s): publishable, but worth a look.", file=sys.stderr)
    print(f"ncp check: all data and pages are valid in {project.config.languages.spoken()}.")
    return 0


def _refuse(project: Project, command: str) -> int:
    """Commands that write stop, listing the errors, when the data they depend on does not load."""
    for error in project.errors:
        print(error)
    print(f"{command}: nothing was written: fix the {len(project.errors)} problem(s) above first (ncp check).",
          file=sys.stderr)
    return 1


def cmd_glossary_export(args) -> int:
    from .kinds.glossary import exchange

    loaded = args.project.loaded.get("glossary")
    errors = [e for e in args.project.errors if e.path == args.project.sources.path("glossary.yml")]
    if loaded is None or errors:
        for error in errors:
            print(error)
        print("ncp glossary export: fix the glossary first (ncp check).", file=sys.stderr)
        return 1
    text = (exchange.export_tbx if args.format == "tbx" else exchange.export_csv)(loaded)
    if args.output:
        write_atomically(Path(args.output), text)
        print(f"wrote {args.output} ({len(loaded.concepts)} concepts, {args.format.upper()})", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_glossary_import(args) -> int:
    from .kinds.glossary import exchange

    if args.apply and args.project.errors:
        return _refuse(args.project, "ncp glossary import --apply")
    result = exchange.import_csv(args.project, Path(args.file), apply_changes=args.apply)
    for change in result.changes:
        print(f"{result.glossary_path}:{change.line}: {change}")
    for warning in result.warnings:  # cells a spreadsheet would run as formulas (CSV injection)
        print(warning)
    for error in sorted(set(result.errors), key=lambda e: (e.path, e.line, e.field)):
        print(error)
    if result.errors:
        print(f"{len(set(result.errors))} problem(s) found; data/glossary.yml was not changed.", file=sys.stderr)
        return 1
    if result.applied:
        print(f"applied {len(result.changes)} change(s) to {result.glossary_path}.")
    elif result.changes:
        print(f"{len(result.changes)} change(s) would be made; run again with --apply to write them.")
    else:
        print("no changes: the CSV matches the glossary.")
    return 0


def cmd_status(args) -> int:
    report = args.project.translations
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str))
    else:
        for finding in report.findings:
            print(finding)
        for lang, counts in report.counts().items():
            print(f"{lang}: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    counts = report.counts().values()
    if any(c["missing"] for c in counts):
        return 1
    return 1 if args.strict and any(c["stale"] for c in counts) else 0


def cmd_reviewed(args) -> int:
    project = args.project
    if project.errors:
        return _refuse(project, "ncp translations reviewed")
    unmatched = translation_status.unmatched_targets(project.sources, args.targets)
    if unmatched:
        for target in unmatched:
            print(f"{target}: names no file, folder or text with translations -- check the path "
                  "(e.g. data/cases/kz0003.yml or docs/about)", file=sys.stderr)
        return 1
    marked, text = translation_status.mark_reviewed(project.sources, args.targets, args.lang or [])
    write_atomically(translation_status.state_path(project.sources), text,
                     project.sources.path(STATE_FILE))
    for key in marked:
        print(f"reviewed: {key}")
    print(f"{len(marked)} translation(s) marked as reviewed against their current source.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ncp", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder (default: found from the current directory)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate all data and pages, as the build does")
    check.set_defaults(func=cmd_check)
    status = commands.add_parser("status", help="missing, stale, pending and orphaned translations per language")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--strict", action="store_true", help="exit 1 on stale translations too")
    status.set_defaults(func=cmd_status)
    trans = commands.add_parser("translations", help="translation workflow")
    trans_commands = trans.add_subparsers(dest="translations_command", required=True)
    reviewed = trans_commands.add_parser(
        "reviewed", help="mark translations as reviewed against the current source text")
    reviewed.add_argument("targets", nargs="*", help="files, folders or field keys (default: everything)")
    reviewed.add_argument("--lang", action="append", help="only this language (repeatable)")
    reviewed.set_defaults(func=cmd_reviewed)
    gloss = commands.add_parser("glossary", help="the glossary for translators: TBX/CSV export, CSV import")
    gloss_commands = gloss.add_subparsers(dest="glossary_command", required=True)
    export = gloss_commands.add_parser("export", help="write the glossary as TBX (termbase) or CSV")
    export.add_argument("--format", choices=["tbx", "csv"], default="tbx", help="file format (default: tbx)")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_glossary_export)
    imp = gloss_commands.add_parser("import", help="show (and with --apply make) the changes in a reviewed CSV")
    imp.add_argument("file", help="a CSV in the format of `ncp glossary export --format csv`")
    imp.add_argument("--apply", action="store_true", help="write the changes to data/glossary.yml")
    imp.set_defaults(func=cmd_glossary_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    try:
        args.project = load_project(args.root)
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


if __name__ == "__main__":
    sys.exit(main())
