"""Specific instances: cases raised about enterprises' conduct, one file each in ``data/cases/``."""

from ...core.kind import Kind
from ...core.skeleton import TODAY, NewRecord
from . import feed, load, model, pages
from .model import SpecificInstance

KIND = Kind(name="cases", load=load.load, needs=load.Needs, data=(load.FILES.path,), macros=pages.MACROS,
            pages=pages.case_pages, record_pages=pages.record_pages, files=feed.files, feeds=(feed.NAME,),
            open_data=pages.open_dataset,
            new=(NewRecord("case", SpecificInstance, load.FILES, dated="dates.submission",
                           prefilled={"host_country": "KZ", "ncp_role": "lead", "lead_ncp": "KZ",
                                      "status_as_of": TODAY}),), confirmed=model.confirmed_days)

__all__ = ["KIND", "SpecificInstance"]
