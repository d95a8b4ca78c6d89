"""How to reach the NCP: one file, ``data/contacts.yml``, shown on the contacts page, on the submission
page and in the footer of every page.

Only what a source states is published: the peer review gives the call centre and the Telegram bot
and says the NCP's page lists a postal address, an e-mail address and a telephone number without
quoting them. Those fields stay empty until the secretariat fills them in.
"""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from ...core.citations import Source
from ...core.errors import Invalid, shown
from ...core.localized import LanguageCode, LanguageVersions, Localized, Strict
from ...core.messages import _
from ...core.validation import pattern

PHONE = pattern(r"^\+[0-9][0-9 ]{6,20}[0-9]$", _("+, the country code and the number, digits and spaces, e.g. +7 7172 74 90 00"))
EMAIL = pattern(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", _("an e-mail address, e.g. ncp@example.kz"))


class Telegram(Strict):
    url: str = Field(pattern=pattern(r"^https://t\.me/[A-Za-z0-9_]+$", _("https://t.me/ and the channel's name, e.g. https://t.me/ncp_kazakhstan")))
    languages: list[LanguageCode] = []  # the languages the bot answers in, where known


class Contacts(Strict):
    secretariat: Localized  # who answers: the Secretariat and where it is hosted
    email: str | None = Field(default=None, pattern=EMAIL)
    address: Localized | None = None
    phone: str | None = Field(default=None, pattern=PHONE)
    call_centre: str | None = Field(default=None, pattern=PHONE)
    telegram: Telegram | None = None
    office_hours: Localized | None = None
    links: LanguageVersions = LanguageVersions()  # the NCP's page on its host's site, per language
    sources: list[Source] = []  # where these details come from (a "Source:" line under them)

    @field_validator("links")
    @classmethod
    def _web_addresses(cls, value):
        for lang, url in value.available().items():
            if not url.startswith("https://"):
                raise Invalid(_("{value} ({lang}) is not a web address", value=shown(url), lang=lang),
                              _("write the full https:// address"))
        return value

    def tel(self, number: str) -> str:
        """A ``tel:`` link's number: the digits after +, no spaces."""
        return "+" + re.sub(r"\D", "", number)
