"""Translators' exchange: every text out to a CAT tool and back (XLIFF 2.0, PO, TMX), with review state.

A layer beside ``site``: it reads the loaded ``Project`` (its sources, glossary and checks) and
never MkDocs. ``units`` makes the translation units (data fields, page segments with inline codes:
``segments``, ``codes``), ``formats`` writes and reads them with translate-toolkit, ``importer``
brings a translated file back (a dry run, then all-or-nothing writes after every check),
``memory`` writes the TMX, ``history`` finds a reviewed source again in git, ``glossary_pages``
keeps pages in step with a glossary import. ``ncp translations`` (``cli``) only calls these.
"""
