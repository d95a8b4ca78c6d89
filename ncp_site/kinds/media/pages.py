"""What the media items render: the list on the media page."""

from __future__ import annotations

from ...core.kind import PageContext
from ...core.rendering import templates_of

render = templates_of(__file__)


def render_media(project, page: PageContext) -> str:
    return render("media_list.html", lang=page.lang, words=project.words, items=project.data.media)


MACROS = {"media_list": render_media}
