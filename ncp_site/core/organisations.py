"""An organisation named in a record by its id, so that it has one name in each language everywhere.

Members, event organisers and participants, news items and the parties to a specific instance name an
organisation by the id of its record in ``data/organisations.yml`` (``organisation: atameken``). The
organisations kind loads first and offers its names to the validation of the kinds after it
(``Kind.offers``); an id that names no organisation is then a mistake in that field, reported with its
file and line like any other. The record keeps the organisation's id and its name in every language,
which pages and open data show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from .limits import MAX_ID_CHARS
from .validation import pattern

ORGANISATIONS = "organisations"
"""The key of the validation context holding the organisations by id (``Kind.offers``)."""
FILE = "data/organisations.yml"
ORGANISATION_ID = pattern(r"^[a-z][a-z0-9-]*$", "lower-case Latin letters, digits and hyphens, starting with a letter, "
                          "e.g. atameken or ministry-of-justice")


class OrganisationName(Mapping):
    """The name per language of the organisation a record names by ``id``: shown as any text per language is
    (``name[lang]``, ``language_of``), given as its id in open data and the schemas."""

    def __init__(self, organisation_id: str, names: dict | None = None, borrowed: dict | None = None):
        self.id = organisation_id
        self._names = dict(names or {})
        self.borrowed = dict(borrowed or {})

    def __getitem__(self, lang: str) -> str:
        return self._names[lang]

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def language_of(self, lang: str) -> str:
        """The language the name shown for ``lang`` is really in (another one while its translation is pending)."""
        return self.borrowed.get(lang, lang)

    def __hash__(self):
        return hash(self.id)

    def __eq__(self, other):
        if isinstance(other, OrganisationName):
            return self.id == other.id and self._names == other._names
        return NotImplemented

    def __repr__(self) -> str:
        """All it holds: part of the key under which ``ncp check`` caches the records naming it (``core.cache``),
        so that a renamed organisation re-validates them."""
        return f"OrganisationName({self.id!r}, {self._names!r}, {self.borrowed!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(
            cls._resolve, core_schema.str_schema(strip_whitespace=True, pattern=ORGANISATION_ID, max_length=MAX_ID_CHARS),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda value: dict(value._names), return_schema=core_schema.dict_schema(core_schema.str_schema(),
                                                                                         core_schema.str_schema())))

    @classmethod
    def _resolve(cls, value: str, info) -> OrganisationName:
        known = (info.context or {}).get(ORGANISATIONS)
        if known is None:  # validated without the organisations (they failed to load, or a lone model in a tool)
            return cls(value)
        if value in known:
            return known[value]
        sample = ", ".join(sorted(known)[:3])
        raise ValueError(f"there is no organisation '{value}' -- use the id of an organisation in {FILE}"
                         + (f" (e.g. {sample})" if sample else "") + ", or add the organisation there first")


OrganisationRef = Annotated[OrganisationName, Field(description=f"the id of an organisation in {FILE}, e.g. atameken")]
"""A field naming an organisation: its id in the data, its name per language once loaded."""
