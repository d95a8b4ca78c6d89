"""An organisation the data names: a ministry, a chamber, a trade union, an enterprise.

Members, events, news items and specific instances name an organisation by its id
(``core.organisations``), so that it has one name in each language wherever it appears: the review
found Atameken, the Civil Alliance and the ministries named in several word orders. ``name`` is the
full name a page shows; ``abbreviation`` is the short form, only in the languages where the sources
give one; ``type`` is one of a fixed list, labelled in each language in
``data/ui.yml`` (``organisation_type.<type>``); ``website`` is its own address, only where it is known.
"""

from __future__ import annotations

from typing import Literal, get_args

from ...core.documents import WebAddress
from pydantic import field_validator

from ...core.localized import LocalizedLine, Strict, Text, site_languages
from ...core.organisations import ORGANISATION_ID, OrganisationName
from ...core.validation import record_id

OrganisationType = Literal["government_body", "business_association", "trade_union", "civil_society",
                           "enterprise", "academia", "international_organisation", "other"]
TYPES: tuple[str, ...] = get_args(OrganisationType)


class Organisation(Strict):
    id: str = record_id(ORGANISATION_ID)
    name: LocalizedLine  # the full name, as pages show it, in every language
    abbreviation: dict[str, Text] = {}  # the short form, only in the languages where it is used: {en: NCE}
    type: OrganisationType
    website: WebAddress | None = None  # its own site, only where known

    @field_validator("abbreviation")
    @classmethod
    def _site_languages(cls, value: dict, info):
        languages = site_languages(info)
        unknown = [code for code in value if code not in languages]
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not a language of this site -- write the short form under one of: "
                             + ", ".join(languages))
        return value

    def named(self) -> OrganisationName:
        """What a record naming this organisation holds: its name per language, and its id."""
        return OrganisationName(self.id, dict(self.name), self.name.borrowed)
