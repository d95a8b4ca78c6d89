"""The lock file (requirements-lock.txt, written by scripts/lock) holds what pyproject.toml asks for.

scripts/setup.sh installs the lock, not pyproject.toml's ranges: a dependency added to pyproject.toml
and not locked would be missing from every test run and from CI, so this test names it.
"""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = REPO / "requirements-lock.txt"
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
TARGET = {"python_version": "3.11", "python_full_version": "3.11.7", "sys_platform": "linux",
          "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix", "extra": "test"}
"""The platform the lock is resolved for (scripts/lock)."""


def locked() -> dict[str, str]:
    """Package name -> pinned version, from the lock's ``name==version \\`` lines."""
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PINNED.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def wanted() -> list[Requirement]:
    """What pyproject.toml asks for: the dependencies, the test extra and the build backend."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    texts = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"],
             *project["build-system"]["requires"]]
    return [Requirement(text) for text in texts]


def test_the_lock_satisfies_every_dependency_of_pyproject_toml():
    pins = locked()
    unmet = []
    for requirement in wanted():
        if requirement.marker and not requirement.marker.evaluate(TARGET):
            continue
        name = canonicalize_name(requirement.name)
        if name not in pins:
            unmet.append(f"{requirement} is not in the lock")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            unmet.append(f"{requirement} but the lock pins {name}=={pins[name]}")
        for extra in requirement.extras:  # pagefind[bin]: the extra's own packages are locked too
            if not any(n.startswith(f"{name}-{extra}") for n in pins):
                unmet.append(f"{requirement}: the packages of its extra [{extra}] are not in the lock")
    assert not unmet, ("requirements-lock.txt does not satisfy pyproject.toml -- run scripts/lock and commit "
                       "requirements-lock.txt:\n  " + "\n  ".join(unmet))


def test_every_locked_package_has_a_hash():
    """pip's --require-hashes refuses the whole lock if one package has none."""
    text = LOCK.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text[text.index("\n", text.index("scripts/lock")) + 1:])
    assert len(entries) == len(locked()) > 20
    assert [e.split(" ", 1)[0] for e in entries if "--hash=sha256:" not in e] == []
