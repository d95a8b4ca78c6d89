"""What the contacts render: the list of ways to reach the NCP (contacts page, submission page)."""

from __future__ import annotations

from ...core.rendering import Words, templates_of
from .model import Contacts

render = templates_of(__file__)


def render_contacts(contacts: Contacts | None, words: Words, lang: str) -> str:
    return render("contacts.html", lang=lang, words=words, contacts=contacts)


MACROS = {
    "contacts": lambda project, page: render_contacts(project.data.contacts, project.words, page.lang),
}
