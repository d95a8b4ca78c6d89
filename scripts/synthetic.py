#!/usr/bin/env python3
"""Synthetic copies of the repository for the benchmark: N more specific instances and M more events.

    python scripts/synthetic.py OUT --cases 1000 --events 5000   # write one, to look at or time by hand

Every record is made from the repository's own records with a fixed seed, every text re-composed
(summaries from 2 to 14 sentences of other records, one-line texts given words of their own, in kk,
ru and en), so that no two are near-copies and the terminology lint has real text to read.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SKIPPED = {".git", ".venv", "node_modules", "test-results", "__pycache__", ".cache", ".pytest_cache", ".hypothesis"}
"""Never copied: environments, caches and results (a copy starts with no ``ncp check`` cache)."""


SEED = 14
EVENTS_PER_FILE = 500
LANGS = ("kk", "ru", "en")


LONG_TEXTS = ("summary", "note", "outcome_note")
"""Fields written as paragraphs; every other translated text is one line (a title, a name, a place)."""


def _localized_texts(value, found: list[tuple[str, dict]], key: str = "") -> None:
    """Every ``{kk, ru, en}`` mapping of strings in a parsed record with its field name, wherever it is nested."""
    if isinstance(value, dict):
        if set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values()):
            found.append((key, value))
            return
        for name, item in value.items():
            _localized_texts(item, found, name)
    elif isinstance(value, list):
        for item in value:
            _localized_texts(item, found, key)


def _text_pools(records: list[dict], glossary: str) -> dict[str, dict[str, list[str]]]:
    """Sentences and words of every language, taken from the repository's own records; no word of
    the glossary, so that words put side by side never make a deprecated term."""
    in_glossary = {w.lower()[:5] for w in re.findall(r"\w+", glossary)}  # a stem, roughly: terms are inflected
    texts: list[tuple[str, dict]] = []
    _localized_texts(records, texts)
    pools = {lang: {"sentences": [], "words": []} for lang in LANGS}
    for key, text in texts:
        for lang in LANGS:
            if key in LONG_TEXTS:
                pools[lang]["sentences"] += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text[lang]) if len(s) > 40]
            pools[lang]["words"] += [w for w in re.findall(r"\w{4,}", text[lang]) if w.lower()[:5] not in in_glossary]
    for pool in pools.values():
        pool["sentences"], pool["words"] = sorted(set(pool["sentences"])), sorted(set(pool["words"]))
    return pools


def _vary(record, rng, pools, n: int):
    """The record with every translated text rewritten: long texts re-composed from other records'
    sentences (a different number each time), short ones given words of their own, so that no two
    synthetic records are near-copies. The same draws are used for the three languages."""
    texts: list[tuple[str, dict]] = []
    _localized_texts(record, texts)
    seen = set()
    for key, text in texts:
        if id(text) in seen:  # one text reached twice through a YAML alias
            continue
        seen.add(id(text))
        if key in LONG_TEXTS:
            count = rng.randint(2, 14)
            picks = [rng.random() for _ in range(count)]
            paragraphs = rng.random() < 0.4
            for lang in LANGS:
                sentences = pools[lang]["sentences"]
                chosen = [sentences[int(p * len(sentences))] for p in picks]
                sep = "\n\n" if paragraphs else " "
                text[lang] = sep.join(chosen)
        else:
            picks = [rng.random() for _ in range(rng.randint(1, 3))]
            for lang in LANGS:
                words = pools[lang]["words"]
                extra = " ".join(words[int(p * len(words))] for p in picks)
                text[lang] = f"{text[lang]} ({extra}, {n})" if text[lang] else text[lang]
    return record


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _dump(path: Path, value) -> None:
    path.write_text(yaml.dump(value, allow_unicode=True, sort_keys=False, width=100,
                              Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper)), encoding="utf-8")


def synthetic_copy(count: int, tmp: Path, events: int = 0, source: Path = REPO) -> Path:
    """A copy of ``source`` with ``count`` more specific instances and ``events`` more events, made
    deterministically (seed ``SEED``) from the repository's records, every text varied (``_vary``)."""
    project = tmp / "project"

    def skipped(folder, names):
        """Not the built site (``site/`` at the top; ``ncp_site/site/`` is code), caches or tools, nor the
        code: ``python -m mkdocs`` puts the project folder first on the path, and each build must run the
        ``ncp_site`` of the environment that runs it (``--baseline`` runs another checkout's)."""
        return [n for n in names if n in SKIPPED or n.startswith(".ncp-build-")
                or (n in ("site", "ncp_site") and Path(folder) == Path(source))]

    shutil.copytree(source, project, ignore=skipped)
    (project / "ncp_site").mkdir()  # empty: mkdocs.yml watches it; the code comes from the environment
    rng = random.Random(SEED)
    cases = [_load(p) for p in sorted((source / "data" / "cases").glob("*.yml"))]
    years = [_load(p) for p in sorted((source / "data" / "events").glob("*.yml"))]
    templates = [e for year in years for e in year["events"]]
    pools = _text_pools(cases + templates, (source / "data" / "glossary.yml").read_text(encoding="utf-8"))
    if events:
        records = []
        for n in range(events):
            record = _vary(copy.deepcopy(templates[rng.randrange(len(templates))]), rng, pools, n)
            record["id"] = f"synthetic-{n:05d}"
            records.append(record)
        for start in range(0, events, EVENTS_PER_FILE):  # a source file may hold at most 10 MB
            year = 2099 - start // EVENTS_PER_FILE
            _dump(project / "data" / "events" / f"{year}.yml", {"events": records[start:start + EVENTS_PER_FILE]})
    for n in range(count):
        record = _vary(copy.deepcopy(cases[rng.randrange(len(cases))]), rng, pools, n)
        record["id"] = record["oecd_id"] = f"z{chr(ord('a') + n // 10000)}{n % 10000:04d}"  # as the OECD writes ids
        _dump(project / "data" / "cases" / f"{record['id']}.yml", record)
    return project


EDITED_CASE = "kz0003"
"""The repository's case whose English title the benchmark edits (a file written by hand, kept as written)."""


def edit_title(project: Path, marker: str, case: str = EDITED_CASE) -> str:
    """Save ``data/cases/<case>.yml`` with its English title replaced by ``marker``, every other line as it
    was (as an editor saves it); returns the case's page under ``/en/``."""
    path = project / "data" / "cases" / f"{case}.yml"
    text = path.read_text(encoding="utf-8")
    edited, found = re.subn(r"(?m)^(title:\n(?:[ \t]+(?:kk|ru): .*\n)*[ \t]+en: ).*$",
                            lambda m: m.group(1) + json.dumps(marker, ensure_ascii=False), text, count=1)
    if not found or _load_text(edited)["title"]["en"] != marker:
        raise SystemExit(f"{path}: no one-line English title to edit -- edit_title() needs updating")
    path.write_text(edited, encoding="utf-8")
    return f"en/cases/{case}/"


def _load_text(text: str):
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="an empty folder; the copy is written to OUT/project")
    parser.add_argument("--cases", type=int, default=0)
    parser.add_argument("--events", type=int, default=0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(synthetic_copy(args.cases, args.out, args.events))


if __name__ == "__main__":
    main()
