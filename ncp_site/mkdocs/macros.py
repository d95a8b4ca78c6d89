"""mkdocs-macros adapter: every macro of the project, called through the ``ncp`` plugin, which
knows the Project and the language of the page's text; pages rendered in Jinja's sandbox."""

from __future__ import annotations

import functools

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import SandboxedEnvironment
from mkdocs.exceptions import PluginError


def define_env(env) -> None:
    ncp = env.conf.plugins["ncp"]
    for name in ncp.macro_names():
        env.macro(functools.wraps(_call)(functools.partial(_call, ncp, env, name)), name)


def on_pre_page_macros(env) -> None:
    """Before mkdocs-macros renders a page: its Jinja environment is a sandbox (``sandboxed``)."""
    sandboxed(env)


def _call(ncp, env, name, *args, **kwargs) -> str:
    return ncp.call_macro(name, env.page, *args, **kwargs)


# Hack: mkdocs-macros 1.5 internals. Its Jinja environment is a plain ``jinja2.Environment`` kept in
# ``MacrosPlugin._env`` (made in its ``on_config``, again for every language build; there is no option
# for a sandbox). It is replaced here by a ``SandboxedEnvironment`` with the same settings, macros and
# filters, so that an expression that walks attributes (``cycler.__init__.__globals__``) raises
# ``SecurityError`` instead of reaching Python. The pages' check (``checks/page_templates.py``) refuses
# such expressions before the build starts; this is defence in depth. Tested by
# tests/mkdocs/test_macros_sandbox.py, which fails if mkdocs-macros keeps its environment elsewhere.
_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
             "undefined", "finalize", "autoescape", "loader", "auto_reload", "bytecode_cache")


def sandboxed(plugin) -> None:
    """Make the macros plugin's Jinja environment a sandbox with the same settings (once per environment)."""
    environment = getattr(plugin, "_env", None)
    if isinstance(environment, SandboxedEnvironment):
        return
    if type(environment) is not jinja2.Environment:
        raise PluginError("mkdocs-macros keeps no plain Jinja environment in '_env' any more "
                          f"(found {type(environment).__name__}): pages would not be rendered in a sandbox -- "
                          "update ncp_site/mkdocs/macros.py (sandboxed) for this mkdocs-macros version")
    sandbox = SandboxedEnvironment(**{name: getattr(environment, name) for name in _SETTINGS},
                                   extensions=[type(extension) for extension in environment.extensions.values()],
                                   enable_async=environment.is_async)
    sandbox.globals.update({name: value for name, value in environment.globals.items()
                            if name not in DEFAULT_NAMESPACE})  # the sandbox's own range() stays
    sandbox.filters.update(environment.filters)
    sandbox.tests.update(environment.tests)
    plugin._env = sandbox
