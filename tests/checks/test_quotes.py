"""A text cut short by YAML (`` #`` starts a comment in a plain text) or a quotation mark left open is a
warning of ``ncp check``, at its line: publishable, but the page would show half a title."""

from __future__ import annotations

from builders import check_unchanged, dedent, line_of, make_project

from ncp_site.checks.quotes import unbalanced

EVENTS = dedent("""
    events:
      - id: 2021-02-development-day
        title:
          kk: «Даму күні #21»
          ru: "«День развития #21»"
          en: "Development Day #21"
        start: 2021-02-12
        ncp_role: organised
        target_audience:
          kk: «Шаңырақ» Қазақстан халқы Ассамблеясы кафедраларының қауымдастығы» мүшелері
          ru: Члены ассоциации «Шанырак»
          en: Members of the "Shanyrak" association
        stakeholder_groups: [academia]
""")


def test_a_cut_title_and_an_open_quotation_are_warnings_at_their_lines(tmp_path, capsys):
    root = make_project(tmp_path)
    (root / "data" / "events").mkdir()
    (root / "data" / "events" / "2021.yml").write_text(EVENTS, encoding="utf-8")
    status, out = check_unchanged(root, capsys, root / "data" / "events")
    cut = f"data/events/2021.yml:{line_of(EVENTS, 'kk: «Даму')}: events[0].title (kk): warning: the text '«Даму күні' stops at ' #'"
    nested = f"data/events/2021.yml:{line_of(EVENTS, 'kk: «Шаңырақ»')}: events[0].target_audience (kk): warning: "
    assert cut in out, out
    assert nested in out and "„…“" in out.split(nested)[1].splitlines()[0], out
    assert "(ru): warning" not in out and "(en): warning" not in out, "quoted and balanced texts are fine"
    assert status == 0, "a warning does not stop the site"


def test_balanced_quotations_in_every_script():
    assert not unbalanced("«„Атамекен“ палатасы» мен «Әділет»")
    assert not unbalanced('The "Shanyrak" association')
    assert unbalanced("«Даму күні")
    assert unbalanced('Conference "New Kazakhstan')
