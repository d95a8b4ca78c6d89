"""What narrates a source, in each language: the phrases the reviewers found ("according to the peer
review", "not known", «бізге белгісіз», «нам не известен») and their kin. The NCP states facts and cites
its sources; tests of the hand-written pages, the data and every page made from it share this list.
"""

from __future__ import annotations

import re

NARRATION = {
    "en": (
        r"\baccording to (?:the )?(?:\d{4} )?(?:OECD |UNDP )?(?:peer review|review|baseline|assessment|source)",
        r"\bnot known\b",
        r"\bnot reported\b",
        r"\bnamed in the (?:\d{4} )?(?:OECD )?(?:peer )?review\b",
        r"\bknown to us\b",
        r"\bwe know of no\b",
        r"\bwhere (?:this|it) (?:is known|was reported)\b",
        r"\bnot given by the source\b",
        r"\b(?:review|report|assessment|source) does not (?:give|quote|say|state|mention|name)\b",
        r"\bdoes not quote\b",
        r"\bas the [^.]{0,80}(?:review|assessment)[^.]{0,30} reports?\b",
        r"\bso far (?:the|two|only) [^.]{0,80}(?:review|assessment)",
        r"\btold the (?:\d{4} )?(?:peer )?(?:review|reviewers)\b",
        r"\b(?:a|the) source (?:confirms|gives|names)\b",
        r"\bthose (?:listed in|named in|described in|reported in|the [^.]{0,60}(?:review|assessment))",
    ),
    "ru": (
        r"\bпо данным (?:взаимной|базовой|оценки|ОЭСР|ПРООН|вставки|приложения|источника)",
        r"\bсогласно (?:взаимной|базовой) оценке",
        r"\bне извест(?:ен|н)",
        r"\bнеизвестн",
        r"\bне сообщается",
        r"\bне сообщал(?:ось|ась|ся|и)\b",
        r"\bв источнике не\b",
        r"\bназванн\w* во взаимной оценке",
        r"\bне привод[ия]тся",
        r"\bесли (?:это|оно|она|они) известн",
        r"\b(?:названы|описанные|описаны|описанных) во взаимной оценке",
        r"\bподтвержден\w* источником",
        r"\bо которых сообщают",
        r"\bкак (?:их|её|его) излагает",
        r"\bпо перечню из взаимной оценки",
        r"\bсообщил[аи]? (?:в ходе взаимной оценки|группе по взаимной оценке)",
    ),
    "kk": (
        r"бізге белгісіз",
        r"бағалау(?:ы|ының|дың|ына|ға)? (?:деректері бойынша|сәйкес)",
        r"хабарланбаған",
        r"дереккөзде күні",
        r"бағалауында аталмаған",
        r"белгілі болса",
        r"дереккөзде (?:көрсетілмеген|берілмеген)",
        r"(?:мекенжайы|сілтемесі) белгісіз",
        r"бағалауында[^.]{0,60}(?:аталғандары|сипатталған)",
        r"бағалауда [^.]{0,60}көрсетілмеген",
        r"дереккөз растаған",
        r"хабарлаған оқиғалар",
        r"сипаттағандай",
        r"баяндалған күйінде",
        r"бағалау (?:барысында|тобына)[^.]{0,80}(?:айтты|хабарлады)",
        r"бағалауындағы[^.]{0,20}тізім бойынша",
    ),
}


def narration(text: str, lang: str) -> list[re.Match]:
    """Every narrating phrase in ``text``; a phrase may run over a line break."""
    return [m for pattern in NARRATION[lang]
            for m in re.finditer(pattern.replace(" ", r"\s+"), text, re.IGNORECASE)]
