"""Where a record's facts come from: one "Source:" line under every record that relies on a document.

The site states facts in the NCP's own voice and cites, rather than narrates, the document they come
from. A record lists its ``sources``: a document the site holds, by its id (``document:
peer-review-2024``, a report's id), or another document by its title (and its address, where it has
one), each with ``where``, the part of it (``Annex D, Table A D.1``) in every language. One template
(``templates/sources_line.html``) renders the line for every kind.

The ids a record may cite are read from the files of the kinds that hold documents (``Kind.documents``)
before any kind loads, so an unknown id is reported like any other mistake in a field, with its file and
line; the documents themselves (their titles and addresses) come from those kinds once loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .addresses import is_web_address
from .documents import WebAddress
from .errors import Invalid
from .localized import LanguageMap, LocalizedLine, Strict
from .messages import _
from .records import RecordFiles
from .sources import CITED_IDS, Sources
from .validation import pattern

ID = pattern(r"^[a-z0-9][a-z0-9.-]*$", "the id of a document of this site, e.g. peer-review-2024")


class Source(Strict):
    """A document the record's facts come from: one the site holds (by id) or another (by title)."""

    document: str | None = Field(default=None, pattern=ID)  # the id of a document this site holds: peer-review-2024
    title: LocalizedLine | None = None  # another document's title, in every language
    url: WebAddress | None = None  # that other document's address, where it has one
    where: LocalizedLine | None = None  # the part of the document: "Annex D, Table A D.1"

    @field_validator("document")
    @classmethod
    def _known(cls, value: str | None, info: ValidationInfo) -> str | None:
        known = (info.context or {}).get(CITED_IDS)
        if value is None or known is None or value in known:
            return value
        sample = ", ".join(sorted(known)[:4])
        raise Invalid(_("there is no document {id} on this site", id=f"'{value}'"),
                      _("use the id of a peer review (data/peer-reviews/) or a report (data/reports.yml), e.g. {sample}; "
                        "for another document write title: (and url:) instead of document:", sample=sample) if sample else
                      _("use the id of a peer review (data/peer-reviews/) or a report (data/reports.yml); for another "
                        "document write title: (and url:) instead of document:"))

    @model_validator(mode="after")
    def _one_document(self):
        if (self.document is None) == (self.title is None):
            raise Invalid(_("name the document once"), _("write either 'document: <id>' (a document of this site) or "
                                                         "'title:' with kk:, ru:, en: lines (another document)"))
        if self.url is not None and self.document is not None:
            raise Invalid(_("a document of this site has its own address"),
                          _("remove url:, or cite another document by title:"))
        return self


@dataclass(frozen=True)
class CitedDocument:
    """A document of the site as a source line names it: its name in every language, its address per language."""

    id: str
    name: LanguageMap
    addresses: dict[str, str] = field(default_factory=dict)  # language -> https:// address (or a path under docs/)

    def address(self, lang: str) -> str | None:
        """The version in ``lang``, else the first version there is."""
        return self.addresses.get(lang) or next(iter(self.addresses.values()), None)


@dataclass(frozen=True)
class Citable:
    """What a kind holding documents tells the project: where they are kept, and each one as cited."""

    files: RecordFiles
    documents: Callable[[Any], list[CitedDocument]]  # the kind's loaded value -> its documents


def written_ids(sources: Sources, files: RecordFiles) -> set[str] | None:
    """The ids written in a kind's files, valid or not (read before any kind loads); None when a file of
    them does not parse (its own error is reported: citing its documents is then not judged)."""
    if files.path.endswith((".yml", ".yaml")):
        paths = [sources.path(files.path)]
    else:
        paths = sources.data_folder(files.path)
    ids: set[str] = set()
    for path in paths:
        doc = sources.docs.get(path)
        if doc is None and path in sources.errors:
            return None
        data = doc.data if doc is not None else None
        items = [data] if files.list_key is None else (data.get(files.list_key) if isinstance(data, dict) else None)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.add(item["id"])
    return ids


def citable_ids(sources: Sources, citables: Iterable[Citable]) -> frozenset[str] | None:
    """Every id a record may cite; None (nothing checked) when a file holding documents does not parse."""
    found = [written_ids(sources, citable.files) for citable in citables]
    every = [ids for ids in found if ids is not None]
    return None if len(every) < len(found) else frozenset(i for ids in every for i in ids)


@dataclass(frozen=True)
class Cited:
    """One source as the line shows it in a language: its name, its link (if any), the part cited."""

    name: Any  # the LanguageMap of the name (shown with ``tr`` so a pending text keeps its language)
    href: str | None
    where: Any  # a LanguageMap, or None


def cite(source: Source, documents: Mapping[str, CitedDocument], lang: str,
         href: Callable[[str], str] | None = None) -> Cited:
    """A source for the line in ``lang``. ``href`` turns a path under docs/ into a link from the page; without
    it only web addresses are linked."""
    address: str | None
    name: Any
    if source.document is not None:
        document = documents[source.document]
        address, name = document.address(lang), document.name
    else:
        address, name = source.url, source.title
    if address is not None and not is_web_address(address):
        address = href(address) if href is not None else None
    return Cited(name, address, source.where)
