"""mkdocs-macros adapter: every macro of the project, called through the ``ncp`` plugin, which
knows the Project and the language of the page's text; pages rendered in Jinja's sandbox."""

from __future__ import annotations

import functools

from .bridge import sandboxed


def define_env(env) -> None:
    ncp = env.conf.plugins["ncp"]
    for name in ncp.macro_names():
        env.macro(functools.wraps(_call)(functools.partial(_call, ncp, env, name)), name)


def on_pre_page_macros(env) -> None:
    """Before mkdocs-macros renders a page: its Jinja environment is a sandbox (``bridge.sandboxed``)."""
    sandboxed(env)


def _call(ncp, env, name, *args, **kwargs) -> str:
    return ncp.call_macro(name, env.page, *args, **kwargs)
