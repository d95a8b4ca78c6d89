"""Per-language search: a search on a page in one language finds only pages in that language.

Material's search plugin writes one lunr index, ``search/search_index.json`` at the site root, and
mkdocs-static-i18n stacks every language's pages into it. After the build, this module splits that
index by the language folder of each entry (``ru/...`` Russian, ``en/...`` English, the rest
Kazakh) and writes each language's own index under that language's root: ``search/`` (kk),
``ru/search/``, ``en/search/``. Locations become relative to the language root, because the theme
(``overrides/main.html``, block ``config``) gives Material the language root as its search base.

Each index also carries the lunr settings for its language, which Material's search worker reads
from the index (``config.lang``, ``config.pipeline``, ``config.separator``):

- No stemmer, in any language. Material turns every query word into a prefix search ("случай" is
  sent as ``случай*``) and lunr skips its pipeline, the stemmer included, for wildcard words: the
  query stays unstemmed while the index would hold stems ("случа"), so a stemmer makes whole words
  unfindable (measured: with it, "specific" found 0 English pages instead of 9). As far as Material
  allows, inflected forms are found by their common beginning: "предприяти" finds "предприятие",
  "предприятий", "предприятиями"; "кәсіпорын" finds "кәсіпорындарға".
- Russian and English keep lunr's stop-word filter and trimmer (which strips punctuation, so
  "(НКП)" is found as "НКП"). Russian also loads English: the Russian trimmer alone keeps only
  Cyrillic and would drop Latin names and figures on Russian pages.
- lunr has no Kazakh. The Kazakh index loads Russian and English only for their combined trimmer,
  whose word characters are all Cyrillic (ә ғ қ ң ө ұ ү һ і included), Latin letters and digits;
  their stop-word lists are left out: they would drop Kazakh words ("он", ten; "не", what).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.files import write_atomically
from ..core.languages import Languages

INDEX_PATH = "search/search_index.json"

SEPARATOR = r"[\s\-]+"
"""Token separator (Material's default): whitespace and hyphens; the trimmer removes punctuation."""

LUNR_CONFIG: dict[str, dict] = {
    "kk": {"lang": ["ru", "en"], "pipeline": ["trimmer"]},
    "ru": {"lang": ["ru", "en"], "pipeline": ["stopWordFilter", "trimmer"]},
    "en": {"lang": ["en"], "pipeline": ["stopWordFilter", "trimmer"]},
}
OTHER_LANGUAGE = {"lang": ["ru", "en"], "pipeline": ["trimmer"]}
"""A language lunr may not know: its trimmer keeps Cyrillic and Latin words, no stop words."""


def entry_language(location: str, languages: Languages) -> str:
    """The language of a search entry, from the language folder its location starts with."""
    for lang in languages:
        prefix = languages.prefix(lang)
        if prefix and location.startswith(prefix):
            return lang
    return languages.default


def split_index(index: dict, languages: Languages) -> dict[str, dict]:
    """One index per language found in ``index``, locations relative to that language's root.

    Entries keep their order: Material's worker treats the first section after a page as the
    page's own text, so sections must stay right after their page.
    """
    docs: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in index.get("docs", []):
        lang = entry_language(doc["location"], languages)
        docs[lang].append({**doc, "location": doc["location"][len(languages.prefix(lang)):]})
    return {
        lang: {"config": {**index.get("config", {}), **LUNR_CONFIG.get(lang, OTHER_LANGUAGE), "separator": SEPARATOR},
               "docs": entries}
        for lang, entries in docs.items() if entries
    }


def dumps(index: dict) -> str:
    """Stable JSON (sorted keys, no spaces); UTF-8 rather than ``\\u`` escapes: a third of the size."""
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_language_indexes(site_dir: Path, languages: Languages) -> dict[str, Path]:
    """Replace the site-wide index by one index per language; returns the files written.

    Runs after every language build: a build of one language rewrites that language's index, and
    the last step (when the root index holds all languages) rewrites all of them. Splitting an
    already split Kazakh index gives the same file, so running twice changes nothing.
    """
    source = Path(site_dir) / INDEX_PATH
    if not source.is_file():
        return {}
    index = json.loads(source.read_text(encoding="utf-8"))
    written = {}
    for lang, data in split_index(index, languages).items():
        path = Path(site_dir) / languages.prefix(lang) / INDEX_PATH
        write_atomically(path, dumps(data))
        written[lang] = path
    return written
