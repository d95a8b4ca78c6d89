"""One regular expression per deprecated variant, matching its inflected forms.

Russian case endings on every word of the variant, Kazakh suffix chains on its last word, English
plural and possessive endings on its last word. A variant's own ``forms`` list in the glossary
covers what these rules cannot derive (irregular or verb forms).

The same rules give the forms of a word of a name on the never-publish list (``name_word_pattern``),
there with every literal spelt in the form that list is compared in (``spell``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
_RU_SURNAME = (("ов", "ев", "ёв", "ин", "ын"), "ым ых ыми")
"""A surname in -ов/-ев/-ин declines as an adjective in some cases (Петровым, Петровых)."""
_KK_SUFFIXES = (
    ("лар", "лер", "дар", "дер", "тар", "тер"),  # plural
    ("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "ым", "ім", "м", "ың", "ің", "ң", "сы", "сі",
     "ы", "і"),  # possessive
    ("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "а", "е", "ны", "ні", "ды", "ді",
     "ты", "ті", "н", "нда", "нде", "да", "де", "та", "те", "нан", "нен", "дан", "ден", "тан", "тен", "мен", "бен",
     "пен", "ша", "ше"),  # cases
    ("ғы", "гі", "қы", "кі"),  # -дағы / -дегі
)
_KK_VOICED = {"қ": "ғ", "к": "г", "п": "б"}
_KK_VOWELS = "аәеиоөұүыі"
_EN_ENDINGS = ("s", "es", "'s", "’s", "s'", "s’", "es'", "es’")
_WORD = r"\w"

Spell = Callable[[str], str]


def _as_written(text: str) -> str:
    return text


def _literal(text: str, spell: Spell) -> str:
    return re.escape(spell(text))


def _one_of(texts, spell: Spell) -> str:
    return "(?:" + "|".join(_literal(t, spell) for t in texts) + ")"


def _alternatives(stem: str, endings: list[str], spell: Spell) -> str:
    ends = sorted({"" if e == "-" else e for e in endings}, key=len, reverse=True)
    return _literal(stem, spell) + _one_of(ends, spell)


def _ru_word(word: str, last: bool, spell: Spell = _as_written, surname: bool = False) -> str:
    """One Russian word of a variant in all its case forms (adjective or noun; with ``surname``, a surname's too)."""
    w = word.lower()
    if len(w) <= 3:
        return _literal(w, spell)
    forms = []
    if w.endswith(_RU_ADJECTIVE) and not (last and w.endswith(("ие", "ье"))):
        forms.append(_alternatives(w[:-2], _RU_ADJECTIVE_ENDINGS, spell))
    if last or not forms:
        for ending, (drop, others) in _RU_NOUN_ENDINGS.items():
            if w.endswith(ending) and (ending or w[-1] not in "аеёиоуыэюяйь"):
                endings = others.split()
                if surname and w[:len(w) - drop].endswith(_RU_SURNAME[0]):
                    endings += _RU_SURNAME[1].split()
                forms.append(_alternatives(w[:len(w) - drop], endings, spell))
                break
    return "(?:" + "|".join(forms) + ")"


def _kk_suffixes(spell: Spell) -> str:
    return "".join(_one_of(group, spell) + "?" for group in _KK_SUFFIXES)


def _kk_word(word: str, spell: Spell = _as_written) -> str:
    """The last Kazakh word of a variant with any chain of plural, possessive and case suffixes."""
    w = word.lower()
    stems = [_literal(w, spell)]
    if w[-1] in _KK_VOICED:  # шағым is regular; тілек -> тілегі: the final consonant voices before a vowel
        stems.append(_literal(w[:-1] + _KK_VOICED[w[-1]], spell) + "(?=" + _one_of(_KK_VOWELS, spell) + ")")
    return "(?:" + "|".join(stems) + ")" + _kk_suffixes(spell)


def _en_word(word: str, spell: Spell = _as_written) -> str:
    w = word.lower()
    endings = _one_of(_EN_ENDINGS, spell) + "?"
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return "(?:" + _literal(w, spell) + "|" + _literal(w[:-1] + "ies", spell) + ")" + endings
    return _literal(w, spell) + endings


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


def name_word_pattern(word: str, spell: Spell = _as_written) -> str:
    """One word of a person's name in every form the rules derive, whatever the language around it:
    Russian case endings (a surname's included), Kazakh suffix chains, English plural and possessive
    endings. ``spell`` gives each literal in the form the text is searched in."""
    w = _normalise(word).lower()
    return "(?:" + "|".join((_ru_word(w, True, spell, surname=True), _kk_word(w, spell), _en_word(w, spell))) + ")"


def name_word_stem(word: str) -> str:
    """What every form ``name_word_pattern`` derives from ``word`` begins with (an adjective's ending, a final
    vowel or soft sign, a final consonant Kazakh voices, an English final y: each may change)."""
    w = _normalise(word).lower()
    if len(w) > 3 and w.endswith(_RU_ADJECTIVE):
        return w[:-2]
    if w[-1:] in "аеёиоуыэюяйь" or w[-1:] in _KK_VOICED or w.endswith("y"):
        return w[:-1]
    return w


def _normalise(text: str) -> str:
    """ё and е are one letter for matching (same length, so offsets stay valid)."""
    return text.replace("ё", "е").replace("Ё", "Е")
