"""``./ncp``: the Secretariat's one command, run from the repository folder (or any folder inside it).

``./ncp check``, ``./ncp preview``, ``./ncp new ...``, ``./ncp find "text"`` and ``./ncp publish``; every
other ``ncp`` command passes through. The ``ncp`` script beside ``mkdocs.yml`` prepares ``.venv`` in its
own process and runs this module, so the caller's terminal is never changed (sourcing a script with
``set -e`` closed it at the first error). ``publish`` saves and publishes the data and pages without
git knowledge: check, the changes in plain words, a one-line description, a commit of ``data/`` and
``docs/`` only (never an editor), a push to the branch's upstream, and where to watch the result.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import cli
from .core.languages import Languages
from .core.config import load_config
from .core.worktree import DELETED, Change, changes, git
from .kinds import all_kinds

PUBLISHED = ("data/", "docs/")
"""What ``./ncp publish`` saves and publishes; a change anywhere else is a developer's."""
PREVIEW_ADDRESS = "127.0.0.1:8000"  # MkDocs' default dev_addr

HELP = """\
./ncp -- the Secretariat's commands (run them in the ncp-site folder, or any folder inside it):

  ./ncp check               check every data file and page; lists each problem as file:line: field (language)
  ./ncp preview             the site on this computer while you edit (Ctrl-C stops it)
  ./ncp new case --id ID    start a new record with every field to fill in (./ncp new --help lists the kinds)
  ./ncp find "text"         the files and lines where a text shown on the site is written
  ./ncp publish             check, save and publish your changes under data/ and docs/
  ./ncp status              translations missing or to review, per language

Every other ncp command works too (./ncp translations ..., ./ncp glossary ...): ./ncp --help lists them.
The guide: guide/secretariat.en.md (Russian: guide/secretariat.ru.md, Kazakh: guide/secretariat.kk.md).
"""


def main(argv: list[str] | None = None, *, ask: Callable[[str], str] = input) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    root = None
    if argv[:1] == ["--root"] and len(argv) > 1:
        root, argv = Path(argv[1]), argv[2:]
    root = (root or cli.find_root(Path.cwd())).resolve()
    if not argv or argv[0] in ("help", "-h"):
        print(HELP, end="")
        return 0
    command, rest = argv[0], argv[1:]
    if command == "preview":
        return preview(root, rest)
    if command == "publish":
        if rest:
            print(f"./ncp publish takes no arguments (given: {' '.join(rest)}); it asks for the description.",
                  file=sys.stderr)
            return 2
        return publish(root, ask=ask)
    known = ncp_commands()
    if command not in known and not command.startswith("-"):
        close = difflib.get_close_matches(command, [*known, "preview", "publish", "help"], n=1)
        print(f"./ncp: there is no command '{command}'" + (f" -- did you mean ./ncp {close[0]}?" if close else "")
              + " (./ncp help lists the commands)", file=sys.stderr)
        return 2
    return cli.main(["--root", str(root), *argv])


def ncp_commands() -> list[str]:
    """The commands of ``ncp`` itself (check, new, find, status...), from its parser."""
    for action in cli.build_parser()._actions:  # argparse keeps its sub-commands here (no public accessor)
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


# ---- preview -----------------------------------------------------------------------------------------------


def preview(root: Path, args: list[str]) -> int:
    """``mkdocs serve --dirty`` (the README's preview), with the address to open and how to stop it."""
    address = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-a", "--dev-addr")), PREVIEW_ADDRESS)
    path = urlsplit(site_url(root) or "/").path or "/"
    print(f"Starting the preview (about a minute). When the lines below say 'Serving on', open\n"
          f"    http://{address}{path}\n"
          "in your browser. Each time you save a file under data/ or docs/, the page updates by itself;\n"
          "when the data has a mistake, every page shows it in a red box until you fix it.\n"
          "To stop the preview: press Ctrl-C in this window (hold Ctrl, press C).\n", flush=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", *args], cwd=root, env=env)
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl-C reached the server too (same process group): let it finish
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.send_signal(signal.SIGTERM)
            server.wait()
        print("\nThe preview has stopped.")
        return 0


def site_url(root: Path, environ=None) -> str | None:
    """The live address: ``NCP_SITE_URL``, else ``site_url`` in mkdocs.yml (its ``!ENV`` default)."""
    environ = os.environ if environ is None else environ
    if environ.get("NCP_SITE_URL"):
        return environ["NCP_SITE_URL"]

    class Loader(yaml.SafeLoader):
        pass

    def env_tag(loader, node):
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        return next((environ[n] for n in names[:-1] if environ.get(n)), names[-1] if len(names) > 1 else None)

    Loader.add_constructor("!ENV", env_tag)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8-sig"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url else None


# ---- publish -----------------------------------------------------------------------------------------------


class Refused(Exception):
    """``./ncp publish`` stops: the message says why and what to do; nothing was saved or published."""


def publish(root: Path, *, ask: Callable[[str], str] = input) -> int:
    try:
        return _publish(root, ask)
    except Refused as exc:
        print(f"\n./ncp publish: {exc}", file=sys.stderr)
        return 1


def _publish(root: Path, ask: Callable[[str], str]) -> int:
    found = changes(root)
    if found is None:
        raise Refused("this folder is not a copy of the repository made with git (git clone), so there is "
                      "nowhere to publish to -- ask a developer to set it up")
    remote, target = _upstream(root)
    outside = [change for change in found if not change.path.startswith(PUBLISHED)]
    if outside:
        raise Refused("files outside data/ and docs/ changed, and this command publishes only the data and the "
                      "pages:\n" + "\n".join(f"    {change.state:8} {change.path}" for change in outside)
                      + "\nNothing was saved or published. Ask a developer: they publish changes to the code "
                      "(or undo them, if you did not mean to make them).")
    missing = _missing_identity(root)
    if missing:
        raise Refused("git does not know your name and e-mail, which every saved change records. Type these two "
                      "commands once (with your own name and e-mail), then run ./ncp publish again:\n"
                      '    git config --global user.name "Your Name"\n'
                      '    git config --global user.email "you@example.org"')
    waiting = _unpublished_commits(root, f"{remote}/{target}")
    code = _committed_outside(root, f"{remote}/{target}") if waiting else []
    if code:
        raise Refused("changes saved on this computer and not yet published touch files outside data/ and docs/:\n"
                      + "\n".join(f"    {path}" for path in code)
                      + "\nNothing was published. Ask a developer: they publish changes to the code.")
    if not found and not waiting:
        print("Nothing to publish: no file under data/ or docs/ changed since the last publication.")
        return 0
    print("Checking every data file and page (ncp check --release) ...", flush=True)
    if cli.main(["--root", str(root), "check", "--release"]) != 0:  # --release: a visitor can reach the NCP
        raise Refused("the check found the problems listed above. Nothing was saved or published. Fix each one "
                      "(./ncp check lists them again), then run ./ncp publish again.")
    if found:
        print(f"\nYour changes ({len(found)} file(s)):")
        for change in found:
            print(f"    {change.state:8} {describe(root, change)}")
    if waiting:
        print(f"\nSaved before and not yet published ({len(waiting)}):")
        for line in waiting:
            print(f"    {line}")
    if found:
        message = _description(ask)
        _save(root, message)
    print(f"\nPublishing to {remote} ({target}) ...", flush=True)
    pushed = git(root, "push", remote, f"HEAD:refs/heads/{target}", timeout=600)
    if pushed is None or pushed.returncode != 0:
        said = (pushed.stderr if pushed is not None else "git did not answer within 10 minutes").strip()
        print(said, file=sys.stderr)
        if re.search(r"\[rejected\]|fetch first|non-fast-forward", said):
            hint = ("someone published other changes first. Ask a developer to bring them into your copy "
                    "(git pull --rebase), then run ./ncp publish again: it publishes what is saved.")
        else:
            hint = ("the connection to the repository failed (see git's message above). Check the internet "
                    "connection and your access to the repository, then run ./ncp publish again: it publishes "
                    "what is saved.")
        raise Refused("your change is saved on this computer but was NOT published: " + hint)
    print("\n".join(["", "Published. The site is rebuilt from it now: it checks everything again, builds every "
                    "page in kk, ru and en and puts them online.", *where_to_watch(root, remote)]))
    return 0


def _upstream(root: Path) -> tuple[str, str]:
    """The remote and the branch the current branch publishes to (its upstream)."""
    head = git(root, "symbolic-ref", "--quiet", "--short", "HEAD")
    if head is None or head.returncode != 0:
        raise Refused("this copy is not on a branch (git says 'detached HEAD') -- ask a developer to put it "
                      "back on the main branch")
    branch = head.stdout.strip()
    remote = git(root, "config", f"branch.{branch}.remote")
    merge = git(root, "config", f"branch.{branch}.merge")
    if remote is None or merge is None or remote.returncode or merge.returncode:
        raise Refused(f"the branch {branch} has no place to publish to (no upstream) -- ask a developer to run: "
                      f"git push -u origin {branch}")
    return remote.stdout.strip(), merge.stdout.strip().removeprefix("refs/heads/")


def _missing_identity(root: Path) -> list[str]:
    missing = []
    for key, variable in (("user.name", "GIT_AUTHOR_NAME"), ("user.email", "GIT_AUTHOR_EMAIL")):
        value = git(root, "config", key)
        if not os.environ.get(variable) and (value is None or not value.stdout.strip()):
            missing.append(key)
    return missing


def _unpublished_commits(root: Path, upstream: str) -> list[str]:
    """Commits saved on this branch and not on its upstream (a publication whose push failed)."""
    done = git(root, "log", "--format=%h %s", f"{upstream}..HEAD")
    return done.stdout.splitlines() if done is not None and done.returncode == 0 else []


def _committed_outside(root: Path, upstream: str) -> list[str]:
    done = git(root, "diff", "--name-only", f"{upstream}...HEAD")
    paths = done.stdout.splitlines() if done is not None and done.returncode == 0 else []
    return [path for path in paths if not path.startswith(PUBLISHED)]


def _description(ask: Callable[[str], str]) -> str:
    print("\nDescribe your change in one line, for the site's history "
          "(for example: Case kz0003: status updated after the initial assessment).")
    for _ignored in range(3):
        try:
            text = " ".join(ask("Description: ").split())
        except (EOFError, KeyboardInterrupt):
            break
        if text:
            return text
        print("The description is empty: write a few words about what you changed.")
    raise Refused("no description was given. Nothing was saved or published.")


def _save(root: Path, message: str) -> None:
    """One commit of data/ and docs/ with the message: never an editor, never another file."""
    paths = [p.rstrip("/") for p in PUBLISHED if (root / p).exists()]
    env = {"GIT_EDITOR": "true"}
    for step in (["add", "--all", "--", *paths], ["commit", "--quiet", "-m", message, "--", *paths]):
        done = _git_with(root, step, env)
        if done.returncode != 0:
            raise Refused(f"git could not save the change:\n{(done.stderr or done.stdout).strip()}\n"
                          "Nothing was published. Ask a developer, showing them this message.")
    head = git(root, "log", "-1", "--format=%h")
    print(f"Saved as {head.stdout.strip() if head is not None else 'a new commit'}: {message}")


def _git_with(root: Path, args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL, env={**os.environ, **env}, timeout=120)


def where_to_watch(root: Path, remote: str) -> list[str]:
    """Where the publishing run shows (GitHub Actions, from the remote's address) and the live address."""
    url = git(root, "remote", "get-url", remote)
    address = url.stdout.strip() if url is not None and url.returncode == 0 else ""
    actions = actions_page(address)
    lines = []
    if actions:
        lines.append(f"Watch the publishing run here (a green tick: the site is updated; a red cross: it was not, "
                     f"click it to see why):\n    {actions}")
    else:
        lines.append(f"The repository ({without_credentials(address)}) is not on GitHub: ask a developer where "
                     "its publishing runs are shown.")
    live = site_url(root)
    if live:
        lines.append(f"The site, once the run is green:\n    {live}")
    return lines


def actions_page(remote_url: str) -> str | None:
    """``https://github.com/<owner>/<repo>/actions`` for a GitHub remote (https, ssh or scp-like); else None."""
    found = re.fullmatch(r"(?:[\w.+-]+@)?github\.com:(?P<path>[^/]+/[^/]+?)(?:\.git)?/?", remote_url)
    if found is None:
        parts = urlsplit(remote_url)
        if parts.hostname != "github.com":
            return None
        found = re.fullmatch(r"/(?P<path>[^/]+/[^/]+?)(?:\.git)?/?", parts.path)
        if found is None:
            return None
    return f"https://github.com/{found.group('path')}/actions"


def without_credentials(url: str) -> str:
    """A remote address as it may be printed: no user name or token (https://user:token@host/...)."""
    parts = urlsplit(url)
    if parts.scheme and "@" in parts.netloc:
        return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()
    return url


# ---- the changes in plain words ----------------------------------------------------------------------------


def describe(root: Path, change: Change, languages: Languages | None = None) -> str:
    """``the specific instance kz0002 (data/cases/kz0002.yml)``, ``the Kazakh page «Біз туралы» (docs/...)``."""
    return f"{_what(root, change, languages)} ({change.path})"


def _what(root: Path, change: Change, languages: Languages | None) -> str:
    path = change.path
    if path.startswith("docs/"):
        found = re.fullmatch(r"docs/(?P<page>.+)\.(?P<lang>[a-z]{2})\.md", path)
        if not found:
            return "a file of the pages (a picture or a document)"
        languages = languages or load_config(root).languages
        lang = languages.name(found.group("lang")) if found.group("lang") in languages else found.group("lang")
        title = _page_title(root / path) if change.state != DELETED else None
        return f"the {lang} page" + (f" «{title}»" if title else f" {found.group('page')}")
    if not path.startswith("data/"):
        return "a file"
    inside = path.removeprefix("data/")
    stem = Path(inside).stem
    for kind in all_kinds():
        for new in kind.new:
            files = new.files
            if new.inside:
                continue
            if files.list_key is None and inside == f"{files.path}/{Path(inside).name}":
                return f"the {files.noun} {stem}"
            if files.list_key is not None and (inside == files.path or inside.startswith(files.path + "/")):
                return f"the {files.noun} list" + ("" if inside == files.path else f" of {stem}")
        if inside in kind.data:
            return "the interface wording" if kind.name == "ui" else f"the {kind.name.replace('_', ' ')}"
    if inside == "translation-state.yml":
        return "the record of reviewed translations"
    return "a data file"


def _page_title(path: Path) -> str | None:
    """A page's title as its readers see it: ``title:`` in its front matter, else its first heading."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    front = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    if front:
        title = re.search(r"^title:\s*['\"]?(.+?)['\"]?\s*$", front.group(1), re.MULTILINE)
        if title:
            return title.group(1)
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    return heading.group(1) if heading and "{" not in heading.group(1) else None


if __name__ == "__main__":
    sys.exit(main())
