"""Guess whether an article is English or Dutch from its most common little words.

Stop words are a reliable signal for two languages this different: a paragraph of either holds
dozens of them, and the two lists barely overlap. No model, no dependency; ``--lang`` overrides.
"""

from __future__ import annotations

import re

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an and or but if of to in on at for with from by is are was were be been being "
        "it its this that these those you your yours we our they their he she his her i me my "
        "do does did not no can could will would should may might must have has had what which "
        "who when where why how there here then than so as about into up out over after before "
        "all any some just also very".split()
    ),
    "nl": frozenset(
        "de het een en of maar als van naar in op aan voor met uit door bij is zijn was waren "
        "wordt worden werd dit dat deze die u uw je jij jouw we wij ons onze zij ze hun hij haar "
        "ik mij mijn niet geen kan kunt kunnen zal zou moet moeten heeft hebt hebben had wat "
        "welke wie wanneer waar waarom hoe er hier dan dus ook nog al om te tot over na "
        "voordat nadat alle sommige even zeer doen".split()
    ),
}
"""Frequent function words per language; also dropped from FAQ id slugs."""

DEFAULT_LANGUAGE = "en"
WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The language whose stop words occur most often in ``text``; English on a tie."""
    counts = dict.fromkeys(STOP_WORDS, 0)
    for word in WORD.findall(text.lower()):
        for lang, words in STOP_WORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts.values())
    if best == 0 or counts[DEFAULT_LANGUAGE] == best:
        return DEFAULT_LANGUAGE
    return max(counts, key=lambda lang: counts[lang])


def stop_words(lang: str) -> frozenset[str]:
    """Stop words of ``lang`` (primary subtag), empty for languages we do not know."""
    return STOP_WORDS.get(lang.split("-")[0].lower(), frozenset())
