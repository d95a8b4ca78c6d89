"""The translators' tests' small project under git, and how they run `ncp` (tests/translations)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from builders import REPO, case_record, concept, make_project

from ncp_site import cli

SPECIFIC_INSTANCE = concept(
    "specific_instance",
    kk={"preferred": "нақты жағдай", "forms": ["нақты жағдайға", "нақты жағдайлардың"], "status": "draft"},
    ru={"preferred": "конкретный случай", "forms": ["конкретному случаю"], "status": "draft"},
    en={"preferred": "specific instance", "plural": "specific instances", "status": "draft"})

PAGES = {
    "ru": "# Главная\n\nПодать заявку по {{ term('specific_instance', form='конкретному случаю') }} можно\n"
          "[на этой странице](about/index.md).\n\n- Первый пункт списка.\n- Второй пункт со **словом**.\n\n"
          "{{ feed_link('news') }}\n",
    "kk": "# Басты бет\n\n{{ term('specific_instance', form='нақты жағдайға') }} қатысты өтінішті\n"
          "[осы бетте](about/index.md) беруге болады.\n\n- Тізімнің бірінші тармағы.\n- Екінші тармақ **сөзбен**.\n\n"
          "{{ feed_link('news') }}\n",
    "en": "# Home\n\nA {{ term('specific_instance') }} can be raised\n[on this page](about/index.md).\n\n"
          "- The first item.\n- The second item with a **word**.\n\n{{ feed_link('news') }}\n",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def commit(root: Path, message: str = "change") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def run(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def reviewed_project(root: Path, capsys) -> Path:
    """Reviewed in kk and en by 'First Reviewer' on 2026-11-01, committed."""
    root = make_project(root, [case_record("kz0101")], glossary_extra=[SPECIFIC_INSTANCE])
    for lang, text in PAGES.items():
        (root / "docs" / f"index.{lang}.md").write_text(text, encoding="utf-8")
        about = root / "docs" / "about" / f"index.{lang}.md"
        about.parent.mkdir(parents=True, exist_ok=True)
        about.write_text(f"# About ({lang})\n", encoding="utf-8")
    shutil.copy(REPO / ".gitignore", root / ".gitignore")  # as the repository: ncp's cache (.cache/) is not committed
    git(root, "init", "-q")
    git(root, "config", "user.name", "Git User")
    git(root, "config", "user.email", "git@example.org")
    code, out, err = run(root, capsys, "translations", "reviewed", "--all", "--by", "First Reviewer",
                         "--on", "2026-11-01")
    assert code == 0, out + err
    assert run(root, capsys, "check")[0] == 0, capsys.readouterr()
    commit(root, "initial")
    return root
