"""Switches off pieces of the build's machinery, to measure what each one gains (``benchmark.py --machinery``).

Python imports this module at start-up when its folder is on ``PYTHONPATH``; the benchmark puts it there
only for the builds it measures with ``NCP_MACHINERY_OFF`` set (names separated by commas, see ``SWITCHES``).
Each switch replaces one function by what the build would do without that piece; the package is not
changed. A switch whose target is gone (the piece was removed or renamed) stops the build with a message.
"""

from __future__ import annotations

import importlib.abc
import os
import sys

SWITCHES = {
    "held_html": "our own HTML held out of the Markdown (site/held_html.py)",
    "fragments": "the navigation rendered once per folder (site/theme.py Fragments)",
    "search_parts": "the search index of a language in parts of PART_PAGES pages (site/search_index.py)",
    "stable_bundle": "Pagefind's bundle made the same bytes each build (site/stable_bundle.py)",
}
OFF = [name for name in os.environ.get("NCP_MACHINERY_OFF", "").split(",") if name]


def _held_html(module) -> None:
    module.HeldHtml.hold = lambda self, html: html
    module.HeldHtml.hold_blocks = lambda self, markdown: markdown


def _fragments(module) -> None:
    module.Fragments.cached = lambda self, key, caller: caller()


def _search_parts(module) -> None:
    import inspect

    function = module.build_search_index
    parameters = inspect.signature(function).parameters
    if "part_pages" not in parameters:
        raise AttributeError("build_search_index has no part_pages argument")
    function.__defaults__ = tuple(10**9 if p.name == "part_pages" else p.default
                                  for p in parameters.values() if p.default is not inspect.Parameter.empty)


def _stable_bundle(module) -> None:
    module.stabilise = lambda bundle: None


PATCHES = {
    "held_html": ("ncp_site.site.held_html", _held_html),
    "fragments": ("ncp_site.site.theme", _fragments),
    "search_parts": ("ncp_site.site.search_index", _search_parts),
    "stable_bundle": ("ncp_site.site.search_index", _stable_bundle),
}


class _AfterImport(importlib.abc.MetaPathFinder):
    """Finds a patched module as the other finders do, and patches it once it has run."""

    def __init__(self, patches: dict[str, list]) -> None:
        self.patches = patches

    def find_spec(self, name, path, target=None):
        if name not in self.patches:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        run, patches = spec.loader.exec_module, self.patches[name]

        def exec_module(module):
            run(module)
            for patch in patches:
                try:
                    patch(module)
                except AttributeError as exc:
                    raise SystemExit(f"NCP_MACHINERY_OFF: {name} changed, the switch no longer applies ({exc})") from exc

        spec.loader.exec_module = exec_module
        return spec


def _install() -> None:
    unknown = [name for name in OFF if name not in SWITCHES]
    if unknown:
        raise SystemExit(f"NCP_MACHINERY_OFF: unknown {', '.join(unknown)} (known: {', '.join(SWITCHES)})")
    patches: dict[str, list] = {}
    for name in OFF:
        if name in PATCHES:
            module, patch = PATCHES[name]
            patches.setdefault(module, []).append(patch)
    if patches:
        sys.meta_path.insert(0, _AfterImport(patches))


_install()
