"""ncp-site: the trilingual (kk/ru/en) website of Kazakhstan's National Contact Point for RBC.

The package holds all logic: loading and validating the YAML data in ``data/``, and rendering
it per language. MkDocs only calls into it (``ncp_site.mkdocs``: the plugin and the macros the top-level ``macros.py``
names); ARCHITECTURE.md describes the layers.
"""
