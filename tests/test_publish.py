"""``./ncp publish`` against a local bare repository as the remote: it saves and pushes the data and pages
alone, with the Secretariat's one-line description and no editor, and refuses (exit 1, nothing saved, nothing
pushed) when the check fails, when code changed, and when git does not know who is saving."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

import pytest
import yaml

from ncp_site import secretariat
from ncp_site.core.worktree import Change

from .builders import REPO, case_record, make_project, write_yaml

DESCRIPTION = "Case kz0101: status confirmed"
CONTACTS = {"secretariat": {"kk": "ҰБО хатшылығы", "ru": "Секретариат НКП", "en": "NCP Secretariat"},
            "email": "ncp@example.org",
            "address": {"kk": "Астана, 1-көше, 1", "ru": "Астана, улица 1, 1", "en": "1 Street 1, Astana"}}
ABOUT = {"kk": "# Біз туралы\n\nМәтін.\n", "ru": "# О нас\n\nТекст.\n", "en": "# About us\n\nText.\n"}


def git(folder, *args) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A small valid project cloned from a bare repository, its branch tracking the bare one's ``main``;
    git sees no configuration but the working copy's own (the machine's name and e-mail included)."""
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
                     "GIT_EDITOR", "EDITOR", "VISUAL", "NCP_SITE_URL"):
        monkeypatch.delenv(variable, raising=False)
    work = make_project(tmp_path / "work", [case_record("kz0101", status_as_of=dt.date(2026, 1, 10))])
    write_yaml(work / "data" / "contacts.yml", CONTACTS)
    (work / ".gitignore").write_text((REPO / ".gitignore").read_text(encoding="utf-8"), encoding="utf-8")  # ncp's .cache/
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", "origin.git")
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "config", "user.name", "Aigerim Secretariat")
    git(work, "config", "user.email", "secretariat@example.org")
    marker = tmp_path / "an-editor-opened"
    git(work, "config", "core.editor", f"touch {marker}; false")  # plain `git commit` opened vim here
    git(work, "add", "--all")
    git(work, "commit", "--quiet", "-m", "The site as published")
    git(work, "remote", "add", "origin", str(tmp_path / "origin.git"))
    git(work, "push", "--quiet", "--set-upstream", "origin", "main")
    return work


def publish(repo, capsys, answer: str = DESCRIPTION) -> tuple[int, str]:
    asked = []
    status = secretariat.main(["--root", str(repo), "publish"], ask=lambda prompt: asked.append(prompt) or answer)
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out + out.err


def published(repo) -> str:
    return git(repo.parent / "origin.git", "log", "-1", "--format=%s")


def edit_case(repo, old: str, new: str) -> None:
    path = repo / "data" / "cases" / "kz0101.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_data_only_change_is_saved_with_the_description_and_pushed(repo, capsys):
    edit_case(repo, "status_as_of: 2026-01-10", "status_as_of: 2026-01-20")
    (repo / "docs" / "about").mkdir()
    for lang, text in ABOUT.items():
        (repo / "docs" / "about" / f"index.{lang}.md").write_text(text, encoding="utf-8")
    status, out = publish(repo, capsys)
    assert status == 0, out
    assert "changed  the specific instance kz0101 (data/cases/kz0101.yml)" in out
    assert "added    the Kazakh page «Біз туралы» (docs/about/index.kk.md)" in out
    assert published(repo) == DESCRIPTION
    assert "added    the Russian page «О нас» (docs/about/index.ru.md)" in out
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "data/cases/kz0101.yml", *(f"docs/about/index.{lang}.md" for lang in ("en", "kk", "ru"))]
    assert git(repo, "log", "-1", "--format=%an <%ae>") == "Aigerim Secretariat <secretariat@example.org>"
    assert git(repo, "status", "--porcelain") == ""
    assert not (repo.parent / "an-editor-opened").exists()
    assert "https://ncp-kazakhstan.github.io/ncp-site/" in out  # mkdocs.yml's site_url: the live address


def test_a_failing_check_saves_and_publishes_nothing(repo, capsys):
    before = git(repo, "rev-parse", "HEAD")
    edit_case(repo, "status: under_initial_assessment", "status: closed")
    status, out = publish(repo, capsys)
    assert status == 1
    assert "data/cases/kz0101.yml:" in out and "'closed' is not allowed" in out  # the check's own lines
    assert "the check found the problems listed above. Nothing was saved or published." in out
    assert git(repo, "rev-parse", "HEAD") == before and published(repo) == "The site as published"
    assert "data/cases/kz0101.yml" in git(repo, "status", "--porcelain")  # the edit is left as it was


def test_a_change_to_the_code_is_refused_and_listed(repo, capsys):
    edit_case(repo, "status_as_of: 2026-01-10", "status_as_of: 2026-01-20")
    (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(encoding="utf-8") + "\n# note\n",
                                     encoding="utf-8")
    (repo / "scripts").mkdir()
    (repo / "scripts" / "mine.sh").write_text("echo\n", encoding="utf-8")
    status, out = publish(repo, capsys)
    assert status == 1
    assert "files outside data/ and docs/ changed" in out and "Ask a developer" in out
    assert "changed  mkdocs.yml" in out and "added    scripts/mine.sh" in out
    assert "data/cases/kz0101.yml" not in out.split("files outside")[1]  # only the files outside are listed
    assert published(repo) == "The site as published" and git(repo, "log", "-1", "--format=%s") == published(repo)


def test_without_a_git_identity_it_says_the_two_commands(repo, capsys):
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    edit_case(repo, "status_as_of: 2026-01-10", "status_as_of: 2026-01-20")
    status, out = publish(repo, capsys)
    assert status == 1
    assert 'git config --global user.name "Your Name"' in out
    assert 'git config --global user.email "you@example.org"' in out
    assert published(repo) == "The site as published" and git(repo, "log", "-1", "--format=%s") == published(repo)


def test_an_empty_description_is_asked_again_then_nothing_is_saved(repo, capsys):
    edit_case(repo, "status_as_of: 2026-01-10", "status_as_of: 2026-01-20")
    status, out = publish(repo, capsys, answer="   ")
    assert status == 1 and "no description was given" in out
    assert git(repo, "log", "-1", "--format=%s") == "The site as published"


def test_nothing_changed_is_nothing_to_publish(repo, capsys):
    status, out = publish(repo, capsys)
    assert status == 0 and "Nothing to publish" in out


def test_a_refused_push_keeps_the_change_saved_and_the_next_run_publishes_it(repo, capsys, tmp_path):
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "origin.git"), str(other))
    (other / "docs" / "index.en.md").write_text("# Home, edited elsewhere\n", encoding="utf-8")
    git(other, "-c", "user.name=B", "-c", "user.email=b@example.org", "commit", "--quiet", "-am", "Elsewhere")
    git(other, "push", "--quiet")
    edit_case(repo, "status_as_of: 2026-01-10", "status_as_of: 2026-01-20")
    status, out = publish(repo, capsys)
    assert status == 1 and "saved on this computer but was NOT published" in out
    assert "someone published other changes first" in out
    assert git(repo, "log", "-1", "--format=%s") == DESCRIPTION and published(repo) == "Elsewhere"

    git(repo, "pull", "--quiet", "--rebase")
    status, out = publish(repo, capsys)
    assert status == 0, out
    assert "Saved before and not yet published (1)" in out and DESCRIPTION in out
    assert published(repo) == DESCRIPTION


@pytest.mark.parametrize("remote, page", [
    ("git@github.com:ncp-kazakhstan/ncp-site.git", "https://github.com/ncp-kazakhstan/ncp-site/actions"),
    ("https://github.com/ncp-kazakhstan/ncp-site", "https://github.com/ncp-kazakhstan/ncp-site/actions"),
    ("https://x-access-token:secret@github.com/ncp-kazakhstan/ncp-site.git",
     "https://github.com/ncp-kazakhstan/ncp-site/actions"),
    ("ssh://git@github.com/ncp-kazakhstan/ncp-site.git", "https://github.com/ncp-kazakhstan/ncp-site/actions"),
    ("https://gitlab.com/ncp/ncp-site.git", None),
    ("/srv/git/ncp-site.git", None),
])
def test_where_to_watch_is_the_github_actions_page_of_the_remote(remote, page):
    assert secretariat.actions_page(remote) == page
    assert "secret" not in secretariat.without_credentials(remote)


def test_the_live_address_follows_ncp_site_url_then_mkdocs_yml():
    assert secretariat.site_url(REPO, {}) == yaml.safe_load(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("site_url:")[1].split("\n")[0].split("!ENV")[1])[1]
    assert secretariat.site_url(REPO, {"NCP_SITE_URL": "https://ncp.example.kz/"}) == "https://ncp.example.kz/"


@pytest.mark.parametrize("path, said", [
    ("data/cases/kz0002.yml", "the specific instance kz0002"),
    ("data/events/2026.yml", "the event list of 2026"),
    ("data/faq.yml", "the question list"),
    ("data/ui.yml", "the interface wording"),
    ("data/glossary.yml", "the glossary"),
    ("docs/reports/files/report.ru.pdf", "a file of the pages (a picture or a document)"),
    ("docs/about/index.ru.md", "the Russian page «"),
])
def test_changes_are_said_in_plain_words(path, said):
    assert secretariat.describe(REPO, Change(path, "changed")).startswith(said)


def test_the_wrapper_runs_from_any_folder_and_never_closes_the_terminal(tmp_path):
    """``./ncp`` is executed in its own process: sourced by mistake it refuses and returns; run, it leaves the
    shell's options alone whatever the command's exit status."""
    env = {**os.environ, "NCP_EXTRAS": "test"}  # the extras the tests' .venv was made with: nothing to install
    sourced = subprocess.run(["bash", "-c", "set +e; source ./ncp check; echo alive $?"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=60)
    assert sourced.stdout.strip() == "alive 2" and "not with 'source'" in sourced.stderr
    run = subprocess.run(["bash", "-c", "../../ncp help; echo status=$?; ../../ncp chek; echo status=$? $-"],
                         cwd=REPO / "data" / "cases", env=env, capture_output=True, text=True, timeout=600)
    assert "./ncp publish" in run.stdout and "status=0" in run.stdout, run.stderr
    assert "did you mean ./ncp check?" in run.stderr
    assert "status=2" in run.stdout and "e" not in run.stdout.split("status=2")[1].strip()
