"""The ``ncp`` command: checks and tools for the secretariat and translators.

``ncp check`` runs every check the build runs and prints each problem as
``path:line: field (lang): what is wrong -- how to fix``; exit status 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import site, translations
from .i18n import build_today


def find_root(start: Path) -> Path:
    """The project root is the nearest folder (upwards) holding mkdocs.yml and data/."""
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise SystemExit(f"ncp: no project found: {start} and its parents have no mkdocs.yml with a data/ folder "
                     "-- run ncp inside the ncp-site repository or pass --root")


def cmd_check(args) -> int:
    _, errors = site.collect(args.root)
    for error in sorted(set(errors), key=lambda e: (e.path, e.line, e.field)):
        print(error)
    if errors:
        print(f"{len(set(errors))} problem(s) found.", file=sys.stderr)
        return 1
    print("ncp check: all data and pages are valid in kk, ru and en.")
    return 0


def cmd_status(args) -> int:
    report = translations.translation_report(args.root, build_today())
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
    marked = translations.mark_reviewed(args.root, args.targets, args.lang or [])
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
    reviewed.add_argument("--lang", action="append", choices=["kk", "ru", "en"],
                          help="only this language (repeatable)")
    reviewed.set_defaults(func=cmd_reviewed)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
