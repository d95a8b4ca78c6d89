"""mkdocs-macros entry point (``module_name: macros`` in mkdocs.yml). Logic lives in ``ncp_site``."""

from ncp_site.mkdocs.macros import define_env, on_pre_page_macros  # noqa: F401
