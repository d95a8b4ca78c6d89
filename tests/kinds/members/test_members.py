"""Legal basis and members: mistakes located; tables, diagram and its text alternative from the same data."""

from __future__ import annotations

import re

import pytest
from builders import (
    LANGS,
    collect,
    concept,
    dedent,
    load_kind,
    make_project,
    problem_at,
    without_labels,
)
from conftest import REPO

from ncp_site.kinds.members import pages

ACTS = dedent("""
    acts:
      - id: order-1
        kind: ministerial_order
        number: "1"
        adopted: 2020-06-18
        title: {kk: Бұйрық., ru: Приказ., en: Order.}
        documents:
          en: https://example.kz/order-1.pdf
      - id: order-2
        kind: ministerial_order
        number: "2"
        adopted: 2023-08-24
        in_force: 2024-01-01
        amends: order-1
        title: {kk: Өзгеріс., ru: Изменение., en: Amendment.}
""")

MEMBERS = dedent("""
    compositions:
      - id: current
        start: 2024-01-01
        legal_basis: [order-2]
        title: {kk: Қазіргі құрам, ru: Текущий состав, en: Current composition}
        secretariat: {kk: Институт, ru: Институт, en: Institute}
        sources:
          - title: {kk: Бұйрық, ru: Приказ, en: The order}
            url: https://example.kz/order-2.pdf
        members:
          - position: {kk: Министр, ru: Министр, en: Minister}
            organisation: ministry
            group: government
            membership: main
            role: chair
          - organisation: chamber
            group: business
            membership: main
          - position: {kk: Директор, ru: Директор, en: Director}
            organisation: foundation
            group: civil_society
            membership: expert
          - organisation: institute
            membership: main
      - id: earlier
        start: 2020-06-18
        end: 2023-12-31
        legal_basis: [order-1]
        title: {kk: Бұрынғы құрам, ru: Прежний состав, en: Earlier composition}
        secretariat: {kk: Институт, ru: Институт, en: Institute}
        members:
          - organisation: example-union
            group: trade_unions
            membership: expert
""")


NAMED = [concept("national_contact_point", **{lang: {"preferred": f"NCP {lang}", "abbreviation": f"N{lang}",
                                                     "status": "draft"} for lang in LANGS}),
         concept("ncp_secretariat")]
"""The concepts the diagram names (the NCP's abbreviation, the Secretariat)."""


def project(tmp_path, acts: str = ACTS, members: str = MEMBERS):
    make_project(tmp_path, glossary_extra=NAMED)
    (tmp_path / "data" / "legal-basis.yml").write_text(acts, encoding="utf-8")
    (tmp_path / "data" / "members.yml").write_text(members, encoding="utf-8")


def test_valid_files_load_acts_oldest_first_and_compositions_newest_first(tmp_path):
    project(tmp_path)
    institution, errors = load_kind(tmp_path, "members")
    assert errors == []
    assert [a.id for a in institution.acts] == ["order-1", "order-2"]
    assert [c.id for c in institution.compositions] == ["current", "earlier"]
    assert institution.compositions[0].current and not institution.compositions[1].current
    minister = institution.compositions[0].members[0]
    assert minister.organisation.id == "ministry" and minister.organisation["ru"] == "Министерство"


BROKEN = [
    # (what is wrong, file, replace this, with this, line fragment, field, lang, words in the message)
    ("person without a position", "members", "      - organisation: chamber\n",
     "      - organisation: chamber\n        person: A. Person\n", "person: A. Person",
     "compositions[0].members[1].person", None, "name people only in their official capacity"),
    ("organisation not in data/organisations.yml", "members", "organisation: foundation", "organisation: fondation",
     "organisation: fondation", "compositions[0].members[2].organisation", None,
     "there is no organisation 'fondation' -- use the id of an organisation in data/organisations.yml"),
    ("organisation written as a name", "members", "organisation: foundation", "organisation: {kk: Қор, ru: Фонд, en: Fund}",
     "organisation: {kk", "compositions[0].members[2].organisation", None, "should be text"),
    ("unknown act", "members", "legal_basis: [order-2]", "legal_basis: [order-3]", "legal_basis: [order-3]",
     "compositions[0].legal_basis[0]", None, "'order-3' is not an act in data/legal-basis.yml"),
    ("ends before it starts", "members", "end: 2023-12-31", "end: 2019-12-31", "id: earlier",
     "compositions[1]", None, "is before start"),
    ("unknown group", "members", "group: business", "group: businesses", "group: businesses",
     "compositions[0].members[1].group", None, "'businesses' is not allowed"),
    ("missing language", "members", "title: {kk: Қазіргі құрам, ru: Текущий состав, en: Current composition}",
     "title: {ru: Текущий состав, en: Current composition}", "title: {ru: Текущий",
     "compositions[0].title", "kk", "text is missing"),
    ("amends an unknown act", "acts", "amends: order-1", "amends: order-9", "amends: order-9",
     "acts[1].amends", None, "'order-9' is not an act"),
    ("in force before adoption", "acts", "in_force: 2024-01-01", "in_force: 2023-01-01", "id: order-2",
     "acts[1]", None, "is before the adoption"),
]


@pytest.mark.parametrize("what, which, old, new, fragment, field, lang, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_mistake_is_located(tmp_path, capsys, what, which, old, new, fragment, field, lang, words):
    texts = {"acts": ACTS, "members": MEMBERS}
    text = texts[which].replace(old, new)
    assert text != texts[which]
    texts[which] = text
    project(tmp_path, texts["acts"], texts["members"])
    path = "legal-basis.yml" if which == "acts" else "members.yml"
    assert words in problem_at(tmp_path, capsys, path, text, fragment, field, lang)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_diagram_tables_and_text_alternative_say_the_same(tmp_path, lang):
    project(tmp_path)
    site, errors = collect(tmp_path)
    assert errors == []
    composition = site.data.members.composition("current")
    html = pages.render_composition(site.data.members, site.words, lang, "members/", "current")
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img" aria-labelledby="composition-current-title composition-current-desc"' in svg
    marks = re.findall(r'class="ncp-mark ncp-mark--(main|expert)" cx="[\d.]+" cy="[\d.]+"', svg.split("<path class=\"ncp-link ncp-link--secretariat\"")[0])
    assert sorted(marks) == sorted(m.membership for m in composition.members)
    desc = svg[svg.index("<desc"):svg.index("</desc>")]
    for group in {m.group for m in composition.members if m.group}:
        assert site.words.glossary.label(f"group_{group}", lang).lower() in desc.lower()
    assert site.words.ui("members.no_group", lang) in desc, "a member the composition assigns to no group has a row"
    rows = re.findall(r"<tr><td[ >]", html)
    assert len(rows) == len(composition.members)
    ungrouped = re.search(r"<tr><td>—</td><td>Example Institute</td><td>(.*?)</td></tr>", without_labels(html))
    assert ungrouped and ungrouped.group(1) == "", "no group is shown as none, not guessed"
    assert re.search(r'<p class="ncp-sources">[^<]*<a href="https://example.kz/order-2.pdf"', html)
    assert f"{site.words.ui('members.role.chair', lang)})" in html
    assert "Example Chamber" in html


def test_legal_basis_links_amended_acts_and_documents(tmp_path):
    project(tmp_path)
    site, _ = collect(tmp_path)
    html = pages.render_legal_basis(site.data.members, site.words, "ru", "ru/about/")
    assert html.index('id="act-order-1"') < html.index('id="act-order-2"')
    assert '<a href="#act-order-1">' in html
    assert '<a href="https://example.kz/order-1.pdf" hreflang="en">на английском языке</a>' in html, \
        "the document's language named in the page's language"


def test_the_real_compositions_load_and_one_is_in_force():
    institution, errors = load_kind(REPO, "members")
    assert errors == []
    assert sum(1 for c in institution.compositions if c.current) == 1
    for composition in institution.compositions:
        assert {m.membership for m in composition.members} >= {"main"}
        assert all(m.person is None or m.position is not None for m in composition.members)
