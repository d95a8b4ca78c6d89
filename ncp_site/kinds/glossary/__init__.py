"""The Guidelines glossary: the one source of every term the site shows."""

from ...core.kind import Kind
from . import load, pages
from .model import Concept, Glossary, GlossaryFile, TermError

KIND = Kind(name="glossary", load=load.load, data=(load.FILE,),
            macros={"term": pages.term_macro, "glossary_page": pages.glossary_page_macro,
                    "terms_page": pages.terms_page_macro},
            file_models={load.FILE: GlossaryFile})

__all__ = ["KIND", "Concept", "Glossary", "TermError"]
