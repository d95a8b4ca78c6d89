"""What the due diligence guidance renders: the general guidance, then the sectoral ones."""

from __future__ import annotations

from ...core.kind import PageContext
from ...core.rendering import templates_of

render = templates_of(__file__)


def render_guidance(project, page: PageContext) -> str:
    items = project.data.due_diligence
    return render("guidance_list.md", lang=page.lang, words=project.words,
                  general=[g for g in items if g.scope == "general"],
                  sectoral=[g for g in items if g.scope == "sectoral"])


MACROS = {"due_diligence_guidance": render_guidance}
