"""Government policies (peer review Annex E): each mistake is located; the table on the business and
human rights page shows every policy with its authority, the NCP's role and whether it refers to the NCP."""

from __future__ import annotations

import re

import pytest
from builders import collect, dedent, make_project, problem_at, without_labels
from conftest import REPO

from ncp_site.core.kind import PageContext
from ncp_site.kinds.policies import pages as policy_pages
from ncp_site.kinds.policies.model import REFERENCES

VALID = dedent("""
    policies:
      - id: mediation-law
        name:
          kk: Медиация туралы заң
          ru: Закон о медиации
          en: Law on Mediation
        authority:
          kk: Министрлік
          ru: Министерство
          en: Ministry
        ncp_role:
          kk: Түзетулер ұсынылды.
          ru: Предложены поправки.
          en: Amendments proposed.
        refers_to_ncp: proposed
        texts:
          - title:
              kk: Заң мәтіні
              ru: Текст закона
              en: Text of the law
            url: https://example.org/law
""")


def project(tmp_path, text: str):
    make_project(tmp_path)
    (tmp_path / "data" / "government-policies.yml").write_text(text, encoding="utf-8")


def test_table_row_per_policy_with_its_wording(tmp_path):
    project(tmp_path, VALID)
    site, errors = collect(tmp_path)
    assert errors == []
    html = policy_pages.render_policies(site, PageContext("ru", "ru/business-and-human-rights/"))
    assert '<tr id="policy-mediation-law">' in html
    assert '<th scope="row">Закон о медиации<br><a href="https://example.org/law">Текст закона</a></th>' in html
    assert "<td>Предложена</td>" in without_labels(html)


BROKEN = [
    ("unknown reference code", "refers_to_ncp: proposed", "refers_to_ncp: maybe", "refers_to_ncp:",
     "policies[0].refers_to_ncp", "'maybe' is not allowed"),
    ("no authority", "    authority:\n      kk: Министрлік\n      ru: Министерство\n      en: Ministry\n", "",
     "- id: mediation-law", "policies[0].authority", "is missing"),
    ("text without address", "url: https://example.org/law", "url: example.org/law", "url:",
     "policies[0].texts[0].url", "is not a web address"),
]


@pytest.mark.parametrize("what, old, new, fragment, field, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, old, new, fragment, field, words):
    text = VALID.replace(old, new)
    assert text != VALID
    project(tmp_path, text)
    assert words in problem_at(tmp_path, capsys, "government-policies.yml", text, fragment, field)


def test_every_reference_code_has_its_wording_in_every_language():
    project, errors = collect(REPO)
    assert errors == []
    for code in REFERENCES:
        assert set(project.data.ui.strings[f"policies.refers.{code}"]) == {"kk", "ru", "en"}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_business_and_human_rights_page_shows_every_policy(site, lang, project_root):
    project, _ = collect(project_root)
    assert project.data.policies, "premise: the Annex E policies are in the data"
    html = site.html(lang, "business-and-human-rights/")
    rows = re.findall(r'<tr id="policy-([^"]+)">', html)
    assert rows == [p.id for p in project.data.policies]
    for p in project.data.policies:
        row = html[html.index(f'<tr id="policy-{p.id}">'):]
        row = without_labels(row[:row.index("</tr>")])
        if p.refers_to_ncp:
            assert project.data.ui(f"policies.refers.{p.refers_to_ncp}", lang) in row
        else:
            assert row.rstrip().endswith("<td></td>"), "what the annex does not know is not shown"
