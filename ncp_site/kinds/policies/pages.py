"""What the government policies render: a table of the policies and the NCP's role in each."""

from __future__ import annotations

from ...core.kind import PageContext
from ...core.rendering import templates_of

render = templates_of(__file__)


def render_policies(project, page: PageContext) -> str:
    return render("policies_table.html", lang=page.lang, words=project.words, policies=project.data.policies)


MACROS = {"government_policies": render_policies}
