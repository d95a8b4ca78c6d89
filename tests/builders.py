"""Small, readable test data built by the tests themselves (never the repository's data)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import yaml

from ncp_site import kinds
from ncp_site.core.config import SiteConfig
from ncp_site.core.formats import build_today
from ncp_site.core.languages import Languages
from ncp_site.core.sources import Sources
from ncp_site.core.vocabulary import EDITIONS, GROUPS, ROMAN
from ncp_site.kinds.cases import model as cases
from ncp_site.kinds.cases.model import ONGOING
from ncp_site.kinds.events import model as events
from ncp_site.project import Project

REPO = Path(__file__).resolve().parents[1]
LANGS = ("kk", "ru", "en")
KAZAKHSTAN = Languages(LANGS, "kk", "ru", {"kk": "Қазақша", "ru": "Русский", "en": "English"})
LANGUAGES = {"languages": KAZAKHSTAN}
"""Validation context for models validated directly in tests."""


def config(root: Path, languages: Languages = KAZAKHSTAN) -> SiteConfig:
    root = Path(root)
    return SiteConfig(root=root, languages=languages, data_dir=root / "data", docs_dir=root / "docs")


def load(root: Path, languages: Languages = KAZAKHSTAN) -> Project:
    """The whole project at ``root``, loaded and checked as ``ncp check`` does."""
    return Project.load(config(root, languages))


def collect(root: Path) -> tuple[Project, list]:
    project = load(root)
    return project, project.errors


def load_kind(root: Path, name: str, languages: Languages = KAZAKHSTAN):
    """One kind's data and its own errors (the kinds before it are loaded too: labels need the glossary)."""
    sources = Sources.read(config(root, languages))
    for kind, value, errors in kinds.load_each(sources, build_today(), []):
        if kind.name == name:
            return value, errors
    raise KeyError(name)


def vocabulary_ids() -> list[str]:
    ids = [f"chapter_{r.lower()}_{e}" for r in ROMAN for e in EDITIONS]
    ids += ["guidelines_2011", "guidelines_2023", "role_lead", "role_supporting"]
    ids += [f"status_{s}" for s in cases.Status.__args__]
    ids += [f"outcome_{s}" for s in cases.Outcome.__args__]
    ids += [f"submitter_{s}" for s in cases.SubmitterType.__args__]
    ids += [cases.sector_concept(s) for s in cases.ISIC_SECTIONS]
    ids += [f"statement_{s}" for s in cases.StatementKind.__args__]
    ids += [f"stage_{s}" for s in cases.STAGES]
    ids += [f"format_{f}" for f in events.FORMATS] + [f"event_role_{r}" for r in events.ROLES]
    ids += [f"event_kind_{k}" for k in events.KINDS]
    ids += [f"group_{g}" for g in GROUPS]
    return ids


def concept(cid: str, category: str = "general", langs=LANGS, **terms) -> dict:
    def entry(lang):
        return terms.get(lang) or {"preferred": f"{cid.replace('_', ' ')} {lang}", "status": "draft"}
    return {"id": cid, "category": category, "source": "test",
            "definition": {lang: f"definition of {cid} ({lang})" for lang in langs},
            "terms": {lang: entry(lang) for lang in langs}}


def glossary_data(extra: list[dict] = (), langs=LANGS) -> dict:
    category = lambda cid: "chapter" if cid.startswith("chapter_") else "general"
    return {"concepts": [concept(cid, category(cid), langs) for cid in vocabulary_ids()] + list(extra)}


def case_record(case_id: str = "kz0101", langs=LANGS, **changes) -> dict:
    record = {
        "id": case_id,
        "oecd_id": None,
        "title": {lang: f"Case {case_id} ({lang})" for lang in langs},
        "enterprise": {"organisation": "example-llp", "sector": "C", "home_country": "KZ"},
        "submitter": {"type": "individual", "withheld": True},
        "host_country": "KZ",
        "ncp_role": "lead",
        "lead_ncp": "KZ",
        "supporting_ncps": [],
        "chapters": ["IV"],
        "keywords": {lang: [f"kw-{lang}"] for lang in langs},
        "dates": {"submission": "2022-01-10", "initial_assessment": None,
                  "conclusion": None, "follow_up": None},
        "status": "under_initial_assessment",
        "outcome": None,
        "summary": {lang: f"Summary of {case_id} in {lang}." for lang in langs},
        "statements": [],
    }
    for key, value in changes.items():
        target = record
        *path, last = key.split("__")
        for part in path:
            target = target[part]
        target[last] = value
    if record["status"] in ONGOING and "status_as_of" not in record:
        submitted = record["dates"]["submission"]
        record["status_as_of"] = submitted if submitted not in (None, "not_reported", "not_reached") else "2022-01-10"
    return record


ORGANISATIONS = [
    {"id": "example-llp", "name": {"kk": "«Example» ЖШС", "ru": "ТОО «Example»", "en": "Example LLP"}, "type": "enterprise"},
    {"id": "gm-korea", "name": {lang: "GM Korea" for lang in LANGS}, "type": "enterprise"},
    {"id": "example-union", "name": {"kk": "Мысал кәсіподағы", "ru": "Профсоюз «Пример»", "en": "Example Union"},
     "type": "trade_union"},
    {"id": "undp", "name": {"kk": "БҰҰДБ", "ru": "ПРООН", "en": "UNDP"}, "type": "international_organisation"},
    {"id": "oecd", "name": {lang: "OECD" for lang in LANGS}, "type": "international_organisation"},
    {"id": "ministry", "name": {"kk": "Министрлік", "ru": "Министерство", "en": "Ministry"}, "type": "government_body"},
    {"id": "chamber", "name": {lang: "Example Chamber" for lang in LANGS}, "type": "business_association"},
    {"id": "foundation", "name": {"kk": "Қор", "ru": "Фонд", "en": "Foundation"}, "type": "civil_society"},
    {"id": "institute", "name": {lang: "Example Institute" for lang in LANGS}, "type": "academia"},
]
"""The organisations a small project's records may name (``data/organisations.yml``)."""


def organisations_data(extra: list[dict] = (), langs=LANGS) -> dict:
    """``ORGANISATIONS`` and ``extra`` (an organisation of both once), with names in ``langs``."""
    ids = {o["id"] for o in extra}
    return {"organisations": [{**o, "name": {lang: o["name"][lang] for lang in langs}}
                              for o in [o for o in ORGANISATIONS if o["id"] not in ids] + list(extra)]}


def write_yaml(path: Path, data) -> Path:
    """With libyaml's writer: the same text as ``yaml.safe_dump``, five times as fast (a small project's
    glossary is written for hundreds of tests)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def make_project(root: Path, records: list[dict] = (), glossary_extra: list[dict] = ()) -> Path:
    """A minimal valid project: glossary, interface strings, organisations, the given cases, one trilingual page."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_yaml(root / "data" / "glossary.yml", glossary_data(glossary_extra))
    shutil.copy(REPO / "data" / "ui.yml", root / "data" / "ui.yml")
    write_yaml(root / "data" / "organisations.yml", organisations_data())
    (root / "data" / "cases").mkdir(parents=True, exist_ok=True)
    for record in records:
        write_yaml(root / "data" / "cases" / f"{record['id']}.yml", record)
    for lang in LANGS:
        page = root / "docs" / f"index.{lang}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Home ({lang})\n", encoding="utf-8")
    return root


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def line_of(text: str, fragment: str, after: str = "") -> int:
    """The line on which ``fragment`` first appears (after ``after``, when given)."""
    start = text.index(after) if after else 0
    return text[:text.index(fragment, start)].count("\n") + 1


def check_unchanged(root: Path, capsys, folder: Path) -> tuple[int, str]:
    """Run `ncp check` on ``root``; the data files in ``folder`` must come out unchanged."""
    from ncp_site import cli
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    status = cli.main(["--root", str(root), "check"])
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before, "ncp check must never change a data file"
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return status, out


def problem_at(root: Path, capsys, path: str, text: str, fragment, field: str, lang: str | None = None) -> str:
    """``ncp check`` of ``root``, whose ``data/<path>`` holds ``text``: it must fail, change no data file, and
    report a problem at ``data/<path>:<line>: <field> (<lang>): `` (the line of ``fragment``, or of
    ``fragment[1]`` after ``fragment[0]``) that says how to fix it (`` -- ``) in a bounded line; that problem."""
    status, out = check_unchanged(root, capsys, (root / "data" / path).parent)
    line = line_of(text, fragment[1], after=fragment[0]) if isinstance(fragment, tuple) else line_of(text, fragment)
    expected = f"data/{path}:{line}: {field} ({lang}): " if lang else f"data/{path}:{line}: {field}: "
    assert status == 1 and expected in out, out
    problem = next(m for m in out.splitlines() if m.startswith(expected))
    assert " -- " in problem and len(problem) < 500, problem
    return problem


def summary_checked(tmp_path: Path, capsys, summary: str, lang: str = "en") -> tuple[int, str, str]:
    """``ncp check`` of a project whose one case has ``summary`` in ``lang``: the exit status, the output and
    the prefix of a problem at the summary's line (``data/cases/kz0101.yml:37: summary (en): ``)."""
    record = case_record("kz0101")
    record["summary"][lang] = summary
    root = make_project(tmp_path, [record])
    rows = (root / "data/cases/kz0101.yml").read_text(encoding="utf-8").splitlines()
    start = rows.index("summary:")
    line = next(i for i, row in enumerate(rows[start:], start + 1) if row.startswith(f"  {lang}:"))
    status, out = check_unchanged(root, capsys, root / "data" / "cases")
    return status, out, f"data/cases/kz0101.yml:{line}: summary ({lang}): "


def write_texts(folder: Path, files: dict[str, str]) -> Path:
    """Write hand-written YAML texts (so tests know their lines) into a data folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def buildable(root: Path, pages: dict[str, dict[str, str]]) -> Path:
    """Make a project MkDocs can build: the repository's configuration with a nav of the given pages."""
    import re

    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    nav = "nav:\n" + "".join(f"  - {page}\n" for page in ["index.md", *pages])
    config = re.sub(r"(?m)^nav:\n(?:  .*\n)+", nav, config)
    config = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(REPO / "macros.py", root / "macros.py")
    shutil.copytree(REPO / "overrides", root / "overrides", dirs_exist_ok=True)
    for page, texts in pages.items():
        for lang, text in texts.items():
            path = root / "docs" / page.replace("index.md", f"index.{lang}.md")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


# --- every text field of every data kind --------------------------------------------------

def copy_of_repository(root: Path) -> Path:
    """The repository's configuration, data, pages and theme in ``root`` (buildable there)."""
    import re

    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config), encoding="utf-8")
    for folder in ("data", "docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    shutil.copy(REPO / "macros.py", root / "macros.py")
    return root


def strings_of(data, loc: tuple = ()):
    """``(loc, text)`` of every string value in parsed YAML (keys are codes, not text)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings_of(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings_of(value, loc + (i,))
    elif isinstance(data, str):
        yield loc, data


def _set(data, loc: tuple, value) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def plant_everywhere(root: Path, *payloads, rounds: int = 12) -> dict[int, tuple[str, tuple]]:
    """Replace every string in every data file under ``root`` by ``payload(n)`` where the data allows it.

    Generic over the data kinds: each string value is replaced, the project is loaded as ``ncp check``
    does, and a value the check refuses gets the next payload (a Markdown field refuses a script link),
    then its original back (codes, ids, dates, addresses...), until the project loads without errors.
    Returns ``n -> (data file, key path)`` of what stayed planted.
    """
    from ncp_site.core.sources import STATE_FILE
    from ncp_site.core.yamlsrc import field_name

    languages = set(LANGS)
    files = {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in sorted((root / "data").rglob("*.yml")) if p.name != STATE_FILE}
    planted: dict[int, tuple[str, tuple]] = {}
    original: dict[int, str] = {}
    tried: dict[int, int] = {}
    for shown, data in files.items():
        for loc, text in list(strings_of(data)):
            n = len(planted) + 1
            planted[n], original[n], tried[n] = (shown, loc), text, 0
            _set(data, loc, payloads[0](n) + _slots(text))

    def described(loc: tuple) -> tuple[str, str | None]:
        if loc and loc[-1] in languages:
            return field_name(loc[:-1]), loc[-1]
        return field_name(loc), None

    named = {n: described(loc) for n, (_, loc) in planted.items()}
    errors: list = []
    changed = set(files)
    for _ in range(rounds + len(payloads)):
        for shown in changed:  # libyaml's writer: the files hold thousands of planted texts
            (root / shown).write_text(yaml.dump(files[shown], Dumper=yaml.CSafeDumper, allow_unicode=True,
                                                sort_keys=False), encoding="utf-8")
        changed = set()
        errors = load(root).errors
        if not errors:
            return planted
        located = {(e.path, e.field, e.lang) for e in errors}
        fields = {(e.path, e.field) for e in errors}
        exact = [n for n, (shown, _) in planted.items()
                 if (shown, *named[n]) in located or (named[n][1] is None and (shown, named[n][0]) in fields)]
        if not exact:  # an error about a whole record or list: give back what is under the field it names
            under: dict[str, tuple[str, ...]] = {}
            for e in errors:
                under[e.path] = (*under.get(e.path, ()), e.field)
            exact = [n for n, (shown, _) in planted.items() if named[n][0].startswith(under.get(shown, ()))]
        assert exact, "errors not caused by a planted value:\n" + "\n".join(map(str, errors))
        for n in exact:
            shown, loc = planted[n]
            tried[n] += 1
            changed.add(shown)
            if tried[n] < len(payloads):
                _set(files[shown], loc, payloads[tried[n]](n) + _slots(original[n]))
            else:
                del planted[n]
                _set(files[shown], loc, original[n])
    raise AssertionError("planting did not converge:\n" + "\n".join(map(str, errors)))


def _slots(text: str) -> str:
    """Interface wording keeps its placeholders (``{n}``)."""
    return "".join(re.findall(r"\{\w+\}", text))


class _ChartPairs(HTMLParser):
    """Each ``div.ncp-stat-pair``: its table's last number per body row, and its chart's parts."""

    def __init__(self):
        super().__init__()
        self.pairs, self.stack, self.pair, self.capture, self.row = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self.stack.append(tag)
        if tag == "div" and "ncp-stat-pair" in classes:
            self.pair = {"depth": len(self.stack), "table": [], "values": [], "labels": [], "title": None,
                         "figure": None, "bars": []}
        elif self.pair is None:
            return
        elif tag == "tr":
            self.row = None if "ncp-total" in classes else []
        elif tag == "td":
            self.capture = ("td", "")
        elif tag == "figure":
            self.pair["figure"] = attrs
        elif tag == "figcaption":
            self.capture = ("title", "")
        elif tag == "span" and "ncp-chart__value" in classes:
            self.capture = ("value", "")
        elif tag == "span" and "ncp-chart__label" in classes:
            self.capture = ("label", "")
        elif tag == "svg":
            self.pair["bars"].append({"svg": attrs})
        elif tag == "rect" and self.pair["bars"]:
            self.pair["bars"][-1]["rect"] = attrs

    def handle_data(self, data):
        if self.capture is not None:
            self.capture = (self.capture[0], self.capture[1] + data)

    def handle_endtag(self, tag):
        if self.pair is not None and self.capture is not None and tag in ("td", "figcaption", "span"):
            key, text = self.capture
            if key == "td" and self.row is not None:
                self.row.append(text.strip())
            elif key == "value":
                self.pair["values"].append(text.strip())
            elif key == "label":
                self.pair["labels"].append(text.strip())
            elif key == "title":
                self.pair["title"] = text.strip()
            self.capture = None
        if self.pair is not None and tag == "tr" and self.row:
            self.pair["table"].append(self.row[-1])
            self.row = None
        if self.pair is not None and tag == "div" and len(self.stack) == self.pair["depth"]:
            self.pairs.append(self.pair)
            self.pair = None
        if self.stack:
            self.stack.pop()


def chart_pairs(html: str) -> list[dict]:
    """Every table-and-chart pair of a fragment: ``table`` (each row's last number, totals left out), ``values``
    and ``labels`` (the chart's rows as shown), ``title`` (its caption), ``figure`` (its attributes), ``bars``
    (each bar's ``svg`` and ``rect`` attributes)."""
    parser = _ChartPairs()
    parser.feed(html)
    return parser.pairs


def without_labels(html: str) -> str:
    """A table's HTML without its cells' ``data-label`` (the column's name, shown beside the value when
    the table is drawn as cards): what the cells hold, to compare with plain ``<td>...</td>``."""
    return re.sub(r' data-label="[^"]*"', "", html)


def script(name: str):
    """A developer's tool in ``scripts/`` (not part of the package), loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None, name
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
