"""ncp-site: the trilingual (kk/ru/en) website of Kazakhstan's National Contact Point for RBC.

The package holds all logic: loading and validating the YAML data in ``data/``, and rendering
it per language. MkDocs only calls into it (see ``mkdocs_plugin`` and the top-level ``macros.py``).
"""
