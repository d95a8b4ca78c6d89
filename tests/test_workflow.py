"""The publishing workflow: checks and tests gate the deployment; it uses the README's commands."""

from pathlib import Path

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
