"""One regular expression per deprecated variant, matching its inflected forms.

Russian case endings on every word of the variant, Kazakh suffix chains on its last word, English
plural and possessive endings on its last word. A variant's own ``forms`` list in the glossary
covers what these rules cannot derive (irregular or verb forms).
"""

from __future__ import annotations

import re

_RU_ADJECTIVE = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
_RU_ADJECTIVE_ENDINGS = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ей", "ою", "ею"]
_RU_NOUN_ENDINGS = {  # dictionary-form ending -> (letters to drop, endings of the other forms)
    "ие": (1, "е я ю ем и й ям ями ях"),
    "ье": (1, "е я ю ем и й ям ями ях"),
    "ия": (1, "я и ю ей ею й ям ями ях"),
    "ья": (1, "я и ю ей ею й ям ями ях"),
    "а": (1, "а ы и е у ой ою ей ам ами ах -"),
    "я": (1, "я и е ю ей ею ь й ям ями ях -"),
    "о": (1, "о а у ом е ам ами ах -"),
    "е": (1, "е я ю ем ей ям ями ях"),
    "ь": (1, "ь я ю ем е и ей ью ям ями ях"),
    "й": (1, "й я ю ем е и ев ям ями ях"),
    "ы": (1, "ы и а у ом е ов ев ей ам ами ах -"),
    "и": (1, "и ы а я у ю ом ем е ов ев ей ам ям ами ями ах ях -"),
    "": (0, "- а у ом е ы и ов ей ам ами ах"),
}
_KK_SUFFIXES = (
    "(?:лар|лер|дар|дер|тар|тер)?"                                          # plural
    "(?:ымыз|іміз|мыз|міз|ыңыз|іңіз|ңыз|ңіз|ым|ім|м|ың|ің|ң|сы|сі|ы|і)?"    # possessive
    "(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|а|е|ны|ні|ды|ді|ты|ті|н"  # cases
    "|нда|нде|да|де|та|те|нан|нен|дан|ден|тан|тен|мен|бен|пен|ша|ше)?"
    "(?:ғы|гі|қы|кі)?"                                                       # -дағы / -дегі
)
_KK_VOICED = {"қ": "ғ", "к": "г", "п": "б"}
_EN_ENDINGS = "(?:s|es|'s|’s|s'|s’|es'|es’)?"
_WORD = r"\w"


def _alternatives(stem: str, endings: list[str]) -> str:
    ends = sorted({"" if e == "-" else e for e in endings}, key=len, reverse=True)
    return re.escape(stem) + "(?:" + "|".join(re.escape(e) for e in ends) + ")"


def _ru_word(word: str, last: bool) -> str:
    """One Russian word of a variant in all its case forms (adjective or noun)."""
    w = word.lower()
    if len(w) <= 3:
        return re.escape(w)
    forms = []
    if w.endswith(_RU_ADJECTIVE) and not (last and w.endswith(("ие", "ье"))):
        forms.append(_alternatives(w[:-2], _RU_ADJECTIVE_ENDINGS))
    if last or not forms:
        for ending, (drop, others) in _RU_NOUN_ENDINGS.items():
            if w.endswith(ending) and (ending or w[-1] not in "аеёиоуыэюяйь"):
                forms.append(_alternatives(w[:len(w) - drop], others.split()))
                break
    return "(?:" + "|".join(forms) + ")"


def _kk_word(word: str) -> str:
    """The last Kazakh word of a variant with any chain of plural, possessive and case suffixes."""
    w = word.lower()
    stems = [re.escape(w)]
    if w[-1] in _KK_VOICED:  # шағым is regular; тілек -> тілегі: the final consonant voices before a vowel
        stems.append(re.escape(w[:-1] + _KK_VOICED[w[-1]]) + "(?=[аәеиоөұүыі])")
    return "(?:" + "|".join(stems) + ")" + _KK_SUFFIXES


def _en_word(word: str) -> str:
    w = word.lower()
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return "(?:" + re.escape(w) + "|" + re.escape(w[:-1]) + "ies)" + _EN_ENDINGS
    return re.escape(w) + _EN_ENDINGS


def variant_pattern(variant: str, lang: str) -> str:
    """The regular expression of one deprecated variant in ``lang`` (without word boundaries)."""
    words = _normalise(variant).split()
    parts = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if lang == "ru":
            parts.append(_ru_word(word, last))
        elif last and lang == "kk":
            parts.append(_kk_word(word))
        elif last and lang == "en":
            parts.append(_en_word(word))
        else:
            parts.append(re.escape(word.lower()))
    return r"\s+".join(parts)



def _normalise(text: str) -> str:
    """ё and е are one letter for matching (same length, so offsets stay valid)."""
    return text.replace("ё", "е").replace("Ё", "Е")
