"""The navigation rendered once per folder for pages outside it (``site.theme.Fragments``) is the right one on every page."""

import posixpath
import re
from collections import defaultdict

import jinja2
import pytest
from conftest import LANG_PREFIX

from ncp_site.site.theme import CompiledTemplates, Fragments

_PRIMARY = re.compile(r'data-md-type="navigation".*?<div class="md-sidebar md-sidebar--secondary"', re.S)
_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>\s*)?([^<]+?)\s*<', re.S)


def test_a_template_is_compiled_once_for_every_environment_made_with_the_same_compiled_templates(tmp_path):
    (tmp_path / "main.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    compiled, compiles = CompiledTemplates(), []

    class Counting(jinja2.Environment):  # as MkDocs makes one for every build
        def compile(self, *args, **kwargs):
            compiles.append(args[1])
            return super().compile(*args, **kwargs)

    def rendered() -> str:
        env = Counting(loader=jinja2.FileSystemLoader(tmp_path))
        env.bytecode_cache = compiled
        return env.get_template("main.html").render(title="A")

    assert rendered() == rendered() == rendered() == "<p>A</p>"
    assert compiles == ["main.html"]
    (tmp_path / "main.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert rendered() == "<h1>A</h1>", "a changed template is compiled again"
    assert len(compiles) == 2


def test_a_fragment_is_rendered_once_per_key_and_every_time_without_one():
    fragments, calls = Fragments(), []

    def render():
        calls.append(1)
        return f"nav {len(calls)}"

    assert fragments.cached("cases", render) == fragments.cached("cases", render) == "nav 1"
    assert fragments.cached("events", render) == "nav 2"
    assert fragments.cached(None, render) == "nav 3" and fragments.cached(None, render) == "nav 4"


@pytest.mark.parametrize("lang", LANG_PREFIX)
def test_every_navigation_link_leads_to_the_same_page_from_every_page(site, lang):
    """Relative links resolved from each page: an entry titled X leads to one place, on hand-written and generated pages."""
    targets: dict[str, set[str]] = defaultdict(set)
    pages = sorted(site.pages(lang))
    assert any(p.startswith("cases/") and p.count("/") == 2 for p in pages), "some generated pages are checked"
    for page in pages:
        html = site.root.joinpath(LANG_PREFIX[lang], page).read_text(encoding="utf-8")
        nav = _PRIMARY.search(html)
        if nav is None:
            continue
        folder = posixpath.dirname(posixpath.join(LANG_PREFIX[lang], page))
        for href, title in _LINK.findall(nav.group(0)):
            if href.startswith(("http:", "https:", "#")):
                continue
            target = href.lstrip("/") or "." if href.startswith("/") else posixpath.join(folder, href)  # 404.html: from the root
            targets[title.strip()].add(posixpath.normpath(target))
    assert targets, "the navigation was found"
    ambiguous = {title: sorted(found) for title, found in targets.items() if len(found) > 1}
    assert not ambiguous
