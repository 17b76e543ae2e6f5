"""Dictionary forms of a word, so that a question and a guide meet where the stemmer misses.

Snowball stems "descaled" and "descaling" alike, but not Dutch "trager" and "traag" (a long
vowel is written single before a syllable and double at the end of a word), nor "drukken" and
"ingedrukt" (a past participle with "ge" and a separable particle). Both sides are reduced to the
forms a dictionary might list them under; where a form is shared, the words meet.
"""

from __future__ import annotations

import re

from voice.language.word_data import irregular_forms
from voice.language.word_lists import BASE_ENDINGS, OPEN_SYLLABLES, PARTICIPLES

_SHORT_END = re.compile(r"(?:^|[^aeiou])[aeou][^aeiouwjy]$")
"""A single vowel before a last consonant ("trag"), where Dutch writes a long vowel double."""
_DOUBLE_END = re.compile(r"([^aeiou])\1$")
"""A doubled last consonant ("drukk" of "drukken"), single at the end of a Dutch word."""


def _long_vowel(form: str) -> str:
    """ "trag" -> "traag": the vowel doubled, as Dutch writes it at the end of a word."""
    return form[:-1] + form[-2] + form[-1]


def base_forms(lang: str, word: str) -> tuple[str, ...]:
    """The word and the forms a dictionary might list it under: "descaled" -> "descale",
    Dutch "trager" -> "traag", "ingedrukt" -> "druk", and an irregular form's own ("lost" ->
    "lose", from ``word_data.irregular_forms``)."""
    forms = [word]
    for particle in PARTICIPLES.get(lang, ()):
        start = particle + "ge"
        if word.startswith(start) and len(word) - len(start) >= 4:
            forms.append(word[len(start) :])
    for form in list(forms):
        for ending, base in BASE_ENDINGS.get(lang, ()):
            if form.endswith(ending) and len(form) - len(ending) >= 3:
                forms.append(form[: -len(ending)] + base)
    if lang in OPEN_SYLLABLES:  # "trag" -> "traag", "drukk" -> "druk"
        cut = forms[1:]
        forms += [_long_vowel(form) for form in cut if _SHORT_END.search(form)]
        forms += [form[:-1] for form in cut if _DOUBLE_END.search(form)]
    forms += irregular_forms(lang).get(word, ())
    return tuple(dict.fromkeys(forms))
