"""Dictionary forms of a word, so that a question and a guide meet where the stemmer misses.

Snowball stems "descaled" and "descaling" alike, but not Dutch "trager" and "traag" (a long
vowel is written single before a syllable and double at the end of a word), nor "drukken" and
"ingedrukt" (a past participle with "ge" and a separable particle), nor "eitje" and "ei" (a
diminutive), nor "invriezen" and "vriezer" (a separable particle before the verb, and a "z"
written "s" at the end of a word). Both sides are reduced to the forms a dictionary might list
them under; where a form is shared, the words meet.
"""

from __future__ import annotations

import re

from voice.language.form_lists import (
    BASE_ENDINGS,
    DIMINUTIVES,
    FINAL_DEVOICING,
    INFINITIVE,
    OPEN_SYLLABLES,
    PARTICIPLE_MARK,
    PARTICIPLES,
    SEPARABLE,
)
from voice.language.strong_verbs import strong_infinitives
from voice.language.word_data import irregular_forms

_SHORT_END = re.compile(r"(?:^|[^aeiou])[aeou][^aeiouwjy]$")
"""A single vowel before a last consonant ("trag"), where Dutch writes a long vowel double."""
_DOUBLE_END = re.compile(r"([^aeiou])\1$")
"""A doubled last consonant ("drukk" of "drukken"), single at the end of a Dutch word."""
_LONG_END = re.compile(r"(?:^|[^aeiou])([aeou])\1[^aeiouwjy]$")
"""A doubled vowel before the last consonant ("keer"), written single before a syllable."""
_CLOSED_END = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwjy]$")
"""A short vowel before the last consonant ("schrik"), whose consonant doubles before one."""
MIN_BASE = 3
"""Least length of what is left when an inflection ending goes: "best" is no "be" + "st"."""
SHORT_DIMINUTIVE = "t"
"""The first letter of the only diminutive ending that may leave a base of two letters: "-tje"
follows a long vowel or diphthong ("eitje" is "ei" + "tje"); "kopje" is no "ko" + "pje"."""
MIN_VERB = 5
"""Least length of the verb left when a separable particle goes: "invriezen" -> "vriezen",
but "inen" is no verb."""
VERB_END = "en"
"""The infinitive ending: only a word with it loses a particle in front ("omdraaien"), so that
nouns such as "inhoud" are not read as "houd"."""


def _long_vowel(form: str) -> str:
    """ "trag" -> "traag": the vowel doubled, as Dutch writes it at the end of a word."""
    return form[:-1] + form[-2] + form[-1]


def base_forms(lang: str, word: str) -> tuple[str, ...]:
    """The word and the forms a dictionary might list it under: "descaled" -> "descale",
    Dutch "trager" -> "traag", "ingedrukt" -> "druk", "eitje" -> "ei", "zeven" -> "zeef", and
    an irregular form's own ("lost" -> "lose", from ``word_data.irregular_forms``; "gebroken"
    -> "breken", from ``strong_verbs``)."""
    forms = [word, *_without_particle(lang, word)]
    for form in list(forms):
        forms += _without_ending(form, BASE_ENDINGS.get(lang, ()))
        forms += _without_ending(form, DIMINUTIVES.get(lang, ()), SHORT_DIMINUTIVE)
    if lang in OPEN_SYLLABLES:  # "trag" -> "traag", "drukk" -> "druk"
        cut = forms[1:]
        forms += [_long_vowel(form) for form in cut if _SHORT_END.search(form)]
        forms += [form[:-1] for form in cut if _DOUBLE_END.search(form)]
    for voiced, voiceless in FINAL_DEVOICING.get(lang, ()):  # "zeev" -> "zeef"
        forms += [form[:-1] + voiceless for form in forms[1:] if form.endswith(voiced)]
    forms += irregular_forms(lang).get(word, ())
    forms += strong_infinitives(lang, word, SEPARABLE.get(lang, ()))
    return tuple(dict.fromkeys(forms))


def _without_particle(lang: str, word: str) -> list[str]:
    """The verb without its separable particle and "ge": "ingedrukt" -> "drukt", "omdraaien"
    -> "draaien"."""
    forms = []
    for particle in PARTICIPLES.get(lang, ()):
        start = particle + PARTICIPLE_MARK
        if word.startswith(start) and len(word) - len(start) >= 4:
            forms.append(word[len(start) :])
    if word.endswith(VERB_END):
        for particle in SEPARABLE.get(lang, ()):
            if word.startswith(particle) and len(word) - len(particle) >= MIN_VERB:
                forms.append(word[len(particle) :])
    return forms


def _without_ending(form: str, endings: tuple[tuple[str, str], ...], short: str = "") -> list[str]:
    """``form`` without each ending it has, when ``MIN_BASE`` letters are left (a letter less
    when the ending starts with ``short``)."""
    cut = []
    for ending, base in endings:
        least = MIN_BASE - 1 if short and ending.startswith(short) else MIN_BASE
        if form.endswith(ending) and len(form) - len(ending) >= least:
            cut.append(form[: -len(ending)] + base)
    return cut


def infinitives(lang: str, stem: str) -> tuple[str, ...]:
    """The infinitives a verb stem may have, where a dictionary lists the verb: Dutch "draai"
    -> "draaien", "keer" -> "keren", "schrik" -> "schrikken", "vries" -> "vriezen" (the
    spelling rules of ``base_forms`` undone). Empty for a language without such an ending."""
    ending = INFINITIVE.get(lang)
    if ending is None:
        return ()
    stems = [stem]
    for voiced, voiceless in FINAL_DEVOICING.get(lang, ()):
        if stem.endswith(voiceless):
            stems.append(stem[:-1] + voiced)
    forms = [form + ending for form in stems]
    for form in stems:
        if _LONG_END.search(form):
            forms.append(form[:-2] + form[-1] + ending)
        elif _CLOSED_END.search(form):
            forms.append(form + form[-1] + ending)
    return tuple(dict.fromkeys(forms))
