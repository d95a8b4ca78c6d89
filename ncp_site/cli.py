"""The ``ncp`` command: checks and tools for the secretariat and translators.

``ncp check`` runs every check the build runs and prints each problem as
``path:line: field (lang): what is wrong -- how to fix``; exit status 1 when there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import site


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ncp", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder (default: found from the current directory)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate all data and pages, as the build does")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
