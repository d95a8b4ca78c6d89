"""Template syntax in the build: data text reaches the pages after mkdocs-macros ran (never as template
input), a page that tries more than a macro call stops the build with located errors before any page is
rendered, and mkdocs-macros renders in Jinja's sandbox (``ncp_site/mkdocs/bridge.py``)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
import yaml
from builders import buildable, case_record, concept, make_project, write_yaml
from conftest import run_mkdocs_build
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from ncp_site.mkdocs.bridge import sandboxed
from ncp_site.mkdocs.macros import on_pre_page_macros


def attack(marker) -> str:
    return f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"


def project(tmp_path, pages: dict) -> object:
    root = make_project(tmp_path / "p", [case_record()], glossary_extra=[concept("specific_instance")])
    return buildable(root, pages)


def test_data_text_is_never_template_input(tmp_path):
    """An abbreviation's expansion (the key every page gets), the pending banner's wording and a generated
    page's text, each written as Jinja, are shown as written and nothing runs."""
    marker = tmp_path / "evaluated"
    root = project(tmp_path, {"about/index.md": {
        "ru": "# О НКП\n\nESG и {{ term('specific_instance') }}.\n", "kk": "# НКП\n\nESG.\n",
        "en": "---\ntranslation_pending: 2099-12-31\n---\n"}})
    payload = f"{attack(marker)} {{% if 1 %}}statement{{% endif %}} {{# comment #}}"
    write_yaml(root / "data" / "abbreviations.yml", {"abbreviations": [
        {"id": "esg", **{lang: {"abbr": "ESG", "expansion": payload} for lang in ("kk", "ru", "en")}}]})
    ui = yaml.safe_load((root / "data" / "ui.yml").read_text(encoding="utf-8"))
    ui["pending.title"] = {lang: payload for lang in ("kk", "ru", "en")}
    write_yaml(root / "data" / "ui.yml", ui)
    case = yaml.safe_load((root / "data" / "cases" / "kz0101.yml").read_text(encoding="utf-8"))
    case["title"] = case["summary"] = {lang: payload for lang in ("kk", "ru", "en")}
    write_yaml(root / "data" / "cases" / "kz0101.yml", case)

    result = run_mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists(), "data text was rendered as a template"
    written = html.unescape(f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}} "
                            "{% if 1 %}statement{% endif %} {# comment #}")
    about = (tmp_path / "site" / "ru" / "about" / "index.html").read_text(encoding="utf-8")
    titles = [html.unescape(t) for t in re.findall(r'<abbr title="([^"]*)">ESG</abbr>', about)]
    assert titles == [written], titles
    pending = (tmp_path / "site" / "en" / "about" / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="admonition-title">(.*?)</p>', pending, re.DOTALL)
    assert banner and html.unescape(banner.group(1)) == written
    case_page = (tmp_path / "site" / "en" / "cases" / "kz0101" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", case_page, re.DOTALL)
    assert heading and html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).startswith(written)


def test_a_page_that_tries_more_than_a_macro_call_stops_the_build_before_rendering(tmp_path):
    marker = tmp_path / "evaluated"
    root = project(tmp_path, {"about/index.md": {
        "ru": "# О НКП\n", "kk": "# НКП\n",
        "en": f"---\ntitle: About\n---\n\n# About\n\n{attack(marker)}\n\n{{{{ config.site_name }}}}\n"}})
    result = run_mkdocs_build(root, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert "docs/about/index.en.md:7: page (en): " in out and "docs/about/index.en.md:9: page (en): " in out, out
    assert not marker.exists()
    assert not (tmp_path / "site").exists(), "a failed build writes no site"


# --- the sandbox (defence in depth) --------------------------------------------------------------

@pytest.fixture
def macros(tmp_path):
    """The macros plugin of a small project, configured as a build configures it."""
    root = project(tmp_path, {"about/index.md": {lang: "# A\n" for lang in ("kk", "ru", "en")}})
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        yield config.plugins["macros"]
    finally:
        config.plugins.on_shutdown()


def test_mkdocs_macros_renders_pages_in_the_sandbox(macros, tmp_path):
    marker = tmp_path / "evaluated"
    on_pre_page_macros(macros)
    assert isinstance(macros.env, SandboxedEnvironment), "mkdocs-macros' environment was not replaced"
    assert "term" in macros.env.globals and macros.env.undefined.__name__ == "StrictUndefined"
    with pytest.raises(SecurityError):
        macros.env.from_string(attack(marker)).render(**macros.variables)
    assert not marker.exists()
    assert macros.env.from_string("{{ range(3)|list }}").render() == "[0, 1, 2]"


def test_the_sandbox_refuses_to_guess_when_mkdocs_macros_changes():
    """If an mkdocs-macros release keeps its environment elsewhere, the build stops and says where to look."""
    with pytest.raises(PluginError, match="ncp_site/mkdocs/bridge.py"):
        sandboxed(SimpleNamespace())
