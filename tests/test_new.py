"""`ncp new`: a record started from its model, which `ncp check` then walks the secretariat through."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal

import pytest
import yaml

from ncp_site import cli
from ncp_site.core import files
from ncp_site.kinds import all_kinds

from .builders import copy_of_repository

FILLED = [  # what the secretariat writes into the unfilled case: (the slot's lines, as a pattern; what it becomes)
    (r"^title:.*\n  kk:\n  ru:\n  en:$", "title:\n  kk: Сынақ\n  ru: Тест\n  en: Test"),
    (r"^  organisation:  # required: .*$", "  organisation: alstom-kazakhstan"),
    (r"^  sector:.*$", "  sector: C"),
    (r"^  home_country:.*$", "  home_country: KZ"),
    (r"^  type:.*$", "  type: ngo"),
    (r"^  organisation:  # optional: a submitter that is an organisation.*$", "  organisation: civil-alliance"),
    (r"^chapters: \[\].*$", "chapters: [IV]"),
    (r"^keywords:.*\n  kk:\n  ru:\n  en:$", "keywords:\n  kk: [сынақ]\n  ru: [тест]\n  en: [test]"),
    (r"^  submission:.*$", "  submission: 2026-01-15"),
    (r"^status:.*$", "status: under_initial_assessment"),
    (r"^status_as_of:.*$", "status_as_of: 2026-02-01"),
    (r"^summary:.*\n  kk:\n  ru:\n  en:$", "summary:\n  kk: Сынақ мәтіні.\n  ru: Текст.\n  en: Text."),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return copy_of_repository(tmp_path_factory.mktemp("new") / "repo")


def snapshot(root):
    return {p: p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def run(root, capsys, *args):
    status = cli.main(["--root", str(root), *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out, out.err


def errors_in(out: str) -> list[str]:
    """The error lines of ``ncp check``'s text output (warnings, such as a status not confirmed for
    months in the repository's data, are printed apart and do not fail the check)."""
    return [line for line in out.splitlines() if line.startswith("data/") and ": warning: " not in line]


def test_an_unfilled_case_lists_exactly_its_empty_required_fields_and_filling_them_passes(repo, capsys):
    assert run(repo, capsys, "check")[0] == 0
    status, out, err = run(repo, capsys, "new", "case", "--id", "kz-2026-test")
    assert status == 0, err
    path = repo / "data" / "cases" / "kz-2026-test.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")

    status, out, _ = run(repo, capsys, "check")
    assert status == 1
    problems = errors_in(out)
    assert problems and all(p.startswith("data/cases/kz-2026-test.yml:") for p in problems), problems
    reported = {}
    for problem in problems:
        line, field = re.match(r"data/cases/kz-2026-test\.yml:(\d+): ([\w.\[\]]+)(?: \((\w+)\))?:", problem).group(1, 2)
        reported[int(line)] = field
        assert ": is empty -- " in problem, problem
    expected = {}
    for number, line in enumerate(lines, 1):  # every empty slot of a required field, and nothing else
        slot = re.match(r"^(\s*)(\w+):(\s*#.*)?$", line)
        if not slot:
            continue
        if slot.group(1).strip() == "" and slot.group(2) in ("kk", "ru", "en"):
            parent = next(lines[i] for i in range(number - 2, -1, -1) if not re.match(r"^\s*(kk|ru|en):", lines[i]))
            if "# required" in parent:
                expected[number] = slot.group(2)
        elif "# required: " in line and "fields below" not in line and "per language" not in line:
            expected[number] = slot.group(2)
    assert set(reported) == set(expected), (sorted(reported), sorted(expected))

    for slot, written in FILLED:
        text, found = re.subn(slot, written, text, count=1, flags=re.MULTILINE)
        assert found, slot
    path.write_text(text, encoding="utf-8")
    status, out, _ = run(repo, capsys, "check")
    assert status == 0, out
    path.unlink()


def test_new_refuses_to_overwrite(repo, capsys):
    before = snapshot(repo)
    status, _, err = run(repo, capsys, "new", "case", "--id", "kz0003")
    assert status == 1 and "already exists" in err
    status, _, err = run(repo, capsys, "new", "faq", "--id", "who-can-submit")
    assert status == 1 and "already has a record with id who-can-submit" in err
    assert snapshot(repo) == before


def test_appending_keeps_every_byte_of_the_file_and_the_record_checks_where_it_was_added(repo, capsys):
    faq = repo / "data" / "faq.yml"
    old = faq.read_text(encoding="utf-8")
    status, out, _ = run(repo, capsys, "new", "faq", "--id", "who-pays")
    assert status == 0
    new = faq.read_text(encoding="utf-8")
    assert new.startswith(old.rstrip("\n")) and new.count("\n") > old.count("\n")
    line = int(re.search(r"faq\.yml:(\d+)", out).group(1))
    assert new.split("\n")[line - 1].strip().startswith("- id: who-pays")
    status, out, _ = run(repo, capsys, "check")
    assert status == 1 and all(p.startswith("data/faq.yml:") for p in errors_in(out))
    assert min(int(p.split(":")[1]) for p in errors_in(out)) > line
    faq.write_text(old, encoding="utf-8")


def test_an_event_goes_to_its_year_file_with_an_id_from_its_date_and_title(repo, capsys):
    status, _, _ = run(repo, capsys, "new", "event", "--date", "2031-05-04", "--title-ru", "Семинар для бизнеса")
    assert status == 0
    path = repo / "data" / "events" / "2031.yml"
    text = path.read_text(encoding="utf-8")
    assert "- id: 2031-05-04-seminar-dlia-biznesa" in text and "start: 2031-05-04" in text
    assert '  ru: "Семинар для бизнеса"' in text
    path.unlink()


@pytest.mark.parametrize("where", ["fsync", "chmod"])
@pytest.mark.parametrize("record, args", [("case", ["--id", "kz-2026-killed"]), ("faq", ["--id", "killed"]),
                                          ("event", ["--date", "2022-03-01", "--id", "killed"])])
def test_killed_mid_write_changes_nothing_and_leaves_no_temporary_file(repo, capsys, monkeypatch, where, record,
                                                                        args):
    before = snapshot(repo)

    def killed(*a):
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(files.os, where, killed)
    status = cli.main(["--root", str(repo), "new", record, *args])
    assert status == 128 + signal.SIGTERM
    assert snapshot(repo) == before


def test_every_kind_with_records_can_start_one(tmp_path, capsys):
    """Every record ``ncp new`` offers comes from a kind; each makes a file that loads, with only empty-field errors."""
    root = copy_of_repository(tmp_path / "repo")
    names = cli.new_records(all_kinds())
    assert {"case", "event", "news", "faq", "report", "media", "policy", "guidance", "action-plan",
            "peer-review", "legal-act", "composition", "activity", "member", "recommendation"} <= set(names)
    for name, new in names.items():
        if new.inside:
            continue
        status, _, err = run(root, capsys, "new", name, "--id", f"xx-new-{name}", "--date", "2030-01-01")
        assert status == 0, err
    status, out, _ = run(root, capsys, "check")
    problems = errors_in(out)
    assert status == 1 and problems
    odd = [p for p in problems if not re.search(r": (is empty|lists nothing) -- ", p)]
    assert not odd, odd


NESTED = [("activity", ["--in", "action-plan-2023", "--under", "promotion", "--id", "ap2023-new"],
           "data/action-plans/action-plan-2023.yml"),
          ("member", ["--in", "{composition}"], "data/members.yml"),
          ("recommendation", ["--in", "peer-review-2024", "--id", "9.9", "--date", "2026-01-01"],
           "data/peer-reviews/peer-review-2024.yml")]


@pytest.mark.parametrize("record, args, file", NESTED, ids=[n[0] for n in NESTED])
def test_a_record_inside_another_is_added_to_its_list_keeping_every_other_line(tmp_path, capsys, record, args, file):
    root = copy_of_repository(tmp_path / "repo")
    path = root / file
    old = path.read_text(encoding="utf-8")
    composition = yaml.safe_load((root / "data" / "members.yml").read_text(encoding="utf-8"))["compositions"][0]["id"]
    status, out, err = run(root, capsys, "new", record, *[a.format(composition=composition) for a in args])
    assert status == 0, err
    new = path.read_text(encoding="utf-8")
    line = int(re.search(r"\.yml:(\d+):", out).group(1))
    old_lines, new_lines = old.split("\n"), new.split("\n")
    added = len(new_lines) - len(old_lines)
    assert added > 0 and new_lines[:line - 1] + new_lines[line - 1 + added:] == old_lines  # every old byte kept
    status, out, _ = run(root, capsys, "check")
    # (other files may then miss what the unfilled record holds: a plan that does not load has no activities)
    problems = [p for p in out.splitlines() if p.startswith(f"{file}:")]
    assert status == 1 and problems
    assert all(re.search(r": (is empty|lists nothing) -- ", p) and int(p.split(":")[1]) >= line for p in problems)


def test_a_record_inside_another_needs_an_existing_parent(repo, capsys):
    before = snapshot(repo)
    status, _, err = run(repo, capsys, "new", "activity", "--in", "no-such-plan", "--id", "x")
    assert status == 1 and "there is no plan 'no-such-plan'" in err
    status, _, err = run(repo, capsys, "new", "activity", "--in", "action-plan-2023", "--under", "nope", "--id", "x")
    assert status == 1 and "give --under, one of: " in err
    assert snapshot(repo) == before


TEXTS = {"kk": "Сынақ мәтіні.", "ru": "Тестовый текст.", "en": "Test text."}
WORDS = {"kk": "сынақ", "ru": "тест", "en": "test"}
SLOT = re.compile(r"^(?P<indent>\s*)(?P<item>- )?(?P<key>[\w.]+):(?: (?P<value>[^#]*?))?\s*(?:# (?P<comment>.*))?$")


def filled_in(text: str, today: str, answers: dict[str, str]) -> str:
    """What someone who reads only the comments writes into a new record: for every empty field the comment calls
    required (and every empty language slot of a required text), the first code of "one of", the example after
    "e.g.", a date, a number, a text or a list per language; ``answers`` by key for what only the data knows
    (the ids of other records)."""
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines):
        slot = SLOT.match(line)
        if not slot or (slot["value"] or "[]") != "[]":
            out.append(line)
            continue
        indent = len(slot["indent"]) + (2 if slot["item"] else 0)
        parent = next((SLOT.match(lines[i]) for i in range(number - 1, -1, -1)
                       if SLOT.match(lines[i]) and len(SLOT.match(lines[i])["indent"]) < indent), None)
        nested = number + 1 < len(lines) and len(lines[number + 1]) - len(lines[number + 1].lstrip()) > indent
        comment = slot["comment"] or ""
        if slot["key"] in WORDS and not comment:  # a language slot: its parent says what it holds
            said = parent["comment"] or "" if parent else ""
            value = (f"[{WORDS[slot['key']]}]" if "list per language" in said
                     else f'"{TEXTS[slot["key"]]}"' if said.startswith("required") else None)
        elif slot["key"] in answers:
            value = answers[slot["key"]]
        elif not comment.startswith("required") or nested:
            value = None
        else:
            value = _answer(comment, today)
        out.append(line if value is None else f"{slot['indent']}{slot['item'] or ''}{slot['key']}: {value}")
    return "\n".join(out)


def _answer(comment: str, today: str) -> str:
    codes = re.search(r"one of: ([^,;)\s]+)", comment)
    example = re.search(r"e\.g\. ([^\s,;)]+)", comment)
    if codes:
        value = codes.group(1)
    elif example:
        value = example.group(1)
    elif "a date" in comment:
        value = today
    elif "a number" in comment:
        value = today[:4]
    else:
        value = '"Test"'
    return f"[{value}]" if ": a list" in comment or "; a list" in comment else value


def test_every_new_record_filled_in_as_its_comments_say_passes_ncp_check(tmp_path, capsys):
    """The comments are the models' and the checks' own words: following them alone (plus the ids of existing
    records) gives a record that passes, for every kind ``ncp new`` starts."""
    root = copy_of_repository(tmp_path / "repo")
    today = "2026-05-04"
    acts = yaml.safe_load((root / "data" / "legal-basis.yml").read_text(encoding="utf-8"))["acts"]
    composition = yaml.safe_load((root / "data" / "members.yml").read_text(encoding="utf-8"))["compositions"][0]["id"]
    answers = {"legal_basis": f"[{acts[0]['id']}]"}
    extra = {"activity": ["--in", "action-plan-2023", "--under", "promotion"], "member": ["--in", composition],
             "recommendation": ["--in", "peer-review-2024"]}
    for name, new in cli.new_records(all_kinds()).items():
        before = {p: p.read_text(encoding="utf-8") for p in (root / "data").rglob("*.yml")}
        args = [] if name == "member" else ["--id", "9.9" if name == "recommendation" else f"xx-new-{name}"]
        status, out, err = run(root, capsys, "new", name, *args, "--date", today, *extra.get(name, []))
        assert status == 0, err
        path = root / re.search(r"(data/\S+\.yml):\d+:", out).group(1)
        old = before.get(path, "")
        text = path.read_text(encoding="utf-8")
        start = len(old.rstrip("\n").split("\n")) if old and text.startswith(old.rstrip("\n")) else 0
        lines = text.split("\n")
        path.write_text("\n".join(lines[:start] + filled_in("\n".join(lines[start:]), today, answers).split("\n")),
                        encoding="utf-8")
    status, out, _ = run(root, capsys, "check")
    assert status == 0, "\n".join(errors_in(out))


def test_a_new_case_has_the_submission_date_and_what_most_cases_share_written_in(tmp_path, capsys, monkeypatch):
    """``--date`` fills dates.submission (it used to be dropped silently); Kazakhstan as host country and lead NCP,
    the lead role and ``status_as_of`` the day it is started (``SOURCE_DATE_EPOCH``) are written in, to change if
    need be."""
    root = copy_of_repository(tmp_path / "repo")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    status, _, err = run(root, capsys, "new", "case", "--id", "kz-2026-dated", "--date", "2026-05-04")
    assert status == 0, err
    record = yaml.safe_load((root / "data" / "cases" / "kz-2026-dated.yml").read_text(encoding="utf-8"))
    assert record["dates"]["submission"] == dt.date(2026, 5, 4)
    assert (record["host_country"], record["ncp_role"], record["lead_ncp"]) == ("KZ", "lead", "KZ")
    assert record["status_as_of"] == dt.date(2026, 5, 28)
    assert record["submitter"] == {"type": None, "withheld": False, "name_unknown": False, "name": None,
                                   "organisation": None}


def test_the_comments_say_what_the_checks_ask_for():
    """Words the issue found wrong: keywords are a list per language; a submitter's name is required unless
    withheld or unknown (the check demands it), not "optional"; a code YAML would read as true or false is quoted."""
    from ncp_site.core.skeleton import skeleton
    from ncp_site.kinds.cases.model import SpecificInstance
    from ncp_site.kinds.policies.model import Policy

    lines = skeleton(SpecificInstance, ("kk", "ru", "en"))
    assert next(x for x in lines if x.startswith("keywords:")).endswith("a list per language, in brackets: "
                                                                     "kk: [first, second]")
    assert "  name:  # required unless withheld: true or name_unknown: true; " in "\n".join(lines)
    assert next(x for x in lines if x.startswith("chapters:")).startswith(
        "chapters: []  # required unless the status is not_reported")
    refers = next(x for x in skeleton(Policy, ("kk", "ru", "en")) if x.startswith("refers_to_ncp:"))
    assert 'one of: "yes", "no", proposed' in refers


@pytest.mark.parametrize("args, message", [
    (["case", "--id", "a..b"], "--id 'a..b': 'a..b' is not written as this field is -- write two lower-case Latin "
                               "letters (a country's code)"),
    (["case", "--id", "kz.yml"], "--id 'kz.yml': 'kz.yml' is not written as this field is"),
    (["faq", "--id", "Who-Pays"], "--id 'Who-Pays': 'Who-Pays' is not written as this field is -- write lower-case"),
    (["case", "--id", "kz" + "a" * 298], "is 300 characters long, more than the 100 allowed here -- shorten it"),
    (["event", "--date", "0001-01-01", "--id", "x"], "--date '0001-01-01': '0001-01-01' is outside the years "
                                                     "1990-2100 this site accepts"),
    (["event", "--date", "2026-W01-1", "--title-ru", "Семинар"], "--date '2026-W01-1': '2026-W01-1' is not a date"),
    (["news", "--date", "20260101", "--id", "x"], "--date '20260101': '20260101' is not a date"),
    (["event", "--date", "2026-05", "--id", "x"], "--date '2026-05': write the day as YYYY-MM-DD"),
    (["recommendation", "--in", "peer-review-2024", "--id", "9.9", "--date", "1900-01-01"],
     "--date '1900-01-01': '1900-01-01' is outside the years 1990-2100"),
    (["recommendation", "--in", "peer-review-2024", "--id", "nine", "--date", "2026-01-01"],
     "--id 'nine': 'nine' is not written as this field is -- write the recommendation's number"),
    (["event", "--date", "2026-05-04", "--title-ru", "Семинар\x1b[2J"], "--title-ru holds the control character "
                                                                          "U+001B, which no text may hold"),
    (["activity", "--in", "../../../outside", "--under", "promotion", "--id", "x"],
     "there is no plan '../../../outside' in data/action-plans/ -- give the id of one: action-plan-2023"),
])
def test_arguments_ncp_check_would_refuse_are_refused_and_nothing_is_written(repo, capsys, args, message):
    """``ncp new`` validates its arguments with the record's own fields, the rules ``ncp check`` applies: before,
    these wrote files ``ncp check`` then refused, appended outside the repository, or ended in a traceback."""
    before = snapshot(repo)
    outside = repo.parent / "outside.yml"
    status, out, err = run(repo, capsys, "new", *args)
    assert status == 1 and err.startswith(f"ncp new {args[0]}: ") and message in err, err
    assert snapshot(repo) == before and not outside.exists()


def test_every_id_ncp_new_accepts_passes_ncp_check(tmp_path, capsys):
    """The other side of the same rule: an id and a date at the edges of what the fields allow load cleanly."""
    root = copy_of_repository(tmp_path / "repo")
    status, _, err = run(root, capsys, "new", "case", "--id", "kz" + "9" * 98)
    assert status == 0, err
    status, _, err = run(root, capsys, "new", "event", "--date", "2100-12-31", "--title-ru", "Семинар")
    assert status == 0, err
    status, out, _ = run(root, capsys, "check")
    problems = errors_in(out)
    assert problems and all(re.search(r": (is empty|lists nothing) -- ", p) for p in problems), problems


def test_the_first_record_of_a_kind_makes_its_folder_and_says_so(tmp_path, capsys):
    root = copy_of_repository(tmp_path / "repo")
    for year in (root / "data" / "news").glob("*.yml"):
        year.unlink()
    (root / "data" / "news").rmdir()
    status, out, err = run(root, capsys, "new", "news", "--date", "2026-05-04", "--id", "first")
    assert status == 0, err
    assert "created the folder data/news/" in out and (root / "data" / "news" / "first.yml").is_file()


def test_translations_reviewed_refuses_a_language_the_site_does_not_have(repo, capsys):
    before = snapshot(repo)
    status, _, err = run(repo, capsys, "translations", "reviewed", "--lang", "xx", "--all")
    assert status == 2
    assert "ncp translations reviewed: --lang xx: not a language of this site -- use one of: kk, ru, en" in err
    assert snapshot(repo) == before
