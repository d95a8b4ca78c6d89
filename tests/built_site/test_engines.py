"""The second engine: ProperDocs (the maintained MkDocs 1.x fork) builds the same site as MkDocs, byte for
byte, but for the generator tag. The run's site is built by ``NCP_BUILDER`` (conftest); this test builds it
with the other engine and compares every file."""

from __future__ import annotations

import re

from conftest import ENGINE, ENGINES, run_mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def files_of(root) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_other_engine_builds_the_same_site_but_for_the_generator_tag(site, project_root, tmp_path):
    other = next(engine for engine in ENGINES if engine != ENGINE)
    result = run_mkdocs_build(project_root, tmp_path / "site", engine=other)
    assert result.returncode == 0, f"{other} build failed:\n{result.stdout}\n{result.stderr[-4000:]}"
    ours, theirs = files_of(site.root), files_of(tmp_path / "site")
    assert sorted(theirs) == sorted(ours), {"only ours": sorted(set(ours) - set(theirs))[:5],
                                            "only theirs": sorted(set(theirs) - set(ours))[:5]}
    generators = {}
    for name, body in ours.items():
        if body != theirs[name]:
            assert name.endswith(".html"), f"{name} differs between {ENGINE} and {other}"
            for engine, text in ((ENGINE, body), (other, theirs[name])):
                generators.setdefault(engine, set()).update(GENERATOR.findall(text))
            assert GENERATOR.sub(b"", body) == GENERATOR.sub(b"", theirs[name]), \
                f"{name} differs between {ENGINE} and {other} beyond the generator tag"
    assert any(b"ProperDocs" in tag for tag in generators.get("properdocs", ())), \
        f"no page names ProperDocs as its generator: was the site really built by it? {generators}"
